type OpenApi = {
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        tags?: string[];
        parameters?: unknown[];
        requestBody?: unknown;
        responses: Record<string, { description: string }>;
      }
    >
  >;
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain, accessible HTML rendering of the OpenAPI document (no third-party scripts). */
export function renderDocsPage(spec: OpenApi): string {
  const ops = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const byTag = new Map<string, typeof ops>();
  for (const o of ops) {
    const tag = o.op.tags?.[0] ?? 'other';
    byTag.set(tag, [...(byTag.get(tag) ?? []), o]);
  }
  const sections = [...byTag]
    .map(
      ([tag, list]) =>
        `<section aria-labelledby="t-${esc(tag)}"><h2 id="t-${esc(tag)}">${esc(tag)}</h2>${list
          .map(
            ({
              path,
              method,
              op,
            }) => `<details><summary><code class="m ${method}">${method.toUpperCase()}</code> <code>${esc(path)}</code> — ${esc(op.summary ?? '')}</summary>
<p>Responses: ${Object.entries(op.responses)
              .map(([s, r]) => `<strong>${s}</strong> ${esc(r.description)}`)
              .join('; ')}</p>
${op.parameters ? `<h3>Parameters</h3><pre>${esc(JSON.stringify(op.parameters, null, 2))}</pre>` : ''}
${op.requestBody ? `<h3>Request body</h3><pre>${esc(JSON.stringify(op.requestBody, null, 2))}</pre>` : ''}
</details>`,
          )
          .join('\n')}</section>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(spec.info.title)} API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
details{border:1px solid #ccc;border-radius:6px;margin:.5rem 0;padding:.5rem}summary{cursor:pointer}
pre{background:#f4f4f4;padding:.5rem;overflow:auto;font-size:13px}.m{font-weight:bold}.get{color:#0b5394}.post{color:#1b6e20}.patch{color:#7a4b00}.delete{color:#9e1c1c}</style></head>
<body><main><h1>${esc(spec.info.title)} API <small>v${esc(spec.info.version)}</small></h1>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457) with <code>errors[].field</code> naming each field at fault.</p>
${sections}</main></body></html>`;
}
