// font_waiters.test.mjs: the charts' font-load registry (web/src/charts/canvas.js)
// holds its charts weakly, and drops the references of charts that are gone when the
// next chart comes, so a class period of rebuilt charts with no font loading does not
// pile them up. Run under Node with V8's collector called directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { onFontsLoaded, fontWaitersHeld } from '../../web/src/charts/canvas.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
// A WeakRef's target lives at least to the end of the job that made or read it.
const nextJob = () => new Promise((resolve) => setTimeout(resolve, 0));

test('charts that are gone are dropped when the next chart waits for fonts', async () => {
  const kept = { name: 'kept' };
  onFontsLoaded(kept, () => {});
  const start = fontWaitersHeld();
  (() => {
    for (let i = 0; i < 200; i++) onFontsLoaded({ name: `chart ${i}` }, () => {});
  })();
  // 200 charts made and let go: their references are held until they are collected.
  assert.equal(fontWaitersHeld(), start + 200);
  await nextJob();
  gc();
  await nextJob();
  const late = { name: 'late' };
  onFontsLoaded(late, () => {});
  // Only the live charts remain: the kept one (and any earlier live ones) and the late one.
  assert.equal(fontWaitersHeld(), start + 1);
  assert.ok(kept.__fontEntry && late.__fontEntry);
});
