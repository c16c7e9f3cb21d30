// class-driver.mjs: a class's use of the lab, as the long-session test and the soak
// (scripts/soak.mjs) drive it. One cycle follows a link to every section (the seed or a
// setting changes from cycle to cycle, so every run, sweep, map and probe is new) and
// waits for what it starts: the adder's and the modulus's seed sweeps, the landscape's
// maps, the born-dead probe, the initialization picture, the CS231n run (and, every
// `cs231nSweepEvery` cycles, its learning-rate sweep), every remedy side by side, and
// the lab's and the single unit's runs, played and paused. Then measure() reads what
// must not grow: the page's JS heap after a garbage collection, and every live engine
// worker's memory (its `memory` operation, through faults.mjs); and responsiveness()
// how long a click waits for the page to answer it. The page must have recorded
// workers (faults.mjs recordWorkers) before it loads.

/** Follows `hash` within the page and waits until the page has applied it. */
export async function follow(page, hash) {
  const before = await page.evaluate(() => document.body.dataset.linkApplied ?? '');
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.waitForFunction((b) => (document.body.dataset.linkApplied ?? '') !== b, before, { timeout: 60000, polling: 50 });
}

const box = (exp) => `#exp-${exp} .experiment`;

/** Runs `start` and waits for the background task of `exp` it starts to end; throws if it failed. */
async function task(page, exp, start, timeout = 180000) {
  await page.$eval(box(exp), (b) => {
    b.dataset.sweepMs = 'before'; // the task takes it away when it starts, and writes its time when done
  });
  await start();
  await page.waitForFunction((sel) => {
    const b = document.querySelector(sel);
    return b.dataset.sweepMs !== 'before' && ['done', 'error', 'cancelled'].includes(b.dataset.sweepState);
  }, box(exp), { timeout, polling: 100 });
  const state = await page.$eval(box(exp), (b) => b.dataset.sweepState);
  if (state !== 'done') throw new Error(`${exp}: its task ended ${state}`);
}

/** Waits until experiment `exp` has drawn a run at step `step` (or later, with `atLeast`). */
function runAt(page, exp, step, atLeast = false) {
  return page.waitForFunction(([e, s, more]) => {
    const v = Number(document.querySelector(`#exp-${e} dd[data-name=step]`)?.dataset.value);
    return more ? v >= s : v === s;
  }, [exp, step, atLeast], { timeout: 60000, polling: 50 });
}

/** Plays experiment `exp`'s live run for `ms`, then pauses it. */
async function play(page, exp, ms) {
  await page.click(`#exp-${exp} button[name=play]`);
  await page.waitForTimeout(ms);
  await page.click(`#exp-${exp} button[name=play]`);
}

/**
 * One cycle of a class; k picks the seeds and settings. Resolves with the milliseconds
 * each section took ({adder, landscape, ...}).
 */
export async function cycle(page, k, { cs231nSweepEvery = 0 } = {}) {
  const seed = 2 + (k % 7); // never the default seed of 1, so the first cycle too makes new runs
  const took = {};
  const timed = async (name, work) => {
    const t0 = performance.now();
    await work();
    took[name] = Math.round(performance.now() - t0);
  };
  await timed('adder', async () => {
    await follow(page, `#exp=adder&seed=${seed}`);
    await runAt(page, 'adder', 0);
    await task(page, 'adder', () => page.click('#exp-adder button[name=sweep]'));
    await play(page, 'adder', 300);
  });
  await timed('landscape', () => task(page, 'landscape', () => follow(page, `#exp=landscape&lr=${[0.3, 0.03][k % 2]}`)));
  await timed('borndead', () => task(page, 'borndead', () => follow(page, `#exp=borndead&layers=${3 + (k % 2)}`)));
  await timed('modulus', async () => {
    await follow(page, `#exp=modulus&seed=${seed}`);
    await task(page, 'modulus', () => page.click('#exp-modulus button[name=sweep]'));
  });
  await timed('init', async () => {
    const before = await page.$eval(box('init'), (b) => b.dataset.meanSquare ?? '');
    await follow(page, `#exp=init&seed=${seed}`);
    await page.waitForFunction((s) => (document.querySelector('#exp-init .experiment').dataset.meanSquare ?? '') !== s, before, { timeout: 60000, polling: 50 });
  });
  await timed('cs231n', async () => {
    await follow(page, `#exp=cs231n&seed=${seed}`);
    await runAt(page, 'cs231n', 0);
    await play(page, 'cs231n', 300);
    if (cs231nSweepEvery && k % cs231nSweepEvery === 0) await task(page, 'cs231n', () => page.click('#exp-cs231n button[name=sweep]'), 300000);
  });
  await timed('remedies', async () => {
    await follow(page, `#exp=remedies&seed=${seed}`);
    await page.waitForFunction(() => document.querySelectorAll('#exp-remedies tr[data-remedy]').length > 0, null, { timeout: 60000 });
    await play(page, 'remedies', 300);
  });
  await timed('lab', async () => {
    await follow(page, `#exp=lab&seed=${seed}`);
    await runAt(page, 'lab', 0);
    for (let i = 0; i < 3; i++) await page.click('#exp-lab button[name=step]');
    await runAt(page, 'lab', 60, true);
  });
  await timed('single', async () => {
    await follow(page, `#exp=single&seed=${seed}`);
    await runAt(page, 'single', 0);
    await play(page, 'single', 300);
  });
  return took;
}

/** Turns on every remedy, so that all of them (twelve) live side by side in the shared worker. */
export async function everyRemedy(page) {
  await follow(page, '#exp=remedies');
  for (const box of await page.$$('#exp-remedies input[type=checkbox]:not(:checked)')) await box.click();
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('#exp-remedies tr[data-remedy]').length;
    return rows > 0 && rows === document.querySelectorAll('#exp-remedies input[type=checkbox]').length;
  }, null, { timeout: 60000 });
}

/**
 * What must not grow: {jsHeap, workers: [{index, size, used, sessions}], networks}. The
 * JS heap is measured after a full garbage collection (cdp: a CDP session of the page);
 * a worker that no longer lives is left out. networks: networks trained or evaluated
 * so far (sweep seeds, basin starts, probe trials, sessions).
 */
export async function measure(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const workers = await page.evaluate(async () => {
    const out = [];
    for (let k = 0; k < window.faults.count(); k++) {
      const m = await window.faults.memory(k);
      if (m) out.push({ index: k, ...m });
    }
    return out;
  });
  const networks = await page.evaluate(() => window.faults.networks());
  return { jsHeap: usedSize, workers, networks };
}

/**
 * How long a click waits: a trusted click on a heading, and the milliseconds from the
 * input event's timestamp to the first frame drawn after its handler ran; and the
 * longest task the main thread ran since the last call.
 */
export async function responsiveness(page) {
  await page.evaluate(() => {
    if (window.clickLatency) return;
    window.clickLatency = { last: null, longest: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.clickLatency.longest = Math.max(window.clickLatency.longest, e.duration);
    }).observe({ type: 'longtask' });
    document.addEventListener('click', (event) => {
      requestAnimationFrame(() => {
        window.clickLatency.last = performance.now() - event.timeStamp;
      });
    }, true);
  });
  await page.evaluate(() => {
    window.clickLatency.last = null;
  });
  await page.click('main h2 >> nth=0', { position: { x: 2, y: 2 } });
  await page.waitForFunction(() => window.clickLatency.last !== null, null, { timeout: 10000, polling: 10 });
  return page.evaluate(() => {
    const { last, longest } = window.clickLatency;
    window.clickLatency.longest = 0;
    return { clickMs: last, longestTaskMs: longest };
  });
}
