// runner.js: drives one live training session in the live worker. While playing it
// asks for `speed` more steps, waits for the answer and the next animation frame,
// and repeats: one request in flight at a time, so the page never queues work it
// cannot draw. The snapshot (engine/snapshot.js) accumulates what the page draws; the
// drawing is up to onUpdate.
// A request never asks for more steps than fit in about BUDGET_MS of the worker's time
// (measured as it goes), so pause, reset and a new config answer quickly even for the
// largest networks a link may ask for; listeners (the embedding API) see every update.
// A Play or Step pressed while the session is still being created is not lost: it waits
// for the session (onPending shows that it waits) and then runs.
// A session dies with its worker (a trap, a heap that cannot grow, a terminated worker:
// engine-worker.js), whether the run is playing or idle: the run stops, says why through
// onError(err, 'run'), and Reset (load) starts a new session on a fresh worker; the
// error is taken back (onError(null, 'run')) once a run loads again. `host` names a
// worker of the run's own (client.host) instead of the shared live worker.
import { runControls } from './controls.js';
import { newSnapshot, applyAdvance, readFrom } from '../engine/snapshot.js';
import { WorkerCrash } from '../engine/faults.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const BUDGET_MS = 120;

export class LiveRun {
  constructor(client, { onUpdate, onError, onPlayState, onPending, grid = () => null, speed = 10, host } = {}) {
    this.client = client;
    this.host = host;
    this.onUpdate = onUpdate ?? (() => {});
    this.onError = onError ?? ((e) => e && console.warn(e));
    this.onPlayState = onPlayState ?? (() => {});
    this.onPending = onPending ?? (() => {});
    this.grid = grid;
    this.speed = speed;
    this.session = null;
    this.query = '';
    this.playing = false;
    this.generation = 0;
    this.snapshot = null;
    this.busy = null;
    this.loading = null;
    this.chunk = 1; // steps per request, adapted to BUDGET_MS
    this.failed = false; // an error of this run is shown
    this.unwatch = () => {};
    this.listeners = new Set();
    this.firstLoad = new Promise((resolve) => {
      this.loadAsked = resolve;
    });
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
    this.loadAsked();
    return this.loading;
  }

  async #load(query) {
    this.pause();
    const gen = ++this.generation;
    this.#drop();
    this.query = query;
    try {
      const session = await this.client.createSession(query, { host: this.host });
      if (gen !== this.generation) {
        session.dispose().catch(() => {});
        return;
      }
      this.session = session;
      this.unwatch = session.onLost((crash) => {
        if (this.session === session) this.#fail(crash);
      });
      this.chunk = 1;
      this.snapshot = newSnapshot(session);
      await this.#advance(0, gen);
      if (gen === this.generation) {
        if (this.failed) {
          this.failed = false;
          this.onError(null, 'run');
        }
        this.#emit('load', this.snapshot);
      }
    } catch (err) {
      if (gen === this.generation) this.#fail(err);
    }
  }

  /** Lets go of the session (disposed in its worker, if that still lives). */
  #drop() {
    this.unwatch();
    this.unwatch = () => {};
    const old = this.session;
    this.session = null;
    if (old) old.dispose().catch(() => {});
  }

  /** The run stops on `err`; a session whose worker died is gone (Reset makes a new one). */
  #fail(err) {
    if (err instanceof WorkerCrash) {
      this.pause();
      this.#drop();
    }
    this.failed = true;
    this.onError(err, 'run');
    this.#emit('error', err);
  }

  async #advance(k, gen) {
    const s = this.session;
    if (!s) return false;
    const snap = this.snapshot;
    const r = await s.advance(k, { ...readFrom(snap), grid: this.grid(snap) });
    if (gen !== this.generation) return false;
    applyAdvance(snap, r);
    this.onUpdate(snap);
    this.#emit('update', snap);
    return true;
  }

  /** Waits for the session (asked for, or still to be asked for by the experiment starting); false when there is none to act on. */
  async #ready() {
    if (this.session) return true;
    this.onPending(true);
    try {
      await this.firstLoad;
      await this.loading;
    } finally {
      this.onPending(false);
    }
    return Boolean(this.session);
  }

  async play() {
    if (this.playing) return;
    this.wantPlay = true;
    if (!(await this.#ready()) || !this.wantPlay || this.playing || this.snapshot?.done) return;
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
      if (gen === this.generation) this.#fail(err);
    }
    if (gen === this.generation) {
      this.playing = false;
      this.onPlayState(false);
      this.#emit('pause', this.snapshot);
    }
  }

  pause() {
    this.wantPlay = false;
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
    const token = (this.stepToken = {});
    if (!(await this.#ready()) || this.stepToken !== token || this.playing || this.snapshot?.done) return false;
    const gen = this.generation;
    let left = n;
    try {
      while (left > 0 && gen === this.generation && this.stepToken === token && !this.playing && !this.snapshot.done) {
        const taken = await this.#timed(left, gen);
        if (taken === 0) break;
        left -= taken;
      }
    } catch (err) {
      if (gen === this.generation) this.#fail(err);
      return false;
    }
    return gen === this.generation;
  }

  /** Starts the run again from step 0. */
  reset() {
    return this.load(this.query);
  }

  dispose() {
    this.pause();
    this.generation++;
    this.#drop();
  }
}

/** Run controls wired to a LiveRun: a click while its session is being created shows as pending and runs when it is ready. */
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
  const prevPlay = run.onPlayState;
  run.onPlayState = (p) => {
    controls.setPlaying(p);
    prevPlay(p);
  };
  const prevPending = run.onPending;
  run.onPending = (p) => {
    controls.setPending(p);
    prevPending(p);
  };
  return controls;
}
