// lab.js: experiment 9, the free lab. Every key of the engine's configuration schema
// gets a control generated from the schema itself (its type, range, choices and doc),
// validated by the engine's parser; any task, any layer sizes and activations, with
// every diagnostic on.
import { el } from '../ui/dom.js';
import { select, textInput, checkbox } from '../ui/controls.js';
import { LiveRun, runPanel } from '../ui/runner.js';
import { liveView, MAP_EXTENT } from '../ui/live-view.js';
import { readouts } from '../ui/controls.js';
import { parseQuery, mergeQuery } from '../state.js';
import { t, num, sci, pct } from '../i18n/index.js';
import { describeError } from '../i18n/errors.js';

const HIDDEN = new Set(['points', 'weights', 'dim', 'trace']);

export default {
  mount(box, ctx) {
    let config = ctx.config;
    const controlsBox = el('div', { class: 'controls' });
    const errors = el('ul', { class: 'error', role: 'alert' });
    box.append(controlsBox, errors);
    const controls = new Map();
    const run = new LiveRun(ctx.client, { onUpdate: (s) => draw(s), onError: ctx.error, speed: 20, grid: (s) => (s?.data?.inputs === 2 ? MAP_EXTENT : null) });
    const panel = runPanel(run, { speeds: [1, 10, 50, 200, 1000], speed: 20 });
    const info = readouts([
      ['step', t('common.step')],
      ['loss', t('common.loss')],
      ['accuracy', t('common.accuracy')],
      ['state', t('lab.state')],
    ]);
    box.append(panel.element, info.element);
    let view = null;
    const viewBox = el('div');
    box.append(viewBox);

    function buildControls() {
      controlsBox.textContent = '';
      const values = parseQuery(config);
      for (const key of ctx.client.schema) {
        if (HIDDEN.has(key.name)) continue;
        const value = values.get(key.name) ?? key.default;
        const label = t(`key.${key.name}`) !== `key.${key.name}` ? t(`key.${key.name}`) : key.name;
        let control;
        if (key.type === 'choice') control = select({ label, name: key.name, options: key.choices.map((c) => ({ value: c, label: c })), value, onChange: (v) => change(key.name, v) });
        else if (key.type === 'bool') control = checkbox({ label, name: key.name, checked: value === '1', onChange: (v) => change(key.name, v ? '1' : '0') });
        else control = textInput({ label, name: key.name, value, onChange: (v) => change(key.name, v) });
        control.input.title = t('lab.keyHint', { name: key.name, default: key.default === '' ? '—' : key.default });
        controls.set(key.name, control);
        controlsBox.append(control.element);
      }
    }

    async function change(key, value) {
      const next = mergeQuery(config, { [key]: value });
      const parsed = await ctx.client.parse(next);
      errors.textContent = '';
      if (parsed.errors.length) {
        for (const e of parsed.errors) errors.append(el('li', { text: describeError(e) }));
        return;
      }
      config = next;
      ctx.onConfig(config);
      await load();
    }

    async function load() {
      await run.load(config);
    }

    function draw(s) {
      const hidden = s.evaluation.layers.filter((l) => !l.output).length;
      if (!view || view.layers !== hidden || view.inputs !== s.data.inputs) {
        viewBox.textContent = '';
        view = liveView(viewBox, { network: true, map: s.data.inputs === 2, loss: true, dead: hidden > 0, accuracy: s.data.classification, bars: hidden > 0, hist: hidden > 0, layers: Math.max(1, hidden) });
        view.layers = hidden;
        view.inputs = s.data.inputs;
      }
      view.update(s, { bias: parseQuery(config).get('bias') !== '0' });
      const ev = s.evaluation;
      info.set('step', num(s.step), s.step);
      info.set('loss', sci(ev.loss, 3), ev.loss);
      info.set('accuracy', ev.accuracy === null ? '—' : pct(ev.accuracy, 1), ev.accuracy ?? '');
      info.set('state', t(`lab.state.${s.state}`) , s.state);
    }

    return {
      run,
      start: async () => {
        buildControls();
        await load();
      },
      setConfig(query) {
        config = query;
        if (controls.size) buildControls();
        if (run.query) load(); // a followed link changes a running lab
      },
    };
  },
};
