/**
 * Turns the Kubernetes API's own OpenAPI v2 document (`api/openapi-spec/swagger.json` of the Go
 * module k8s.io/kubernetes) into the per-kind JSON schemas kubeconform reads offline, in the shape
 * of its "standalone-strict" schemas: `<kind>-<group>-<version>.json`, each with the definitions it
 * reaches, every object closed to unknown fields (`additionalProperties: false`), int-or-string and
 * quantities accepting a number or a string.
 *
 *   node infra/validate/k8s-schemas.ts <swagger.json> <out dir>
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Schema = { [key: string]: unknown };
const [swaggerPath, outDir] = process.argv.slice(2);
if (!swaggerPath || !outDir) throw new Error('usage: k8s-schemas.ts <swagger.json> <out dir>');
const definitions = JSON.parse(readFileSync(swaggerPath, 'utf8')).definitions as Record<string, Schema>;

const REF = '#/definitions/';
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const s = node as Schema;
  if (s.format === 'int-or-string') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'description' || k.startsWith('x-kubernetes-')) continue;
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, convert(ps)]))
        : convert(v);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

function refsOf(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) for (const n of node) refsOf(n, into);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF)) {
        const name = v.slice(REF.length);
        if (!into.has(name)) {
          into.add(name);
          refsOf(definitions[name], into);
        }
      } else refsOf(v, into);
    }
  }
}

mkdirSync(outDir, { recursive: true });
let written = 0;
for (const def of Object.values(definitions)) {
  const gvks = def['x-kubernetes-group-version-kind'] as
    | { group: string; version: string; kind: string }[]
    | undefined;
  // Objects the API stores (they have metadata), not option or event wrappers.
  if (!gvks || !(def.properties as Schema | undefined)?.metadata) continue;
  const reached = new Set<string>();
  refsOf(def, reached);
  const local: Record<string, unknown> = {};
  for (const r of reached) {
    local[r] = r === QUANTITY ? { oneOf: [{ type: 'string' }, { type: 'number' }] } : convert(definitions[r]);
  }
  for (const { group, version, kind } of gvks) {
    const schema = convert(def) as Schema;
    const props = schema.properties as Record<string, Schema>;
    props.apiVersion = { type: 'string', enum: [group ? `${group}/${version}` : version] };
    props.kind = { type: 'string', enum: [kind] };
    schema.$schema = 'http://json-schema.org/draft-07/schema#';
    schema.definitions = local;
    const suffix = group ? `-${group.split('.')[0]}-${version}` : `-${version}`;
    writeFileSync(path.join(outDir, `${kind}${suffix}.json`.toLowerCase()), JSON.stringify(schema));
    written++;
  }
}
console.log(`k8s schemas: ${written} kinds written to ${outDir}`);
