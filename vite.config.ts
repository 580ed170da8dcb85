import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA lives in web/ and is built into dist/web, which the Fastify server serves (index.html
// fallback for client routes). `vite` (dev server) proxies /api to a running `mci start`
// (VITE_API_TARGET, default http://127.0.0.1:3000) so the session cookie stays same-origin.
const root = fileURLToPath(new URL('./web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  publicDir: 'public',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The quality bar is on gzip size of the initial JS (≤ 250 kB, quality §2); the raw-size warning
    // is noise next to it. scripts/build-web.mjs measures and prints the gzip figure.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': { target: process.env.VITE_API_TARGET ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
