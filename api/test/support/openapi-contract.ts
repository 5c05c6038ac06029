import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export type TJsonSchema = Record<string, unknown>;

export type TOperation = {
  method: string;
  /** The OpenAPI path, e.g. `/api/events/{id}`. */
  path: string;
  operationId: string;
  public: boolean;
  parameters: { name: string; in: string; required?: boolean; schema: TJsonSchema }[];
  body: TJsonSchema | null;
  responses: Record<string, { content?: Record<string, { schema?: TJsonSchema }> }>;
};

type TDocument = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, TJsonSchema> };
};

/**
 * The server's OpenAPI document, read as a contract: which operation a request hits, and whether a
 * response's status, content type and body are what that operation documents (ajv, JSON Schema
 * 2020-12 with formats).
 */
export class OpenApiContract {
  readonly operations: TOperation[];
  readonly #doc: TDocument;
  readonly #ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #matchers: { op: TOperation; re: RegExp }[];

  constructor(doc: unknown) {
    this.#doc = doc as TDocument;
    addFormats.default(this.#ajv);
    this.operations = Object.entries(this.#doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const content = (op.requestBody as { content?: Record<string, { schema: TJsonSchema }> } | undefined)
          ?.content;
        return {
          method,
          path,
          operationId: op.operationId as string,
          public: Array.isArray(op.security) && op.security.length === 0,
          parameters: (op.parameters as TOperation['parameters'] | undefined) ?? [],
          body: content?.['application/json']?.schema ?? null,
          responses: op.responses as TOperation['responses'],
        };
      }),
    );
    this.#matchers = this.operations.map((op) => ({
      op,
      re: new RegExp(`^${op.path.replace(/\./g, '\\.').replace(/\{[A-Za-z_]+\}/g, '[^/]+')}$`),
    }));
  }

  /** The operation a request reaches, or undefined when none is documented for it. */
  find(method: string, urlPath: string): TOperation | undefined {
    const m = method.toLowerCase();
    return this.#matchers.find((x) => x.op.method === m && x.re.test(urlPath))?.op;
  }

  /** What is wrong with a response to the operation, or an empty list when it keeps the contract. */
  check(op: TOperation, status: number, contentType: string | null, text: string): string[] {
    const documented = op.responses[String(status)];
    if (!documented) {
      return [`${op.method.toUpperCase()} ${op.path}: status ${status} is not documented`];
    }
    if (!documented.content) return text === '' ? [] : [`status ${status} documents no body, got one`];
    const type = (contentType ?? '').split(';')[0]!.trim();
    const media = documented.content[type];
    if (!media) {
      return [
        `${op.method.toUpperCase()} ${op.path} ${status}: content type ${type || '(none)'} is not documented (${Object.keys(documented.content).join(', ')})`,
      ];
    }
    if (!type.endsWith('json') || !media.schema) return [];
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [`${status} ${type}: the body is not JSON`];
    }
    const validate = this.#validator(`${op.operationId}:${status}:${type}`, media.schema);
    if (validate(body)) return [];
    return [
      `${op.method.toUpperCase()} ${op.path} ${status}: the body does not match the documented schema: ${this.#ajv.errorsText(validate.errors)}`,
    ];
  }

  #validator(key: string, schema: TJsonSchema): ValidateFunction {
    let v = this.#validators.get(key);
    if (!v) {
      v = this.#ajv.compile(this.#resolveComponents(schema) as TJsonSchema);
      this.#validators.set(key, v);
    }
    return v;
  }

  /** Inlines `#/components/schemas/…` references, so each schema compiles on its own. */
  #resolveComponents(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((n) => this.#resolveComponents(n));
    if (!node || typeof node !== 'object') return node;
    const ref = (node as { $ref?: string }).$ref;
    if (ref?.startsWith('#/components/schemas/')) {
      return this.#resolveComponents(this.#doc.components.schemas[ref.slice('#/components/schemas/'.length)]);
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.#resolveComponents(v)]));
  }
}
