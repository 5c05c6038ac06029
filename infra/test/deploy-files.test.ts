import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ZEnvSchema } from '../../api/src/config/env.ts';

const INFRA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(INFRA, '..');

describe('deployment files', () => {
  it('when the compose file is read, then it is valid YAML whose app env passes the api env schema', () => {
    const compose = parse(readFileSync(path.join(INFRA, 'compose.yaml'), 'utf8'));
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'livekit', 'api', 'worker']),
    );
    const env = ZEnvSchema.safeParse(compose.services.api.environment);
    expect(env.success, JSON.stringify(env.error?.issues)).toBe(true);
    expect(existsSync(path.join(ROOT, compose.services.api.build.dockerfile))).toBe(true);
    for (const volume of compose.services.livekit.volumes as string[]) {
      expect(existsSync(path.join(INFRA, volume.split(':')[0]!))).toBe(true);
    }
    expect(compose.services.redis.command).toEqual(
      expect.arrayContaining(['--maxmemory-policy', 'noeviction']),
    );
  });

  it('when the Kubernetes manifests are read, then every document is a well-formed object and the env passes the schema', () => {
    const docs = parseAllDocuments(readFileSync(path.join(INFRA, 'k8s/telemost.yaml'), 'utf8')).map((d) =>
      d.toJS(),
    );
    for (const d of docs) {
      expect(d.apiVersion).toBeTruthy();
      expect(d.kind).toBeTruthy();
      expect(d.metadata.name).toBeTruthy();
    }
    const kinds = docs.map((d) => d.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['Namespace', 'Secret', 'ConfigMap', 'Deployment', 'Service', 'Ingress']),
    );
    const config = docs.find((d) => d.kind === 'ConfigMap').data;
    const secret = docs.find((d) => d.kind === 'Secret').stringData;
    const env = ZEnvSchema.safeParse({ ...config, ...secret });
    expect(env.success, JSON.stringify(env.error?.issues)).toBe(true);
    for (const dep of docs.filter((d) => d.kind === 'Deployment')) {
      const labels = dep.spec.template.metadata.labels;
      expect(dep.spec.selector.matchLabels).toEqual(labels);
    }
  });
});
