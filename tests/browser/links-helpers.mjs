// links-helpers.mjs: set-up shared by the link, embedding and hostile-link tests
// (issue 4): the built site served by scripts/serve.mjs under any sub-path, with or
// without the strict CSP, one Chromium, and pages that record every problem: console
// errors, page errors, dialogs, and requests that leave the page's own origin.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { DIST, SHOTS, launchChromium } from './helpers.mjs';

export { SHOTS };

/** Serves web/dist at `base` on 127.0.0.1: {url, origin, close}. */
export async function serveSite({ base = '/', csp = true } = {}) {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('web/dist is missing: run scripts/build.sh web first');
  const server = await startServer({ port: 0, root: DIST, base, csp });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: `${origin}${base}`, origin, close: () => new Promise((ok) => server.close(ok)) };
}

/** One headless Chromium (TOOLCHAIN.md flags): {context, close}. */
export function launch() {
  return launchChromium('relulab-links-');
}

/**
 * A page that records problems. `origins`: the origins its requests may go to (plus
 * data: and blob:). Dialogs are dismissed and recorded as problems.
 */
export async function recordingPage(context, origins, { width = 1280, height = 900, ignoreConsole = [] } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  const problems = [];
  const requests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !ignoreConsole.some((re) => re.test(msg.text()))) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('request', (req) => {
    const url = req.url();
    requests.push(url);
    const ok = url.startsWith('data:') || url.startsWith('blob:') || origins.some((o) => url.startsWith(`${o}/`));
    if (!ok) problems.push(`off-origin request: ${url.slice(0, 200)}`);
  });
  return { page, problems, requests };
}

/** Loads `url` and waits until the page says it is ready. */
export async function load(page, url, timeout = 30000) {
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout });
}

/** The keys the banner names ([] when it is hidden). */
export function bannerKeys(page) {
  return page.$eval('.banner', (b) => (b.hidden ? [] : [...b.querySelectorAll('li')].map((li) => li.dataset.key)));
}
