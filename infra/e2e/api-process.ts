import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type RunningApi = { url: string; dataDir: string; stop: () => Promise<void> };

/**
 * Starts the real product (`node api/src/main.ts`: api, web build, embedded PGlite and worker)
 * on a fresh data directory and port, and waits until it is ready.
 */
export async function startApi(
  env: Record<string, string>,
  port: number,
  options: { readyTimeoutMs?: number } = {},
): Promise<RunningApi> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'telemost-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`api exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {}
    // Two minutes by default: on a loaded machine a cold start can take over one.
    if (i * 100 > (options.readyTimeoutMs ?? 120_000)) {
      child.kill('SIGKILL'); // not left behind when the caller gives up
      throw new Error(`api did not get ready: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Signs in through the api and returns the session cookie for a browser context or fetch. */
export async function signIn(url: string, email: string, password = 'telemost-demo') {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
  const pair = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const [name, value] = pair.split('=') as [string, string];
  return { header: pair, cookie: { name, value, domain: '127.0.0.1', path: '/' } };
}
