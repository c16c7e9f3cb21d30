// serve.mjs: a small static server for the built page (web/dist), on 127.0.0.1 only.
//   node scripts/serve.mjs [--port 8000] [--root web/dist] [--base /sub/path/] [--csp]
// .wasm is served as application/wasm. A file the build precompressed (file.br,
// file.gz beside it) is sent compressed to a browser that accepts it (Brotli first), with
// Content-Encoding and Vary: Accept-Encoding. --base serves the site under a sub-path
// (as a course site might); --csp adds a strict Content-Security-Policy header, Trusted
// Types included: no script may come from a string, and the one policy allowed is the
// page's own 'relulab-worker' (web/src/engine/worker-url.js, docs/EMBEDDING.md). Used by
// scripts/run.sh and by the browser tests.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
  "frame-ancestors *; require-trusted-types-for 'script'; trusted-types relulab-worker";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The precompressed copy of `file` the request accepts: {name, file} (br before gzip), or null. */
async function precompressed(file, accept) {
  const accepts = (name) => new RegExp(`(^|,)\\s*${name}\\s*(;\\s*q=(?!0(\\.0*)?\\s*(,|$))[\\d.]+)?\\s*(,|$)`).test(accept);
  for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accepts(name) && (await stat(file + ext).catch(() => null))?.isFile()) return { name, file: file + ext };
  }
  return null;
}

/** onSend(path, bytes, encoding): told of every file sent (the first-load benchmark counts them). */
export function startServer({ port = 8000, root = 'web/dist', base = '/', csp = false, host = '127.0.0.1', onSend = null } = {}) {
  const top = resolve(root);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      if (!path.startsWith(prefix)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      path = path.slice(prefix.length) || 'index.html';
      let file = normalize(join(top, path));
      if (file !== top && !file.startsWith(top + sep)) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
      if (csp) headers['content-security-policy'] = STRICT_CSP;
      const encoding = await precompressed(file, req.headers['accept-encoding'] ?? '');
      if (encoding) {
        headers['content-encoding'] = encoding.name;
        headers.vary = 'Accept-Encoding';
      }
      const body = await readFile(encoding?.file ?? file);
      res.writeHead(200, headers).end(body);
      onSend?.(path, body.length, encoding?.name ?? 'identity');
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const port = Number(option('port', process.env.PORT ?? 8000));
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`serve.mjs: --port must be a whole number in [1, 65535], got '${option('port', process.env.PORT)}'`);
    process.exit(2);
  }
  const base = option('base', '/');
  const server = await startServer({ port, root: option('root', 'web/dist'), base, csp: args.includes('--csp') });
  console.log(`Dying ReLU Lab: http://127.0.0.1:${server.address().port}${base.endsWith('/') ? base : `${base}/`}`);
}
