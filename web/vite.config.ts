import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, transformWithOxc } from 'vite';
import type { TRouteAssetMap } from './src/lib/first-reads.ts';

const API = process.env.TELEMOST_API ?? 'http://127.0.0.1:3000';

/**
 * The whiteboard's fonts (Excalidraw's hand-drawn and UI faces), served by Telemost itself under
 * `/excalidraw/fonts/` rather than fetched from a CDN: a college network that blocks the internet,
 * or a strict firewall, still gets the board's own lettering. The large CJK face (Xiaolai) is left
 * to Excalidraw's fallback URL; our users write in Cyrillic and Latin.
 */
function excalidrawFonts(): Plugin {
  const require = createRequire(import.meta.url);
  // The package exports no package.json: its production entry sits beside the fonts.
  const entry = require.resolve('@excalidraw/excalidraw');
  const dist = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'dist/prod');
  const root = path.join(dist, 'fonts');
  const families = readdirSync(root).filter((f) => f !== 'Xiaolai');
  const files = families.flatMap((family) =>
    readdirSync(path.join(root, family)).map((file) => `${family}/${file}`),
  );
  return {
    name: 'telemost-excalidraw-fonts',
    configureServer(server) {
      server.middlewares.use('/excalidraw/fonts/', (req, res, next) => {
        const wanted = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\/+/, ''));
        if (!files.includes(wanted)) return next();
        const file = path.join(root, wanted);
        res.setHeader('content-type', 'font/woff2');
        res.setHeader('content-length', String(statSync(file).size));
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const file of files) {
        this.emitFile({
          type: 'asset',
          fileName: `excalidraw/fonts/${file}`,
          source: readFileSync(path.join(root, file)),
        });
      }
    },
  };
}

/** The source files of the chunks first-reads.js asks for early, by its names for them. */
const EARLY_CHUNKS: Record<keyof TRouteAssetMap, string> = {
  calendar: '/src/features/calendar/components/calendar-page.tsx',
  event: '/src/features/events/components/event-page.tsx',
  kk: '/src/lib/i18n/kk.ts',
  en: '/src/lib/i18n/en.ts',
};

/**
 * `/first-reads.js`: src/lib/first-reads.ts as a classic script, loaded from index.html's head, so
 * the page's first api reads, its route chunk and the saved language's dictionary start while the
 * app's code is still downloading (see that file). The build writes the route chunks' names in.
 */
function firstReads(): Plugin {
  const source = path.resolve(import.meta.dirname, 'src/lib/first-reads.ts');
  const compile = async (routes: TRouteAssetMap) => {
    const { code } = await transformWithOxc(readFileSync(source, 'utf8'), source, { lang: 'ts' });
    const body = code.replace(/^export /gm, '');
    return `(() => {\n${body}\nstartFirstReads(${JSON.stringify(routes)});\n})();\n`;
  };
  return {
    name: 'telemost-first-reads',
    transformIndexHtml: () => [
      { tag: 'script', attrs: { src: '/first-reads.js' }, injectTo: 'head-prepend' },
    ],
    configureServer(server) {
      server.middlewares.use('/first-reads.js', (_req, res, next) => {
        compile({}).then((js) => {
          res.setHeader('content-type', 'text/javascript');
          res.end(js);
        }, next);
      });
    },
    async generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (roots: string[]) => {
        const seen = new Set<string>();
        const visit = (file: string) => {
          if (seen.has(file)) return;
          seen.add(file);
          for (const dep of byFile.get(file)?.imports ?? []) visit(dep);
        };
        for (const r of roots) visit(r);
        return seen;
      };
      // What index.html loads anyway is not asked for twice.
      const initial = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
      const routes: TRouteAssetMap = {};
      for (const [name, src] of Object.entries(EARLY_CHUNKS) as [keyof TRouteAssetMap, string][]) {
        const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(src));
        if (!chunk) continue;
        const files = [...closure([chunk.fileName])].filter((f) => !initial.has(f));
        routes[name] = {
          js: files.map((f) => `/${f}`),
          css: files.flatMap((f) =>
            [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])].map((c) => `/${c}`),
          ),
        };
      }
      this.emitFile({ type: 'asset', fileName: 'first-reads.js', source: await compile(routes) });
    },
  };
}

export default defineConfig({
  plugins: [react(), excalidrawFonts(), firstReads()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: API, changeOrigin: false },
      '/socket.io': { target: API, ws: true, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1' },
  build: {
    // bench:web reads the manifest to add up what the calendar page loads first.
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    // The video route (livekit-client) is one large lazy chunk by design; bench:web watches the first page.
    chunkSizeWarningLimit: 700,
  },
});
