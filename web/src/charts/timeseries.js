// timeseries.js: uPlot line charts (loss on a log axis, parameters, dead fractions)
// that follow their container's width and redraw at most once per animation frame.
// A log axis has no 0: a value of exactly 0 (a loss that reached its minimum) is drawn
// on the axis floor, one decade below the smallest positive value, and a note under the
// chart says so; nothing is dropped silently. Non-finite values (a diverged run) leave
// a gap.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el } from '../ui/dom.js';
import { chartFont, onFontsLoaded } from './canvas.js';
import { SERIES, DASHES } from './palette.js';
import { chartTools } from '../ui/chart-tools.js';
import { sci, t } from '../i18n/index.js';

export class TimeSeries {
  /**
   * series: [{label, color?, dash?, points?}]; options: {title, xLabel, yLabel, logY, yMin, yMax, height, xLog}
   */
  constructor(container, { title, name = 'chart', xLabel, yLabel, logY = false, xLog = false, xInteger = false, yMin, yMax, height = 200, series, points = false, hiddenUntilData = false }) {
    this.box = el('figure', { class: 'chart', hidden: hiddenUntilData });
    if (title) this.box.append(el('figcaption', { text: title }));
    this.plotBox = el('div', { class: 'uplot-box' });
    this.zeroNote = el('p', { class: 'zero-note', hidden: true, text: t('chart.zeroFloor') });
    this.box.append(this.plotBox, this.zeroNote);
    container.append(this.box);
    this.logY = logY;
    this.fixed = yMin !== undefined && yMax !== undefined ? [yMin, yMax] : null;
    this.data = [[], ...series.map(() => [])];
    this.dirty = false;
    const axisStyle = { stroke: '#222', grid: { stroke: '#e3e3e3', width: 1 }, ticks: { stroke: '#bbb', width: 1 }, font: chartFont(11), labelFont: chartFont(12) };
    const opts = {
      width: Math.max(200, container.clientWidth || 300),
      height,
      legend: { show: series.length > 1, live: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: {
        x: { time: false, distr: xLog ? 3 : 1, ...(xInteger ? { range: (u, lo, hi) => [Math.floor(lo), Math.ceil(hi)] } : {}) },
        y: logY ? { distr: 3, range: this.fixed ? () => this.fixed : (u, lo, hi) => decades(lo, hi) } : { range: this.fixed ? () => this.fixed : (u, lo, hi) => pad(lo, hi) },
      },
      axes: [
        {
          ...axisStyle,
          label: xLabel,
          ...(xInteger ? { incrs: [1, 2, 5, 10, 20, 50, 100] } : {}),
          values: (u, vals) => {
            const labels = vals.map((v) => (v === null || v === undefined ? '' : xLog && !major(v) ? '' : xInteger && !Number.isInteger(v) ? '' : sci(v, 2)));
            this.box.dataset.xTicks = vals.filter((v, i) => labels[i] !== '').join(',');
            return labels;
          },
        },
        { ...axisStyle, label: yLabel, size: 56, ...(logY ? { splits: logSplits, filter: (u, splits) => splits } : {}), values: (u, vals) => vals.map((v) => (v === null || v === undefined ? '' : logY && !major(v) ? '' : sci(v, 2))) },
      ],
      series: [
        { label: xLabel },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: s.color ?? SERIES[i % SERIES.length],
          dash: s.dash ?? DASHES[i % DASHES.length],
          width: 2,
          points: { show: s.points ?? points, size: 6 },
          spanGaps: false,
        })),
      ],
    };
    this.plot = new uPlot(opts, this.data, this.plotBox);
    const canvas = this.plot.root.querySelector('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', title ?? yLabel);
    this.raw = null;
    const columns = [xLabel, ...series.map((s) => s.label)];
    this.tools = chartTools(this.box, { name, canvas: () => canvas, table: () => (this.raw ? { columns, rows: this.raw[0].map((x, i) => [x, ...this.raw.slice(1).map((ys) => ys[i] ?? null)]) } : null) });
    this.observer = new ResizeObserver(() => {
      const w = Math.max(200, Math.floor(this.box.clientWidth));
      if (Math.abs(w - this.plot.width) > 1) this.plot.setSize({ width: w, height });
    });
    this.observer.observe(this.box);
    onFontsLoaded(this.plot, () => this.plot.redraw(false, true));
  }
  /** Takes the chart away for good: its observer, uPlot's window listeners and its figure. */
  destroy() {
    this.observer.disconnect();
    this.plot.destroy();
    this.box.remove();
  }
  /** data: [xs, ys1, ys2, ...]; on a log axis a 0 is drawn on the axis floor, and non-finite values leave gaps. */
  setData(data) {
    this.box.hidden = false;
    this.raw = data;
    this.tools.refresh();
    if (this.logY) {
      let smallest = Infinity;
      let zeros = 0;
      for (const ys of data.slice(1)) for (const v of ys) {
        if (v > 0 && v < smallest && Number.isFinite(v)) smallest = v;
        if (v === 0) zeros++;
      }
      const floor = Number.isFinite(smallest) ? 10 ** (Math.floor(Math.log10(smallest)) - 1) : 0.1;
      this.data = [data[0], ...data.slice(1).map((ys) => Array.from(ys, (v) => (v > 0 && Number.isFinite(v) ? v : v === 0 ? floor : null)))];
      this.zeroNote.hidden = zeros === 0;
      this.box.dataset.zeros = String(zeros);
    } else this.data = data.map((ys, i) => (i === 0 ? ys : Array.from(ys, (v) => (Number.isFinite(v) ? v : null))));
    if (this.dirty) return;
    this.dirty = true;
    requestAnimationFrame(() => {
      this.dirty = false;
      this.plot.setData(this.data);
    });
  }
}

/**
 * Grid lines of a log axis: 1, 2 and 5 times each power of ten over a few decades; over
 * many decades only powers of ten, at most about six of them.
 */
function logSplits(u, axis, min, max) {
  if (!(min > 0) || !(max > min)) return [];
  const a = Math.floor(Math.log10(min) + 1e-9);
  const b = Math.ceil(Math.log10(max) - 1e-9);
  const out = [];
  if (b - a <= 3) {
    for (let e = a; e <= b; e++) for (const m of [1, 2, 5]) out.push(m * 10 ** e);
  } else {
    const step = Math.ceil((b - a) / 6);
    for (let e = a; e <= b; e += step) out.push(10 ** e);
  }
  return out.filter((v) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9));
}

/** On log axes only 1, 2 and 5 times a power of ten get a label. */
function major(v) {
  const m = Number((v / 10 ** Math.floor(Math.log10(v) + 1e-9)).toPrecision(3));
  return m === 1 || m === 2 || m === 5;
}

function decades(lo, hi) {
  if (!(lo > 0) || !(hi > 0)) return [0.1, 10];
  let a = 10 ** Math.floor(Math.log10(lo));
  let b = 10 ** Math.ceil(Math.log10(hi));
  if (!(b > a)) {
    a /= 10;
    b *= 10;
  }
  return [a, b];
}

function pad(lo, hi) {
  if (lo === null || hi === null) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  const m = (hi - lo) * 0.05;
  return [lo - m, hi + m];
}
