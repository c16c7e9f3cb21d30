// helpers.mjs: shared set-up of the browser tests: the built site (web/dist) served
// in-process by scripts/serve.mjs on a free port, Debian's Chromium driven through
// playwright-core with the flags from TOOLCHAIN.md, and a page that records console
// errors, page errors and any request that leaves the origin.
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

/**
 * Debian's Chromium, headless, with the flags of TOOLCHAIN.md and a fresh profile:
 * {context, close}. Every browser test starts its browser here.
 */
export async function launchChromium(prefix = 'relulab-chromium-') {
  const userDataDir = mkdtempSync(join(tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
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

export async function setup({ csp = true } = {}) {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('web/dist is missing: run scripts/build.sh web first');
  const server = await startServer({ port: 0, root: DIST, csp });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium();
  return {
    base,
    context: browser.context,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** A new page that records problems: console errors, page errors, off-origin requests. */
export async function openPage(env, path = '', { width = 1280, height = 900 } = {}) {
  const page = await env.context.newPage();
  await page.setViewportSize({ width, height });
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(env.base) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`off-origin request: ${url}`);
  });
  await page.goto(env.base + path);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
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
