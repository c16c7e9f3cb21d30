// vite.config.js: builds the lesson page into web/dist as a static folder that works
// from any sub-path (relative URLs only) and under a strict CSP (no inline scripts).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { fontSubsets } from './build/font-subsets.mjs';
import { precompress } from './build/precompress.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  base: './',
  plugins: [fontSubsets({ root: here('.') }), precompress({ outDir: here('./dist') })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0, // never inline assets as data: URLs (fonts, wasm): plain files
    chunkSizeWarningLimit: 1200,
    // the lesson, and runnable examples of pages that embed experiments (an iframe
    // driven by postMessage; the <relu-lab> web component)
    rollupOptions: {
      input: {
        main: here('./index.html'),
        embedExample: here('./examples/embed.html'),
        componentExample: here('./examples/component.html'),
      },
    },
  },
  worker: { format: 'es' },
});
