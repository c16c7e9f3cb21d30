// vite.config.js: builds the lesson page into web/dist as a static folder that works
// from any sub-path (relative URLs only) and under a strict CSP (no inline scripts).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

// The @fontsource CSS (Bengali and Chinese faces, issue 6) lists a .woff fallback after
// every .woff2; every browser that runs this page (ES modules, WebAssembly) reads woff2,
// so the fallbacks are dropped before Vite copies the files they name into dist.
function woff2Only() {
  return {
    name: 'relulab-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].+\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [woff2Only()],
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
