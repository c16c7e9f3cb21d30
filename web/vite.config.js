// vite.config.js: builds the lesson page into web/dist as a static folder that works
// from any sub-path (relative URLs only) and under a strict CSP (no inline scripts).
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0, // never inline assets as data: URLs (fonts, wasm): plain files
    chunkSizeWarningLimit: 1200,
  },
  worker: { format: 'es' },
});
