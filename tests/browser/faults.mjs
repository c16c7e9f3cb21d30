// faults.mjs: what the browser tests use to hurt the page's engine workers and to read
// their memory. An init script (installed before the page's own code runs) makes every
// Worker the page starts a recorded one: the test can list them, terminate one, ask one
// for its engine's memory (the worker's `memory` operation), count the networks the
// page has asked the workers for, and name calls that the worker must turn into a
// WebAssembly trap (the `debugTrap` operation, a real trap in the real engine) or after
// which it is terminated. Nothing else of the page changes: the workers are the page's
// own, running its own engine.

function install() {
  const Native = window.Worker;
  const started = [];
  const rules = []; // {op, firstSeed?, times, action: 'trap' | 'terminate', after (ms)}
  let asked = 0;
  let networks = 0; // sessions, sweep seeds, basin starts and probe trials asked for
  const NETWORKS = {
    createSession: () => 1,
    sweep: (a) => a.seeds,
    basin: (a) => a.grid.nx * a.grid.ny,
    bornDead: (a) => a.trials,
  };
  class RecordedWorker extends Native {
    constructor(url, options) {
      super(url, options);
      this.ended = false;
      started.push(this);
    }
    terminate() {
      this.ended = true;
      super.terminate();
    }
    postMessage(message, transfer) {
      networks += NETWORKS[message?.op]?.(message.args) ?? 0;
      const rule = rules.find((r) => r.times > 0 && message?.op === r.op && (r.firstSeed === undefined || message.args?.firstSeed === r.firstSeed));
      if (!rule) return super.postMessage(message, transfer);
      rule.times--;
      if (rule.action === 'trap') return super.postMessage({ ...message, op: 'debugTrap' }, transfer);
      super.postMessage(message, transfer);
      // after: 0 terminates in the same task as the post: the job is lost in flight
      // whatever the machine's speed; after: ms terminates that much later
      if (rule.after === 0) this.terminate();
      else setTimeout(() => this.terminate(), rule.after ?? 100);
      return undefined;
    }
  }
  window.Worker = RecordedWorker;
  window.faults = {
    count: () => started.length,
    networks: () => networks,
    terminate: (k) => started[k].terminate(),
    rule: (r) => rules.push({ times: 1, ...r }),
    /** Worker k's engine memory {size, used, max, sessions}, or null when it does not answer within `ms`. */
    memory(k, ms = 15000) {
      const worker = started[k];
      const id = `memory-${++asked}`;
      if (worker.ended) return Promise.resolve(null);
      return new Promise((resolve) => {
        const timer = setTimeout(() => done(null), ms);
        const listen = (event) => {
          if (event.data?.id === id) done(event.data.ok ? event.data.result : null);
        };
        const done = (value) => {
          clearTimeout(timer);
          worker.removeEventListener('message', listen);
          resolve(value);
        };
        worker.addEventListener('message', listen);
        worker.postMessage({ id, op: 'memory', args: {} });
      });
    },
  };
}

/** Makes the workers of `page` (and of pages it loads later) recorded ones. */
export function recordWorkers(page) {
  return page.addInitScript(install);
}
