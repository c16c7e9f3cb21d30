// pin.mjs: puts processes (with all their threads, and their child processes) on given
// CPUs, with taskset(1). The Chromium/Node comparison runs both on one core: on this
// shared machine one core at a time can run 1.5x slower for seconds (a neighbour on the
// host), and two processes on different cores then differ by that much, whichever side
// the slow core fell on.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

// pid and every process below it (from /proc/<pid>/stat's parent field).
function tree(root) {
  const parent = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of parent) if (pp === out[i]) out.push(p);
  return out;
}

/** Pins every process of the trees rooted at `pids` to `cpus` ('0', '0-1'); returns how many. */
export function pin(pids, cpus) {
  let n = 0;
  for (const root of pids)
    for (const pid of tree(root)) {
      try {
        execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
        n++;
      } catch {
        // the process ended meanwhile
      }
    }
  return n;
}

export const allCpus = () => `0-${os.cpus().length - 1}`;
