// quiet.mjs: waits until this (shared, 2-core) machine is quiet before a timed phase
// that runs in another process (headless Chromium). Chromium's own start-up keeps
// renderer and utility processes busy for a few seconds, and the previous phase's Node
// heap (TF.js) is still being collected; a workload timed then shares the cores.
import fs from 'node:fs';

// Busy and total jiffies of all cores, from the first line of /proc/stat.
function cpuTimes() {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + (fields[4] || 0); // idle + iowait
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Resolves once the whole machine used at most `maxBusyCores` cores on average over
 * a window of `windowMs`, or after `timeoutMs` (then `quiet` is false). Returns
 * {quiet, waited_ms, busy_cores} (the last window's load) for the report.
 */
export async function waitQuiet({ maxBusyCores = 0.3, windowMs = 500, timeoutMs = 15000 } = {}) {
  const t0 = performance.now();
  const cores = fs.readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d/.test(l)).length || 1;
  for (;;) {
    const a = cpuTimes();
    await sleep(windowMs);
    const b = cpuTimes();
    const busyCores = ((b.busy - a.busy) / Math.max(1, b.total - a.total)) * cores;
    const waited = performance.now() - t0;
    if (busyCores <= maxBusyCores || waited >= timeoutMs)
      return { quiet: busyCores <= maxBusyCores, waited_ms: Math.round(waited), busy_cores: Number(busyCores.toFixed(2)) };
  }
}
