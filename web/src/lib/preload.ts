/**
 * Named chunk loaders, registered by the app's router and called by features that know a chunk
 * will soon be needed (the lesson page loads the video bridge while the join window is open),
 * without one feature importing another.
 */
const loaders = new Map<string, () => Promise<unknown>>();
const loading = new Map<string, Promise<void>>();

/** Registers how to load a chunk. */
export function registerPreload(name: string, load: () => Promise<unknown>): void {
  loaders.set(name, load);
}

/**
 * Starts loading a chunk once and settles when it has loaded (or failed: the real navigation
 * reports that, and a later call tries again). Settles at once for a name nobody registered.
 */
export function preload(name: string): Promise<void> {
  const started = loading.get(name);
  if (started) return started;
  const load = loaders.get(name);
  if (!load) return Promise.resolve();
  const done = load().then(
    () => {},
    () => {
      loading.delete(name);
    },
  );
  loading.set(name, done);
  return done;
}
