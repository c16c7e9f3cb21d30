// precompress.mjs: a Vite plugin that writes a Brotli (.br) and a gzip (.gz) copy beside
// every compressible file of the built site, once, at the end of the build, so a server
// sends them as they are (scripts/serve.mjs does; docs/EMBEDDING.md says how common
// static hosts do) instead of compressing on every request or not at all. Fonts (woff2)
// and images are compressed already and are left alone.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.wasm', '.txt']);
const MIN_BYTES = 1024; // smaller files gain less than a request's headers

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

export function precompress({ outDir }) {
  return {
    name: 'relulab-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of files(outDir)) {
        if (!COMPRESSIBLE.has(extname(file))) continue;
        const data = readFileSync(file);
        if (data.length < MIN_BYTES) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}
