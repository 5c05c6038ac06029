import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';

/**
 * The deploy files through real tools, offline: the Kubernetes manifests through kubeconform against
 * the Kubernetes API's own schemas, the compose file through compose-go (Docker Compose's parser),
 * the LiveKit Helm values' server config through livekit-server's own config parser. `npm test`
 * builds the tools when missing (infra/test/global-setup.ts → infra/install-validators.sh); without
 * Go these tests fail, saying so.
 */

const INFRA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(INFRA, '..');
const BIN = path.join(ROOT, '.tools/bin');
const K8S_VERSION = /KUBERNETES_VERSION="([^"]+)"/.exec(
  readFileSync(path.join(INFRA, 'install-validators.sh'), 'utf8'),
)![1]!;
const SCHEMAS = path.join(ROOT, '.tools/k8s-schemas', K8S_VERSION);
const HELM_VALUES = 'livekit-values.yaml';
const MANIFESTS = readdirSync(path.join(INFRA, 'k8s'))
  .filter((f) => f.endsWith('.yaml') && f !== HELM_VALUES)
  .map((f) => path.join(INFRA, 'k8s', f));

const scratch = mkdtempSync(path.join(tmpdir(), 'telemost-deploy-validate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tool(name: string): string {
  const bin = path.join(BIN, name);
  if (!existsSync(bin)) {
    throw new Error(
      `${bin} is missing: run \`npm run validators:install\` (needs Go; npm test does it by itself)`,
    );
  }
  return bin;
}

function run(bin: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(bin, args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...env },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function kubeconform(files: string[]) {
  if (!existsSync(path.join(SCHEMAS, '.complete'))) {
    throw new Error(
      `${SCHEMAS} is missing: run \`npm run validators:install\` (needs Go; npm test does it by itself)`,
    );
  }
  return run(tool('kubeconform'), [
    '-strict',
    '-summary',
    '-schema-location',
    `${SCHEMAS}/{{.ResourceKind}}{{.KindSuffix}}.json`,
    ...files,
  ]);
}

// biome-ignore lint/suspicious/noExplicitAny: manifests are read as plain YAML, checked field by field below
type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec?: any };
const docs = (): Doc[] =>
  MANIFESTS.flatMap((f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS() as Doc));

/** What the operator provides: a value for every required `${VAR:?…}` of the compose file. */
function composeEnv(text: string): Record<string, string> {
  const names = [...text.matchAll(/\$\{(\w+):\?[^}]*\}/g)].map((m) => m[1]!);
  return Object.fromEntries(
    names.map((n) => [n, `test-${n.toLowerCase()}-0123456789abcdef0123456789abcdef`]),
  );
}

function composeCheck(file: string) {
  return run(tool('compose-check'), [file], composeEnv(readFileSync(file, 'utf8')));
}

describe('Kubernetes manifests, through kubeconform and the Kubernetes API schemas', () => {
  it('when every manifest in infra/k8s is validated strictly, then every object is valid and none is skipped', () => {
    const r = kubeconform(MANIFESTS);
    expect(r.status, r.out).toBe(0);
    const count = docs().length;
    expect(r.out).toContain(`Valid: ${count}, Invalid: 0, Errors: 0, Skipped: 0`);
  });

  it('when a manifest has an unknown field or a wrong type, then kubeconform rejects it naming both', () => {
    const api = docs().find((d) => d.kind === 'Deployment' && d.metadata.name === 'telemost-api')!;
    const broken = structuredClone(api);
    broken.spec.replicas = 'three';
    broken.spec.template.spec.containers[0].readinesProbe =
      broken.spec.template.spec.containers[0].readinessProbe;
    const file = path.join(scratch, 'broken.yaml');
    writeFileSync(file, stringify(broken));
    const r = kubeconform([file]);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("'/spec/replicas': got string, want integer");
    expect(r.out).toContain("additional properties 'readinesProbe' not allowed");
  });

  it('when the manifests are read, then api and worker have requests, limits, probes on declared ports and a disruption budget, and the api an autoscaler', () => {
    const all = docs();
    for (const name of ['telemost-api', 'telemost-worker']) {
      const dep = all.find((d) => d.kind === 'Deployment' && d.metadata.name === name)!;
      const labels = dep.spec.template.metadata.labels;
      for (const c of dep.spec.template.spec.containers) {
        for (const r of ['cpu', 'memory']) {
          expect(c.resources.requests[r], `${name} requests.${r}`).toBeTruthy();
          expect(c.resources.limits[r], `${name} limits.${r}`).toBeTruthy();
        }
        const ports = (c.ports ?? []).map((p: { name: string }) => p.name);
        for (const probe of ['livenessProbe', 'readinessProbe']) {
          expect(c[probe]?.httpGet?.path, `${name} ${probe}`).toMatch(/^\/(healthz|readyz)$/);
          expect(ports, `${name} ${probe} port`).toContain(c[probe].httpGet.port);
        }
      }
      const pdbs = all.filter((d) => d.kind === 'PodDisruptionBudget' && d.metadata.namespace === 'telemost');
      expect(
        pdbs.some((p) => Object.entries(p.spec.selector.matchLabels).every(([k, v]) => labels[k] === v)),
        `${name} has a PodDisruptionBudget`,
      ).toBe(true);
    }
    const hpa = all.find((d) => d.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'telemost-api',
    });
    expect(hpa.metadata.namespace).toBe('telemost');
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
  });

  it('when the worker is stopped, then its grace period outlasts both its longest job (about 55 s) and its own 60 s shutdown', () => {
    const worker = docs().find((d) => d.kind === 'Deployment' && d.metadata.name === 'telemost-worker')!;
    const grace = worker.spec.template.spec.terminationGracePeriodSeconds;
    const own = Number(
      /process\.exit\(1\), (\d+)_000\)/.exec(readFileSync(path.join(ROOT, 'worker/src/main.ts'), 'utf8'))![1],
    );
    expect(own).toBeGreaterThan(55);
    expect(grace).toBeGreaterThan(own);
  });
});

