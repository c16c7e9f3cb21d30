// lab.js: experiment 9, the free lab. Every key of the engine's configuration schema
// gets a control made from the schema itself (its type, range, choices and doc), and
// every change is checked by the engine's parser; any task, any layer sizes and
// activations, with every diagnostic on.
import { el } from '../ui/dom.js';
import { readouts } from '../ui/controls.js';
import { LiveRun, runPanel } from '../ui/runner.js';
import { liveView, MAP_EXTENT } from '../ui/live-view.js';
import { t, num, sci, pct } from '../i18n/index.js';
import { unitCounts } from './compute/live.js';
import { HIDDEN_KEYS } from './compute/lab.js';

const KINDS = { choice: 'select', bool: 'checkbox' };

/** The lab's table of controls: one per key of the schema (of one of its groups: data, model, training, run). */
export function labControls(schema, group = null) {
  return schema.filter((key) => !HIDDEN_KEYS.has(key.name) && (!group || key.group === group)).map((key) => ({ key: key.name, kind: KINDS[key.type] ?? 'text', label: `key.${key.name}` }));
}

/** The schema's groups of keys, in the schema's order. */
const groupsOf = (schema) => [...new Set(schema.map((key) => key.group))];

export default {
  mount(box, ctx) {
    // the keys by group, each group a disclosure: open on a wide screen, folded on a
    // phone, so the run and its pictures come within the first screen there
    const wide = !globalThis.matchMedia?.('(max-width: 760px)').matches;
    for (const group of groupsOf(ctx.schema)) {
      const table = labControls(ctx.schema, group);
      if (!table.length) continue;
      box.append(el('details', { class: 'key-group', open: wide }, [el('summary', { text: t(`lab.group.${group}`) }), ctx.controls(table).element]));
    }
    // the lab's run has a worker of its own: it alone may use the engine's whole caps
    const run = new LiveRun(ctx.client, { onUpdate: (s) => draw(s), onError: ctx.error, speed: 20, grid: (s) => (s?.data?.inputs === 2 ? MAP_EXTENT : null), host: 'lab' });
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

    function draw(s) {
      const hidden = s.evaluation.layers.filter((l) => !l.output).length;
      if (!view || view.layers !== hidden || view.inputs !== s.data.inputs) {
        view?.destroy();
        viewBox.textContent = '';
        view = liveView(viewBox, { network: true, map: s.data.inputs === 2, loss: true, dead: hidden > 0, accuracy: s.data.classification, bars: hidden > 0, hist: hidden > 0, layers: Math.max(1, hidden) });
        view.layers = hidden;
        view.inputs = s.data.inputs;
      }
      view.update(s);
      const ev = s.evaluation;
      info.set('step', num(s.step), s.step);
      info.set('loss', sci(ev.loss, 3), ev.loss);
      info.set('accuracy', ev.accuracy === null ? '—' : pct(ev.accuracy, 1), ev.accuracy ?? '');
      const nan = unitCounts(ev).nan;
      const state = s.state !== 'diverged' ? t('lab.state.ok') : nan ? t('lab.state.divergedUnits', { n: num(nan) }) : t('lab.state.divergedLoss');
      info.set('state', state, s.state);
      box.dataset.nanUnits = String(nan);
      box.dataset.done = s.done ? '1' : '0';
    }

    return {
      run,
      start: () => run.load(ctx.entry().query),
      configChanged: (entry) => run.load(entry.query),
    };
  },
};
