// Build config for the Thông suốt SPA: Preact via oxc's automatic JSX runtime (no Babel),
// one small entry chunk, hashed assets under dist/assets/ for nginx's immutable caching.
import { defineConfig } from 'vite';

export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // Every browser we target supports <link rel="modulepreload">; skip the polyfill's bytes.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev` talks to a running stack (ops/nginx or the backend behind it).
    proxy: { '/api': process.env.TS_API_URL || 'http://127.0.0.1:8080' },
  },
});
