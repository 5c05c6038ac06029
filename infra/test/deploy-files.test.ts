import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ZEnvSchema } from '../../server/src/config/env.ts';

const INFRA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(INFRA, '..');

/** What the operator provides: a random secret for every required `${VAR:?…}`, defaults for `${VAR:-…}`. */
function fillCompose(text: string, filled: Map<string, string>): string {
  return text.replace(/\$\{(\w+)(:\?[^}]*|:-([^}]*))?\}/g, (_m, name: string, op?: string, def?: string) => {
    if (op?.startsWith(':-')) return def ?? '';
    if (!filled.has(name)) filled.set(name, randomBytes(32).toString('hex'));
    return filled.get(name)!;
  });
}

function k8sDocs() {
  return parseAllDocuments(readFileSync(path.join(INFRA, 'k8s/telemost.yaml'), 'utf8')).map((d) => d.toJS());
}

/** Whether an Ingress path rule matches a request path (Kubernetes Exact and Prefix semantics). */
function ingressRoutes(paths: { path: string; pathType: string }[], requestPath: string): boolean {
  return paths.some((p) =>
    p.pathType === 'Exact'
      ? requestPath === p.path
      : requestPath === p.path || requestPath.startsWith(`${p.path.replace(/\/$/, '')}/`),
  );
}

describe('deployment files', () => {
  it('when the compose file is read, then it is valid YAML whose app env passes the api env schema', () => {
    const compose = parse(fillCompose(readFileSync(path.join(INFRA, 'compose.yaml'), 'utf8'), new Map()));
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
    const docs = k8sDocs();
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
    // The Secret's "" values are the operator's to fill: filled, the env passes.
    const secret = Object.fromEntries(
      Object.entries(docs.find((d) => d.kind === 'Secret').stringData as Record<string, string>).map(
        ([k, v]) => [
          k,
          v !== ''
            ? v
            : k === 'DATABASE_URL'
              ? 'postgres://telemost:pw@postgres:5432/telemost'
              : k === 'LIVEKIT_API_KEY'
                ? 'APIk8stest'
                : randomBytes(32).toString('hex'),
        ],
      ),
    );
    const env = ZEnvSchema.safeParse({ ...config, ...secret });
    expect(env.success, JSON.stringify(env.error?.issues)).toBe(true);
    for (const dep of docs.filter((d) => d.kind === 'Deployment')) {
      const labels = dep.spec.template.metadata.labels;
      expect(dep.spec.selector.matchLabels).toEqual(labels);
    }
  });

  it('when the compose file is started without secrets, then each is required, none is a shipped literal, and nothing seeds demo accounts', () => {
    const text = readFileSync(path.join(INFRA, 'compose.yaml'), 'utf8');
    expect(text).not.toMatch(/change-me|telemost-demo|admin@telemost\.example/);
    for (const name of ['POSTGRES_PASSWORD', 'SESSION_SECRET', 'LIVEKIT_API_SECRET']) {
      expect(text).toContain(`\${${name}:?set ${name}}`);
    }
    const filled = new Map<string, string>();
    const compose = parse(fillCompose(text, filled));
    const env = ZEnvSchema.parse(compose.services.api.environment);
    expect(env.NODE_ENV).toBe('production');
    expect(env.SEED_DEMO).toBe(false);
    expect(env.ADMIN_PASSWORD).toBeUndefined();
    // LiveKit gets the same key pair as the api.
    expect(compose.services.livekit.environment.LIVEKIT_KEYS).toBe(
      `${env.LIVEKIT_API_KEY}: ${filled.get('LIVEKIT_API_SECRET')}`,
    );
    expect(readFileSync(path.join(INFRA, 'livekit/livekit.compose.yaml'), 'utf8')).not.toMatch(/change-me/);
  });

  it('when the Kubernetes Secret is applied unfilled, then the api refuses to start in production, naming each secret', () => {
    const docs = k8sDocs();
    const config = docs.find((d) => d.kind === 'ConfigMap').data;
    const secret = docs.find((d) => d.kind === 'Secret').stringData;
    // Kubernetes passes "" through; the api treats an empty variable as unset.
    const cleaned = Object.fromEntries(Object.entries({ ...config, ...secret }).filter(([, v]) => v !== ''));
    const result = ZEnvSchema.safeParse(cleaned);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['SESSION_SECRET', 'LIVEKIT_API_SECRET', 'LIVEKIT_API_KEY']),
    );
    expect(JSON.stringify(secret)).not.toMatch(/change-me/);
  });

  it('when the Ingress is read, then it routes the api, socket.io and every web page, and never the operational endpoints', () => {
    const docs = k8sDocs();
    const ingress = docs.find((d) => d.kind === 'Ingress');
    const paths = ingress.spec.rules.flatMap((r: { http: { paths: unknown[] } }) => r.http.paths);
    const router = readFileSync(path.join(ROOT, 'web/src/app/router.tsx'), 'utf8');
    const pages = [...router.matchAll(/path: '([^'*:]+)'/g)].map((m) => `/${m[1]!.replace(/^\//, '')}`);
    expect(pages.length).toBeGreaterThan(3);
    for (const p of [
      '/',
      '/api/me',
      '/socket.io/',
      '/assets/index-abc.js',
      '/favicon.svg',
      '/events/x/live',
      ...pages,
    ]) {
      expect(ingressRoutes(paths, p), p).toBe(true);
    }
    for (const p of ['/metrics', '/readyz', '/healthz']) expect(ingressRoutes(paths, p), p).toBe(false);
    const api = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'telemost-api');
    expect(api.spec.template.spec.containers[0].readinessProbe.httpGet.port).toBe('metrics');
    const service = docs.find((d) => d.kind === 'Service');
    expect(service.spec.ports.map((p: { targetPort: string }) => p.targetPort)).toEqual(['http']);
  });
});