describe('compose file, through compose-go', () => {
  it('when infra/compose.yaml is loaded as Docker Compose loads it, then it resolves, with a worker that has a healthcheck and a long stop grace', () => {
    const r = composeCheck(path.join(INFRA, 'compose.yaml'));
    expect(r.status, r.out).toBe(0);
    const project = JSON.parse(r.out);
    expect(Object.keys(project.services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'livekit', 'api', 'worker']),
    );
    const worker = project.services.worker;
    expect(worker.environment.WORKER_HEALTH_PORT).toBe('9465');
    expect(worker.environment.DATABASE_URL).toBe(project.services.api.environment.DATABASE_URL);
    expect(worker.healthcheck.test.join(' ')).toContain('/readyz');
    expect(worker.stop_grace_period).toBe('1m30s');
    for (const name of ['api', 'worker']) {
      expect(project.services[name].deploy.resources.limits.memory, name).toBeTruthy();
    }
  });

  it('when a compose file names an undefined service or a bad duration, then compose-go rejects it', () => {
    const text = readFileSync(path.join(INFRA, 'compose.yaml'), 'utf8');
    const undefinedService = path.join(INFRA, `.compose-broken-${process.pid}-1.yaml`);
    const badDuration = path.join(INFRA, `.compose-broken-${process.pid}-2.yaml`);
    try {
      // Next to the original, so its relative paths (build context, LiveKit config) still resolve.
      writeFileSync(undefinedService, text.replace('depends_on: [redis]', 'depends_on: [rediss]'));
      writeFileSync(badDuration, text.replace('interval: 5s', 'interval: five'));
      const a = composeCheck(undefinedService);
      expect(a.status).not.toBe(0);
      expect(a.out).toContain('undefined service "rediss"');
      const b = composeCheck(badDuration);
      expect(b.status).not.toBe(0);
      expect(b.out).toContain('invalid duration "five"');
    } finally {
      rmSync(undefinedService, { force: true });
      rmSync(badDuration, { force: true });
    }
  });
});

describe('LiveKit Helm values', () => {
  const values = parse(readFileSync(path.join(INFRA, 'k8s', HELM_VALUES), 'utf8'));
  const parseConfig = (config: unknown) =>
    run(tool('livekit-server'), ['--config-body', stringify(config), 'ports']);

  it("when the values' server config is read by livekit-server's own strict parser, then it is accepted", () => {
    // use_external_ip asks a STUN server for the node's address after parsing, which needs the
    // internet; everything else is parsed and checked as the pods will.
    const r = parseConfig({ ...values.livekit, rtc: { ...values.livekit.rtc, use_external_ip: false } });
    expect(r.out).not.toContain('could not parse config');
    expect(r.out).toContain('7881 - ICE/TCP');
    expect(r.out).toContain('50000-60000 - ICE/UDP range');
  });

  it('when a key is misspelt, then that parser rejects it (so the check above means something)', () => {
    const r = parseConfig({ ...values.livekit, redis: { adress: values.livekit.redis.address } });
    expect(r.out).toContain('field adress not found');
  });

  it('when the values are read, then they make two nodes on separate machines clustered on Redis, with keys from a Secret and webhooks to the api', () => {
    expect(values.replicaCount).toBe(2);
    expect(values.livekit.redis.address).toMatch(/^redis\.telemost\.svc(\.cluster\.local)?:6379$/);
    expect(values.livekit.keys).toBeUndefined();
    expect(values.storeKeysInSecret).toMatchObject({ enabled: true, existingSecret: expect.any(String) });
    expect(values.livekit.key_file).toBeTruthy();
    const telemost = docs();
    const service = telemost.find((d) => d.kind === 'Service' && d.metadata.name === 'telemost-api')!;
    expect(values.livekit.webhook.urls).toEqual([
      `http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local/api/livekit/webhook`,
    ]);
    const anti = values.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    expect(anti.topologyKey).toBe('kubernetes.io/hostname');
    expect(values.podDisruptionBudget).toMatchObject({ enabled: true, maxUnavailable: 1 });
  });
});
