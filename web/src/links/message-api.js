// message-api.js: the postMessage API of an embedded experiment (?embed=<id>).
// The embedding page sends commands to the iframe:
//   {type: 'load', preset: 'adder-fails'}      {type: 'load', config: 'seed=3&lr=0.02'}
//   {type: 'load', config: {seed: 3}}          {type: 'play'}  {type: 'pause'}
//   {type: 'step', n: 100}                     {type: 'reset'} {type: 'status'}
// (an optional `id`, a string or number, is echoed in the answer). The iframe answers
// with events {source: 'relulab', version: 1, type, ...}: 'ready', 'loaded', 'progress',
// 'dead', 'finished', 'status', 'resize', 'error'; beside 'resize', the height in the
// formats of course platforms ({subject: 'lti.frameResize', height}, {context:
// 'iframe.resize', height}). Docs: docs/EMBEDDING.md.
//
// Every message is untrusted: it is checked field by field and a bad one is answered
// with an 'error' event, never an exception. Only messages from the parent window are
// read. A parent cannot make the lab work without end or flood it back: at most
// MAX_WAITING commands wait their turn (more are refused with a 'busy' error), and
// error events are rate-limited (a burst of ERROR_BURST, then ERROR_RATE a second;
// those left out are counted, and the next error event sent carries `dropped`). With ?origins=a,b only those origins may command and events go only to them;
// without it any parent may command and events go to the parent with targetOrigin '*'
// (they carry nothing but the experiment's public state: config, step, loss, dead
// counts, which the parent could compute itself from the same link).
import { LIMITS, linkError, shown } from './link-errors.js';
import { experiment } from '../experiments/registry.js';
import { describeError, describeFailure } from '../i18n/errors.js';
import { PRESETS, presetByName } from './presets.js';
import { t } from '../i18n/index.js';

export const API_VERSION = 1;
export const COMMANDS = ['load', 'play', 'pause', 'step', 'reset', 'status'];
const MAX_STEP = 1_000_000;
const PROGRESS_MS = 100; // at most ten progress events a second
export const MAX_WAITING = 16;
export const ERROR_BURST = 20;
export const ERROR_RATE = 10;

const isPlainObject = (v) => Object.prototype.toString.call(v) === '[object Object]';

