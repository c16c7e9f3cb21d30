// worker-url.js: the page's one Trusted Types policy, 'relulab-worker', and the only
// place that makes a script URL. Under the Content-Security-Policy
// `require-trusted-types-for 'script'; trusted-types relulab-worker` (scripts/serve.mjs),
// Chromium refuses a plain string or URL in `new Worker(...)`: it wants a
// TrustedScriptURL, which only a named policy can make. This policy makes one for the
// engine worker's own bundled script (Vite's `?worker&url` import) and throws for any
// other URL, so no text from a link or a message can ever become a script. Nothing
// else on the page needs a policy: it writes no HTML from strings (ui/dom.js), and
// KaTeX (katex.render) and uPlot build their DOM node by node. Browsers without
// Trusted Types get the plain URL.
import engineWorkerUrl from './worker.js?worker&url';

const policy = globalThis.trustedTypes?.createPolicy('relulab-worker', {
  createScriptURL(url) {
    if (url !== engineWorkerUrl) throw new TypeError(`relulab-worker: ${String(url).slice(0, 100)} is not the engine worker`);
    return url;
  },
});

/** The engine worker's script URL, as `new Worker` accepts it. */
export function engineWorkerScript() {
  return policy ? policy.createScriptURL(engineWorkerUrl) : engineWorkerUrl;
}
