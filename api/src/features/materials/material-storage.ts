import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { TEnv } from '@telemost/server/config/env';

/** Where lesson materials' bytes live: a directory (embedded) or an S3-compatible bucket. */
export type TMaterialStorage = {
  kind: 'disk' | 's3';
  put: (key: string, body: Buffer, contentType: string) => Promise<void>;
  /** The bytes, or null when the object is missing. */
  get: (key: string) => Promise<Buffer | null>;
  delete: (key: string) => Promise<void>;
};

type TStorageEnv = Pick<
  TEnv,
  'DATA_DIR' | 'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_REGION'
>;

/** Keys are ours (`<eventId>/<materialId>`), never a user's file name. */
function checkedKey(key: string): string {
  if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`bad storage key ${key}`);
  return key;
}

export function diskStorage(dir: string): TMaterialStorage {
  const file = (key: string) => path.join(dir, checkedKey(key));
  return {
    kind: 'disk',
    put: async (key, body) => {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, target);
    },
    get: async (key) => {
      try {
        return await readFile(file(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    delete: async (key) => {
      await rm(file(key), { force: true });
    },
  };
}

export function s3Storage(env: Required<Omit<TStorageEnv, 'DATA_DIR'>>): TMaterialStorage {
  const client = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
    // Plain PUTs that every S3-compatible server (MinIO, Ceph, Yandex, Selectel…) accepts.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = env.S3_BUCKET;
  return {
    kind: 's3',
    put: async (key, body, contentType) => {
      await client.send(
        new PutObjectCommand({ Bucket, Key: checkedKey(key), Body: body, ContentType: contentType }),
      );
    },
    get: async (key) => {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: checkedKey(key) }));
        return Buffer.from(await out.Body!.transformToByteArray());
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
        throw err;
      }
    },
    delete: async (key) => {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkedKey(key) }));
    },
  };
}

const cache = new WeakMap<object, TMaterialStorage>();

/** S3 when all four S3_* variables are set (the env schema refuses some without the others), else DATA_DIR/materials. */
export function materialStorage(env: TStorageEnv): TMaterialStorage {
  let storage = cache.get(env);
  if (!storage) {
    storage =
      env.S3_ENDPOINT && env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? s3Storage({
            S3_ENDPOINT: env.S3_ENDPOINT,
            S3_BUCKET: env.S3_BUCKET,
            S3_ACCESS_KEY_ID: env.S3_ACCESS_KEY_ID,
            S3_SECRET_ACCESS_KEY: env.S3_SECRET_ACCESS_KEY,
            S3_REGION: env.S3_REGION,
          })
        : diskStorage(path.resolve(env.DATA_DIR, 'materials'));
    cache.set(env, storage);
  }
  return storage;
}
