// runner.js: drives one live training session in the live worker. While playing it
// asks for `speed` more steps, waits for the answer and the next animation frame,
// and repeats: one request in flight at a time, so the page never queues work it
// cannot draw. The trace (loss, accuracy, dead fraction per layer, parameters of
// small nets) is accumulated on the page; the drawing is up to onUpdate.
// A request never asks for more steps than fit in about BUDGET_MS of the worker's time
// (measured as it goes), so pause, reset and a new config answer quickly even for the
// largest networks a link may ask for; listeners (the embedding API) see every update.
import { runControls } from './controls.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const BUDGET_MS = 120;

export class LiveRun {
  constructor(client, { onUpdate, onError, onPlayState, grid = () => null, speed = 10 } = {}) {
    this.client = client;
    this.onUpdate = onUpdate ?? (() => {});
    this.onError = onError ?? ((e) => console.warn(e));
    this.onPlayState = onPlayState ?? (() => {});
    this.grid = grid;
    this.speed = speed;
    this.session = null;
    this.query = '';
    this.playing = false;
    this.generation = 0;
    this.snapshot = null;
    this.busy = null;
    this.chunk = 1; // steps per request, adapted to BUDGET_MS
    this.listeners = new Set();
  }

  /** fn(event, snapshot) for 'load', 'update', 'play', 'pause', 'error'; returns an unsubscribe. */
  listen(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  #emit(event, arg) {
    for (const fn of this.listeners) {
      try {
        fn(event, arg);
      } catch (err) {
        console.warn(err);
      }
    }
  }

  /** Asks the worker for k steps in pieces of at most `chunk`, adapting chunk to the time budget. */
  async #timed(k, gen) {
    const n = Math.min(k, this.chunk);
    const t0 = performance.now();
    const ok = await this.#advance(n, gen);
    const ms = performance.now() - t0;
    if (n > 0 && n === this.chunk) this.chunk = ms < BUDGET_MS / 2 ? Math.min(1e6, this.chunk * 2) : ms > BUDGET_MS ? Math.max(1, Math.floor((this.chunk * BUDGET_MS) / ms)) : this.chunk;
    return ok ? n : 0;
  }
  /** Creates a fresh session for `query` and shows its step-0 state (`loading` is its promise). */
  load(query) {
    this.loading = this.#load(query);
    return this.loading;
  }

  async #load(query) {
    this.pause();
    const gen = ++this.generation;
    const old = this.session;
    this.session = null;
    if (old) old.dispose().catch(() => {});
    this.query = query;
    try {
      const session = await this.client.createSession(query);
      if (gen !== this.generation) {
        session.dispose();
        return;
      }
      this.session = session;
      this.chunk = 1;
      this.snapshot = {
        query: session.query,
        data: session.data,
        step: 0,
        done: false,
        state: 'ok',
        evaluation: null,
        params: null,
        grid: null,
        trace: { step: [], loss: [], accuracy: [], dead: [], params: [] },
      };
      await this.#advance(0, gen);
      if (gen === this.generation) this.#emit('load', this.snapshot);
    } catch (err) {
      if (gen === this.generation) {
        this.onError(err);
        this.#emit('error', err);
      }
    }
  }

  async #advance(k, gen) {
    const s = this.session;
    if (!s) return false;
    const snap = this.snapshot;
    const r = await s.advance(k, { traceFrom: snap.trace.step.length, grid: this.grid(snap) });
    if (gen !== this.generation) return false;
    snap.step = r.step;
    snap.done = r.done;
    snap.state = r.state;
    snap.evaluation = r.evaluation;
    snap.params = r.params;
    snap.grid = r.grid ?? null;
    const tr = r.trace;
    const L = tr.layers;
    while (snap.trace.dead.length < L) snap.trace.dead.push([]);
    while (snap.trace.params.length < tr.paramCount) snap.trace.params.push([]);
    for (let i = 0; i < tr.count; i++) {
      snap.trace.step.push(tr.step[i]);
      snap.trace.loss.push(tr.loss[i]);
      snap.trace.accuracy.push(tr.accuracy[i]);
      for (let l = 0; l < L; l++) snap.trace.dead[l].push(tr.deadFraction[i * L + l]);
      for (let p = 0; p < tr.paramCount; p++) snap.trace.params[p].push(tr.params[i * tr.paramCount + p]);
    }
    this.onUpdate(snap);
    this.#emit('update', snap);
    return true;
  }

  async play() {
    if (this.playing || !this.session || this.snapshot?.done) return;
    this.playing = true;
    this.onPlayState(true);
    this.#emit('play');
    const gen = this.generation;
    try {
      while (this.playing && gen === this.generation && !this.snapshot.done) {
        // `speed` steps per frame, in budget-sized requests
        let left = this.speed;
        while (left > 0 && this.playing && gen === this.generation && !this.snapshot.done) {
          this.busy = this.#timed(left, gen);
          const n = await this.busy;
          if (n === 0) break;
          left -= n;
        }
        await nextFrame();
      }
    } catch (err) {
      this.onError(err);
      this.#emit('error', err);
    }
    if (gen === this.generation) {
      this.playing = false;
      this.onPlayState(false);
      this.#emit('pause', this.snapshot);
    }
  }

  pause() {
    this.stepToken = null; // also stops a stepBy in progress
    if (!this.playing) return;
    this.playing = false;
    this.onPlayState(false);
  }

  async step() {
    return this.stepBy(this.speed);
  }

  /** Trains n more steps (paused), in budget-sized requests; a reset or load stops it. */
  async stepBy(n) {
    if (this.playing || !this.session || this.snapshot?.done) return false;
    const gen = this.generation;
    const token = (this.stepToken = {});
    let left = n;
    try {
      while (left > 0 && gen === this.generation && this.stepToken === token && !this.playing && !this.snapshot.done) {
        const taken = await this.#timed(left, gen);
        if (taken === 0) break;
        left -= taken;
      }
    } catch (err) {
      this.onError(err);
      this.#emit('error', err);
      return false;
    }
    return gen === this.generation;
  }

  /** Runs to the end as fast as the worker goes (used by sweeps of one and tests). */
  reset() {
    return this.load(this.query);
  }

  dispose() {
    this.pause();
    this.generation++;
    this.session?.dispose().catch(() => {});
    this.session = null;
  }
}

/** Run controls wired to a LiveRun. */
export function runPanel(run, { speeds, speed } = {}) {
  const controls = runControls({
    onPlay: () => run.play(),
    onPause: () => run.pause(),
    onStep: () => run.step(),
    onReset: () => run.reset(),
    speeds,
    speed: speed ?? run.speed,
    onSpeed: (s) => {
      run.speed = s;
    },
  });
  run.speed = speed ?? run.speed;
  const prev = run.onPlayState;
  run.onPlayState = (p) => {
    controls.setPlaying(p);
    prev(p);
  };
  return controls;
}
