import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  plugins: [react(), excalidrawFonts()],
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
