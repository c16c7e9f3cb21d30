// helpers.mjs: the set-up every browser test shares: the built site (web/dist) served
// in-process by scripts/serve.mjs on a free port (under any sub-path, with or without the
// strict CSP), Debian's Chromium driven through playwright-core (headless, no sandbox, no
// GPU, no background networking: the machine's network is closed, and Chromium would
// otherwise keep trying), and pages that record every problem: console errors, page
// errors, dialogs, and requests that leave the origins a test allows.
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startServer } from '../../scripts/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
export const DIST = join(ROOT, 'web', 'dist');
export const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const require = createRequire(join(ROOT, 'web', 'package.json'));
const { chromium } = require('playwright-core');

/** Debian's Chromium, headless, with a fresh profile and any `args` more: {context, close}. */
export async function launch(prefix = 'relulab-chromium-', { args = [] } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...args],
    viewport: { width: 1280, height: 900 },
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Serves web/dist at `base` on 127.0.0.1: {url, origin, close}. */
export async function serveSite({ base = '/', csp = true } = {}) {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('web/dist is missing: run scripts/build.sh web first');
  const server = await startServer({ port: 0, root: DIST, base, csp });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: `${origin}${base}`, origin, close: () => new Promise((ok) => server.close(ok)) };
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

/** The site at the root under the strict CSP, and one Chromium (with `args` more): {base, context, close}. */
export async function setup({ csp = true, args = [] } = {}) {
  const site = await serveSite({ csp });
  const browser = await launch('relulab-chromium-', { args });
  return {
    base: site.url,
    context: browser.context,
    async close() {
      await browser.close();
      await site.close();
    },
  };
}

/** A recording page of `env`'s site at `path`, loaded: {page, problems}. */
export async function openPage(env, path = '', { width = 1280, height = 900 } = {}) {
  const { page, problems } = await recordingPage(env.context, [env.base.replace(/\/$/, '')], { width, height });
  await load(page, env.base + path);
  return { page, problems };
}

/** Waits until data-<name> of `selector` exists (and equals `value` when given); returns it. */
export async function waitForData(page, selector, name, value = undefined, timeout = 60000) {
  await page.waitForFunction(
    ([sel, key, want]) => {
      const el = document.querySelector(sel);
      const v = el?.dataset[key];
      return v !== undefined && (want === null || v === want);
    },
    [selector, name, value ?? null],
    { timeout, polling: 100 },
  );
  return page.$eval(selector, (el, key) => el.dataset[key], name);
}
