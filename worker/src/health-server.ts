import http from 'node:http';
import type { Logger } from '@telemost/server/lib/logger';

export type THealthServer = { url: string; close: () => Promise<void> };

/**
 * The standalone worker's probe endpoints (WORKER_HEALTH_PORT), for an orchestrator:
 * `GET /healthz` answers 200 while the process's event loop turns (liveness);
 * `GET /readyz` answers 200 when `ready()` says PostgreSQL and Redis answer and the worker is not
 * shutting down, else 503 with what failed (readiness: rollouts and disruption budgets count it).
 */
export async function startHealthServer(options: {
  port: number;
  host: string;
  ready: () => Promise<{ ok: boolean; checks: Record<string, string> }>;
  logger: Logger;
}): Promise<THealthServer> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return send(405, { error: 'GET only' });
    if (req.url === '/healthz') return send(200, { ok: true });
    if (req.url === '/readyz') {
      options.ready().then(
        (r) => send(r.ok ? 200 : 503, r),
        (err: Error) => send(503, { ok: false, checks: { error: err.message } }),
      );
      return;
    }
    send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  options.logger.info({ url }, 'worker health endpoints listening');
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
