import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type TestS3 = {
  /** `http://127.0.0.1:<port>`: the S3_ENDPOINT. */
  url: string;
  /** Stored objects by `bucket/key`. */
  objects: Map<string, { body: Buffer; contentType: string | undefined }>;
  /** Every request, as `METHOD /bucket/key`. */
  log: string[];
  close: () => Promise<void>;
};

/**
 * A small S3-compatible server for tests: path-style PutObject, GetObject and DeleteObject on
 * one bucket, in memory. Requests must carry a SigV4 Authorization header for `accessKeyId`
 * (its signature is not verified); anything else is answered as S3 does, with an XML error.
 */
export async function startTestS3(options: { bucket: string; accessKeyId: string }): Promise<TestS3> {
  const objects: TestS3['objects'] = new Map();
  const log: string[] = [];
  const error = (res: http.ServerResponse, status: number, code: string) => {
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`,
    );
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://s3');
      const [, bucket, ...rest] = url.pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      log.push(`${req.method} /${bucket}/${key}`);
      const auth = req.headers.authorization ?? '';
      const sig =
        /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/[^/]+\/s3\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.exec(
          auth,
        );
      if (!sig || !req.headers['x-amz-date']) return error(res, 403, 'AccessDenied');
      if (sig[1] !== options.accessKeyId) return error(res, 403, 'InvalidAccessKeyId');
      if (bucket !== options.bucket) return error(res, 404, 'NoSuchBucket');
      if (!key) return error(res, 400, 'InvalidRequest');
      const id = `${bucket}/${key}`;
      if (req.method === 'PUT') {
        objects.set(id, { body: Buffer.concat(chunks), contentType: req.headers['content-type'] });
        res.writeHead(200, { etag: '"test"' });
        return res.end();
      }
      if (req.method === 'GET') {
        const o = objects.get(id);
        if (!o) return error(res, 404, 'NoSuchKey');
        res.writeHead(200, {
          'content-type': o.contentType ?? 'application/octet-stream',
          'content-length': String(o.body.length),
          etag: '"test"',
        });
        return res.end(o.body);
      }
      if (req.method === 'DELETE') {
        objects.delete(id);
        res.writeHead(204);
        return res.end();
      }
      return error(res, 405, 'MethodNotAllowed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    log,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
