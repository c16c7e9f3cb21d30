// sweep-view.js: what every seed sweep shows: a stacked histogram of final losses by
// outcome class (compute/sweep.js), and the numbers written out ("103 of 200 runs
// failed; ..."), with the rule that tells a run still improving from a stuck one.
import { el } from './dom.js';
import { StackedHistogram } from '../charts/bars.js';
import { t, num, pct } from '../i18n/index.js';
import { FAILURES, summarize } from '../experiments/compute/sweep.js';

/** A sweep's per-seed table: seed, final loss, accuracy, outcome, dead units per layer, loss where the last tenth began. */
export function outcomeTable(outcomes) {
  const layers = outcomes[0]?.deadPerLayer.length ?? 0;
  return {
    columns: ['seed', 'final loss', 'accuracy', 'outcome', ...Array.from({ length: layers }, (_, l) => `dead in layer ${l + 1}`), 'loss at the last tenth'],
    rows: outcomes.map((o) => [o.seed, o.finalLoss, o.accuracy ?? '', o.failure, ...o.deadPerLayer, o.lossAtLastTenth ?? '']),
  };
}

export function sweepView(container, { label }) {
  const fig = el('figure', { class: 'chart sweep', hidden: true }, [el('figcaption', { text: label })]);
  container.append(fig);
  const hist = new StackedHistogram(fig, {
    xLabel: t('sweep.finalLoss'),
    categories: FAILURES.map((f) => ({ ...f, label: t(`failure.${f.key}`) })),
    label,
  });
  fig.append(el('p', { class: 'hint', text: t('sweep.rule') }));
  const text = el('div', { class: 'result', role: 'status' });
  container.append(text);
  return {
    text,
    show(outcomes) {
      const s = summarize(outcomes);
      fig.hidden = false;
      hist.update(outcomes.map((o) => ({ value: Math.log10(Math.max(o.finalLoss, 1e-12)), category: o.failure })), [-12, 1], 26);
      hist.tools.setTable(() => outcomeTable(outcomes));
      text.textContent = '';
      text.append(el('p', { text: t('sweep.summary', { failed: num(s.failed), total: num(s.total), rate: pct(s.failureRate) }) }));
      const reasons = FAILURES.filter((f) => f.key !== 'none' && s.by[f.key] > 0).map((f) => t('sweep.reason', { n: num(s.by[f.key]), reason: t(`failure.${f.key}`) }));
      if (reasons.length) text.append(el('p', { text: t('sweep.reasons', { list: reasons.join('; ') }) }));
      text.dataset.failureRate = String(s.failureRate);
      text.dataset.total = String(s.total);
      for (const f of FAILURES) text.dataset[`count${f.key.replace(/(^|_)(\w)/g, (m, a, c) => c.toUpperCase())}`] = String(s.by[f.key]);
      text.dataset.outputDead = String(s.by.output_dead);
      return s;
    },
  };
}
