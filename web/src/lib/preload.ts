/**
 * Named chunk loaders, registered by the app's router and called by features that know a chunk
 * will soon be needed (the lesson page warms the video bridge while the join window is open),
 * without one feature importing another.
 */
const loaders = new Map<string, () => Promise<unknown>>();
const started = new Set<string>();

/** Registers how to load a chunk. */
export function registerPreload(name: string, load: () => Promise<unknown>): void {
  loaders.set(name, load);
}

/** Starts loading a chunk once; failures are left for the real navigation to report. */
export function preload(name: string): void {
  if (started.has(name)) return;
  const load = loaders.get(name);
  if (!load) return;
  started.add(name);
  load().catch(() => started.delete(name));
}
