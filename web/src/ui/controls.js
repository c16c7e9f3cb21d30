// controls.js: labelled, keyboard-operable controls that show their values:
// sliders (linear or log), selects, checkboxes, run controls (play / pause / step /
// reset / speed) and a progress bar with a cancel button.
import { el, uid } from './dom.js';
import { t, num } from '../i18n/index.js';

export function slider({ label, min, max, step = 'any', value, log = false, format = (v) => num(v), onInput, onChange, name }) {
  const id = uid('slider');
  const toRange = (v) => (log ? Math.log10(v) : v);
  const fromRange = (r) => (log ? 10 ** r : r);
  const input = el('input', {
    id,
    type: 'range',
    min: toRange(min),
    max: toRange(max),
    step: log ? 'any' : step,
    name,
  });
  const output = el('output', { for: id, class: 'value' });
  let current = value;
  const show = () => {
    output.textContent = format(current);
    input.setAttribute('aria-valuetext', format(current));
  };
  input.value = String(toRange(value));
  show();
  input.addEventListener('input', () => {
    let v = fromRange(Number(input.value));
    if (!log && step !== 'any') v = Math.round(v / step) * step;
    if (log) v = Number(v.toPrecision(2));
    current = Number(v.toFixed(10));
    show();
    onInput?.(current);
  });
  input.addEventListener('change', () => onChange?.(current));
  const element = el('div', { class: 'control slider' }, [el('label', { for: id, text: label }), input, output]);
  return {
    element,
    input,
    get value() {
      return current;
    },
    set value(v) {
      current = v;
      input.value = String(toRange(v));
      show();
    },
  };
}

export function select({ label, options, value, onChange, name }) {
  const id = uid('select');
  const sel = el('select', { id, name }, options.map((o) => el('option', { value: String(o.value), text: o.label })));
  sel.value = String(value);
  sel.addEventListener('change', () => onChange?.(sel.value));
  const element = el('div', { class: 'control select' }, [el('label', { for: id, text: label }), sel]);
  return {
    element,
    input: sel,
    get value() {
      return sel.value;
    },
    set value(v) {
      sel.value = String(v);
    },
  };
}

export function checkbox({ label, checked = false, onChange, name }) {
  const id = uid('check');
  const box = el('input', { id, type: 'checkbox', name });
  box.checked = checked;
  box.addEventListener('change', () => onChange?.(box.checked));
  const element = el('div', { class: 'control checkbox' }, [box, el('label', { for: id, text: label })]);
  return {
    element,
    input: box,
    get value() {
      return box.checked;
    },
    set value(v) {
      box.checked = Boolean(v);
    },
  };
}

export function textInput({ label, value = '', onChange, name, placeholder }) {
  const id = uid('text');
  const input = el('input', { id, type: 'text', name, placeholder, spellcheck: 'false', autocomplete: 'off' });
  input.value = value;
  input.addEventListener('change', () => onChange?.(input.value));
  const element = el('div', { class: 'control text' }, [el('label', { for: id, text: label }), input]);
  return {
    element,
    input,
    get value() {
      return input.value;
    },
    set value(v) {
      input.value = v;
    },
  };
}

export function button(label, onClick, { cls = '', name, title } = {}) {
  return el('button', { type: 'button', class: `btn ${cls}`.trim(), text: label, onclick: onClick, name, title });
}

/** Play / pause / step / reset and a speed select (steps per animation frame). */
export function runControls({ onPlay, onPause, onStep, onReset, speeds = [1, 10, 100, 1000], speed = 10, onSpeed }) {
  let playing = false;
  if (!speeds.includes(speed)) speeds = [...speeds, speed].sort((a, b) => a - b);
  const play = button(t('run.play'), () => (playing ? onPause() : onPlay()), { cls: 'primary', name: 'play' });
  play.setAttribute('aria-pressed', 'false');
  const step = button(t('run.step'), () => onStep(), { name: 'step' });
  const reset = button(t('run.reset'), () => onReset(), { name: 'reset' });
  const speedSelect = select({
    label: t('run.speed'),
    name: 'speed',
    options: speeds.map((s) => ({ value: s, label: t('run.speedValue', { n: num(s) }) })),
    value: speed,
    onChange: (v) => onSpeed?.(Number(v)),
  });
  const element = el('div', { class: 'run-controls', role: 'group', 'aria-label': t('run.group') }, [play, step, reset, speedSelect.element]);
  const status = el('span', { class: 'run-status', role: 'status' });
  element.append(status);
  return {
    element,
    speed: speedSelect,
    setPlaying(p) {
      playing = p;
      play.textContent = p ? t('run.pause') : t('run.play');
      play.setAttribute('aria-pressed', String(p));
    },
    /** A click is waiting for the run to be ready: the group says so until it runs. */
    setPending(p) {
      element.dataset.pending = p ? '1' : '0';
      element.setAttribute('aria-busy', String(p));
      status.textContent = p ? t('run.pending') : '';
    },
  };
}

/** A progress bar for long jobs with a cancel button and a status line. */
// Every change it shows costs the page a frame (style, layout, paint), and on a 2-core
// machine that frame takes its time from the workers doing the job (a 200-seed sweep on
// two workers took 10% longer with its start shown at once). So a job shows that it runs
// only once it has run PROGRESS_MS, and then at most one update per PROGRESS_MS; a job
// shorter than that shows only its end. data-state is set at once (no style reads it).
const PROGRESS_MS = 100;
export function progressBar({ onCancel }) {
  const bar = el('progress', { max: 1, value: 0 });
  const status = el('span', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const cancel = button(t('sweep.cancel'), () => onCancel(), { name: 'cancel' });
  cancel.disabled = true;
  const element = el('div', { class: 'progress' }, [bar, cancel, status]);
  bar.setAttribute('aria-label', t('sweep.progress'));
  let revealed = false; // the running state is on screen
  let onReveal = null;
  let latest = null; // [done, total] not shown yet
  let timer = 0;
  const show = () => {
    timer = 0;
    if (!revealed) {
      revealed = true;
      bar.value = 0;
      cancel.disabled = false;
      status.textContent = t('sweep.running');
      onReveal?.();
    }
    if (!latest) return;
    const [done, total] = latest;
    latest = null;
    bar.value = total ? done / total : 0;
    status.textContent = t('sweep.progressText', { done: num(done), total: num(total) });
  };
  const settle = () => {
    clearTimeout(timer);
    timer = 0;
    latest = null;
  };
  return {
    element,
    /** A job starts; onReveal() runs when it has run long enough to show it. */
    start(reveal = null) {
      settle();
      revealed = false;
      onReveal = reveal;
      element.dataset.state = 'running';
      timer = setTimeout(show, PROGRESS_MS);
    },
    update(done, total) {
      latest = [done, total];
      if (!timer) timer = setTimeout(show, PROGRESS_MS);
    },
    finish(text, state = 'done') {
      settle();
      onReveal = null;
      cancel.disabled = true;
      element.dataset.state = state;
      if (state === 'done') bar.value = 1;
      status.textContent = text;
    },
  };
}

/** A row of labelled numbers: set(name, text, value) also writes data-value for tests. */
export function readouts(names) {
  const items = {};
  const element = el('dl', { class: 'readouts' });
  for (const [name, label] of names) {
    const dd = el('dd', { dataset: { name }, text: '—' });
    element.append(el('div', {}, [el('dt', { text: label }), dd]));
    items[name] = dd;
  }
  return {
    element,
    set(name, text, value) {
      const dd = items[name];
      dd.textContent = text;
      if (value !== undefined) dd.dataset.value = String(value);
    },
  };
}
