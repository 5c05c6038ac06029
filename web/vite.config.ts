import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API = process.env.TELEMOST_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
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