/** Checks a command; returns {command} or {error: {code, message, field}}. Never throws. */
export function checkCommand(data) {
  const fail = (code, message, field) => ({ error: { code, message, field } });
  if (!isPlainObject(data)) return fail('bad-message', t('api.badMessage'), 'type');
  const { type } = data;
  if (typeof type !== 'string') return fail('bad-message', t('api.badMessage'), 'type');
  if (!COMMANDS.includes(type)) return fail('unknown-type', t('api.unknownType', { value: shown(type), list: COMMANDS.join(', ') }), 'type');
  const command = { type };
  if ('id' in data) {
    const id = data.id;
    if (!((typeof id === 'string' && id.length <= 100) || (typeof id === 'number' && Number.isFinite(id)))) {
      return fail('bad-field', t('api.badField', { field: 'id', reason: t('api.reason.string', { max: 100 }) }), 'id');
    }
    command.id = id;
  }
  if (type === 'step') {
    const n = 'n' in data ? data.n : 1;
    if (!Number.isInteger(n) || n < 1 || n > MAX_STEP) return fail('bad-field', t('api.badField', { field: 'n', reason: t('api.reason.count', { max: MAX_STEP }) }), 'n');
    command.n = n;
  }
  if (type === 'load') {
    const hasConfig = 'config' in data && data.config !== undefined;
    const hasPreset = 'preset' in data && data.preset !== undefined;
    if (hasConfig === hasPreset) return fail('bad-field', t('api.badField', { field: 'config', reason: t('api.reason.oneOf') }), 'config');
    if (hasPreset) {
      if (typeof data.preset !== 'string' || data.preset.length > 64) return fail('bad-field', t('api.badField', { field: 'preset', reason: t('api.reason.string', { max: 64 }) }), 'preset');
      command.preset = data.preset;
    } else if (typeof data.config === 'string') {
      if (data.config.length > LIMITS.linkChars) return fail('bad-field', t('api.badField', { field: 'config', reason: t('api.reason.string', { max: LIMITS.linkChars }) }), 'config');
      command.config = data.config;
    } else if (isPlainObject(data.config)) {
      const entries = Object.entries(data.config);
      const chars = entries.reduce((n, [k, v]) => n + k.length + (typeof v === 'string' ? v.length : 0), 0);
      const ok = entries.length <= LIMITS.pairs && chars <= LIMITS.linkChars && entries.every(([k, v]) => k.length <= LIMITS.keyChars && (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))));
      if (!ok) return fail('bad-field', t('api.badField', { field: 'config', reason: t('api.reason.config') }), 'config');
      command.config = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}`).join('&');
    } else return fail('bad-field', t('api.badField', { field: 'config', reason: t('api.reason.config') }), 'config');
  }
  return { command };
}

/** The counts of a snapshot's evaluation that the 'dead' event reports. */
export function deadCounts(evaluation) {
  return (evaluation?.layers ?? []).map((l) => ({
    units: l.units,
    output: Boolean(l.output),
    dead: l.deadCount,
    dormant: (l.dormant ?? []).filter(Boolean).length,
    nan: (l.nan ?? []).filter(Boolean).length,
  }));
}

/**
 * Starts the API for experiment `exp`. instance: the experiment (its `run`, a LiveRun,
 * when it has one); controller: the LinkController; allowed: null (any origin) or a
 * list of origins; readLinkFor(preset|config) builds a link object for controller.apply.
 */
export function attachMessageApi({ exp, instance, controller, allowed, readLinkFor, win = window }) {
  if (win.parent === win) return null; // not in a frame: nobody to talk to
  const restricted = Array.isArray(allowed);
  const ancestor = win.location.ancestorOrigins?.[0] ?? null;
  // where events go: '*' when anyone may command; else the parent's origin once known
  let target = restricted ? (ancestor && allowed.includes(ancestor) ? ancestor : null) : '*';

  // (a browser without location.ancestorOrigins: to every allowed origin; the browser
  // delivers only to the one that matches the parent)
  const deliver = (message, to = target) => {
    const targets = to ? [to] : restricted && !ancestor ? allowed : [];
    for (const origin of targets) {
      try {
        win.parent.postMessage(message, origin);
      } catch {
        // an unusable target origin: nothing to tell
      }
    }
  };
  const post = (event, to = target) => deliver({ source: 'relulab', version: API_VERSION, experiment: exp, ...event }, to);
  // error events: a token bucket (ERROR_BURST tokens, ERROR_RATE more a second)
  let tokens = ERROR_BURST;
  let filled = performance.now();
  let dropped = 0;
  const error = (code, message, extra = {}, to = target) => {
    const now = performance.now();
    tokens = Math.min(ERROR_BURST, tokens + ((now - filled) / 1000) * ERROR_RATE);
    filled = now;
    if (tokens < 1) {
      dropped++;
      return;
    }
    tokens -= 1;
    post({ type: 'error', code, message, ...extra, ...(dropped ? { dropped } : {}) }, to);
    dropped = 0;
  };

  const run = () => instance.run ?? null;
  let lastProgress = 0;
  let lastDead = '';
  let finishedAt = -1;
  const progress = (snap) => ({ step: snap.step, steps: snap.evaluation?.steps ?? null, loss: snap.evaluation?.loss ?? null, accuracy: snap.evaluation?.accuracy ?? null, state: snap.state, done: snap.done });

  const onRun = (event, snap) => {
    if (!snap?.evaluation) return;
    if (event === 'load') {
      finishedAt = -1;
      lastDead = '';
    }
    const now = performance.now();
    if (event !== 'update' || now - lastProgress >= PROGRESS_MS || snap.done) {
      lastProgress = now;
      post({ type: 'progress', ...progress(snap) });
    }
    const layers = deadCounts(snap.evaluation);
    const key = JSON.stringify(layers);
    if (key !== lastDead) {
      lastDead = key;
      const hidden = layers.filter((l) => !l.output);
      const units = hidden.reduce((s, l) => s + l.units, 0);
      const dead = hidden.reduce((s, l) => s + l.dead, 0);
      post({ type: 'dead', step: snap.step, layers, deadFraction: units ? dead / units : 0 });
    }
    if (snap.done && finishedAt !== snap.step) {
      finishedAt = snap.step;
      post({ type: 'finished', ...progress(snap), layers });
    }
  };
  let unlisten = null;
  const listen = () => {
    const r = run();
    if (r && !unlisten) unlisten = r.listen(onRun);
  };
  listen();

  const status = () => {
    const s = controller.stateOf(exp);
    const snap = run()?.snapshot;
    return { config: s.config, view: s.view, playing: Boolean(run()?.playing), ...(snap?.evaluation ? progress(snap) : {}) };
  };

  const handlers = {
    async load(cmd) {
      let link;
      if (cmd.preset) {
        const preset = presetByName(cmd.preset);
        if (!preset) return error('unknown-preset', linkError('preset', 'link.unknownPreset', { value: shown(cmd.preset) }).message, { id: cmd.id });
        if (preset.exp !== exp) return error('other-experiment', t('api.otherExperiment', { preset: preset.name, exp: preset.exp, embed: exp }), { id: cmd.id });
        link = readLinkFor({ preset: preset.name });
      } else link = readLinkFor({ config: cmd.config });
      const errors = await controller.apply(link);
      listen();
      await run()?.loading;
      if (errors.length) error('bad-config', errors.map(describeError).join('; '), { id: cmd.id, errors: errors.map(({ key, message, code }) => ({ key, message, code })) });
      post({ type: 'loaded', id: cmd.id, config: controller.stateOf(exp).config, errors: errors.length });
      const snap = run()?.snapshot;
      if (snap) onRun('load', snap);
    },
    async play(cmd) {
      const r = run();
      await r?.loading;
      if (!r?.session) return error('unsupported', t('api.noRun', { type: 'play' }), { id: cmd.id });
      r.play();
    },
    pause(cmd) {
      const r = run();
      if (!r) return error('unsupported', t('api.noRun', { type: 'pause' }), { id: cmd.id });
      r.pause();
      if (r.snapshot?.evaluation) post({ type: 'progress', ...progress(r.snapshot) });
    },
    async step(cmd) {
      const r = run();
      await r?.loading;
      if (!r?.session) return error('unsupported', t('api.noRun', { type: 'step' }), { id: cmd.id });
      r.pause();
      await r.busy; // the play loop's last request
      await r.stepBy(cmd.n);
      if (r.snapshot?.evaluation) post({ type: 'progress', ...progress(r.snapshot), id: cmd.id });
    },
    async reset(cmd) {
      const r = run();
      if (r) await r.reset();
      else await instance.start?.();
      post({ type: 'loaded', id: cmd.id, config: controller.stateOf(exp).config, errors: 0 });
    },
    status(cmd) {
      post({ type: 'status', id: cmd.id, ...status() });
    },
  };

  let queue = Promise.resolve();
  let waiting = 0; // commands queued and not finished
  const onMessage = (event) => {
    try {
      if (event.source !== win.parent) return; // only the embedding page may command
      if (restricted && !allowed.includes(event.origin)) {
        // refused; told to that origin only (never to '*'), so it learns nothing else
        if (/^https?:\/\//.test(event.origin)) error('origin-not-allowed', t('api.notAllowed', { origin: shown(event.origin, 100) }), {}, event.origin);
        return;
      }
      if (restricted) target = event.origin;
      const { command, error: bad } = checkCommand(event.data);
      if (bad) {
        error(bad.code, bad.message, { field: bad.field, id: isPlainObject(event.data) && (typeof event.data.id === 'string' || typeof event.data.id === 'number') ? String(event.data.id).slice(0, 100) : undefined });
        return;
      }
      if (waiting >= MAX_WAITING) {
        error('busy', t('api.busy', { max: MAX_WAITING }), { id: command.id });
        return;
      }
      // commands run one after another in arrival order; pause, reset and load first
      // interrupt a long step command in progress
      if (['pause', 'reset', 'load'].includes(command.type)) run()?.pause();
      waiting++;
      queue = queue
        .then(() => handlers[command.type](command))
        .catch((err) => error('failed', describeFailure(err).slice(0, 500), { id: command.id }))
        .finally(() => {
          waiting--;
        });
    } catch (err) {
      error('failed', String(err?.message ?? err).slice(0, 500));
    }
  };
  win.addEventListener('message', onMessage);

  // The height of the content, whenever it changes, for a parent that sizes the iframe
  // to fit: our own event (relu-lab.js listens), and the messages course platforms
  // already listen for: Canvas LMS's lti.frameResize and the Embedly-style
  // iframe.resize (docs/EMBEDDING.md). They say nothing but the height.
  let lastHeight = 0;
  const observer = new ResizeObserver(() => {
    const h = Math.ceil(win.document.documentElement.scrollHeight);
    if (Math.abs(h - lastHeight) > 4) {
      lastHeight = h;
      post({ type: 'resize', height: h });
      deliver({ subject: 'lti.frameResize', height: h });
      deliver({ context: 'iframe.resize', height: h });
    }
  });
  observer.observe(win.document.body);

  const ready = () =>
    post({
      type: 'ready',
      commands: COMMANDS,
      presets: PRESETS.filter((p) => p.exp === exp).map((p) => p.name),
      live: Boolean(run()),
      views: experiment(exp)?.views ?? [],
      ...status(),
    });
  ready();
  return {
    ready,
    stop() {
      win.removeEventListener('message', onMessage);
      observer.disconnect();
      unlisten?.();
    },
  };
}

