// runner.js: drives one live training session in the live worker. While playing it
// asks for `speed` more steps, waits for the answer and the next animation frame,
// and repeats: one request in flight at a time, so the page never queues work it
// cannot draw. The trace (loss, accuracy, dead fraction per layer, parameters of
// small nets) is accumulated on the page; the drawing is up to onUpdate.
import { runControls } from './controls.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

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
  }

  /** Creates a fresh session for `query` and shows its step-0 state. */
  async load(query) {
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
    } catch (err) {
      if (gen === this.generation) this.onError(err);
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
    return true;
  }

  async play() {
    if (this.playing || !this.session || this.snapshot?.done) return;
    this.playing = true;
    this.onPlayState(true);
    const gen = this.generation;
    try {
      while (this.playing && gen === this.generation && !this.snapshot.done) {
        this.busy = this.#advance(this.speed, gen);
        await this.busy;
        await nextFrame();
      }
    } catch (err) {
      this.onError(err);
    }
    if (gen === this.generation) {
      this.playing = false;
      this.onPlayState(false);
    }
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    this.onPlayState(false);
  }

  async step() {
    if (this.playing || !this.session || this.snapshot?.done) return;
    try {
      await this.#advance(this.speed, this.generation);
    } catch (err) {
      this.onError(err);
    }
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
