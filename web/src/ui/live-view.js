// live-view.js: the pictures of one live run, updated from a LiveRun snapshot:
// network diagram, loss (log axis), dead fraction per layer over training, firing-rate
// bars, pre-activation histograms with the z = 0 line, and for 2-input tasks a
// decision map with every first-layer unit's line w.x + b = 0 and its active side. The
// per-layer charts of a network deeper than MAX_DRAWN hidden layers draw an even
// selection of them and say which (drawn-layers.js).
import { el } from './dom.js';
import { TimeSeries } from '../charts/timeseries.js';
import { NetworkDiagram } from '../charts/network.js';
import { FiringBars, Histograms } from '../charts/bars.js';
import { Plot2D } from '../charts/plot2d.js';
import { sequential } from '../charts/colormap.js';
import { CLASS, SERIES } from '../charts/palette.js';
import { paramLayout, unitParams } from '../engine/layout.js';
import { t } from '../i18n/index.js';
import { drawnLayers, drawnNote } from './drawn-layers.js';

export const MAP_EXTENT = { x0: -1.2, x1: 1.2, y0: -1.2, y1: 1.2, nx: 48, ny: 48 };

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function liveView(container, { network = true, loss = true, dead = true, accuracy = false, bars = false, hist = false, map = false, layers = 1, mapRange = null } = {}) {
  const parts = {};
  const drawn = drawnLayers(layers);
  const note = (figure) => {
    const text = drawnNote(layers);
    if (text) figure.append(el('p', { class: 'layers-note', text }));
  };
  const row = el('div', { class: 'grid-2' });
  if (map) {
    const fig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('view.map') })]);
    parts.mapFig = fig;
    row.append(fig);
    parts.map = new Plot2D(fig, { name: 'decision-map', xLabel: 'x₁', yLabel: 'x₂', extent: [MAP_EXTENT.x0, MAP_EXTENT.x1, MAP_EXTENT.y0, MAP_EXTENT.y1], aspect: 1, label: t('view.mapLabel') });
  }
  if (network) {
    const fig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('view.network') })]);
    row.append(fig);
    parts.network = new NetworkDiagram(fig);
  }
  if (row.children.length === 1) container.append(row.firstChild);
  else if (row.children.length) container.append(row);
  const charts = el('div', { class: 'grid-2' });
  container.append(charts);
  if (loss) {
    const series = [{ label: t('common.loss') }];
    parts.loss = new TimeSeries(charts, { name: 'loss', title: t('view.loss'), xLabel: t('common.step'), yLabel: t('common.loss'), logY: true, series, height: 170 });
  }
  if (dead) {
    const series = drawn.map((l, k) => ({ label: t('view.layerN', { n: l + 1 }), color: SERIES[k % SERIES.length] }));
    parts.dead = new TimeSeries(charts, { name: 'dead', title: t('view.dead'), xLabel: t('common.step'), yLabel: t('view.deadAxis'), yMin: 0, yMax: 1, series, height: 170 });
    note(parts.dead.box);
  }
  if (accuracy) {
    parts.accuracy = new TimeSeries(charts, { name: 'accuracy', title: t('view.accuracy'), xLabel: t('common.step'), yLabel: t('common.accuracy'), yMin: 0, yMax: 1, series: [{ label: t('common.accuracy'), color: '#009E73' }], height: 170 });
  }
  if (bars) {
    // (a lone chart takes the full width)
    const fig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('view.bars') })]);
    container.append(fig);
    parts.bars = new FiringBars(fig);
    note(fig);
  }
  if (hist) {
    const fig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('view.hist') })]);
    container.append(fig);
    parts.hist = new Histograms(fig);
    note(fig);
  }

  if (charts.children.length === 1) charts.replaceWith(charts.firstChild);
  return {
    parts,
    /** Takes every chart of the view away for good (before a new view replaces it). */
    destroy() {
      for (const part of Object.values(parts)) part.destroy?.();
    },
    update(s) {
      const ev = s.evaluation;
      if (!ev) return;
      parts.network?.update(ev, s.params);
      parts.loss?.setData([s.trace.step, s.trace.loss]);
      if (parts.dead) {
        const hidden = ev.layers.filter((l) => !l.output).length;
        parts.dead.setData([s.trace.step, ...drawn.map((l) => (l < hidden ? s.trace.dead[l] ?? [] : []))]);
      }
      parts.accuracy?.setData([s.trace.step, s.trace.accuracy]);
      parts.bars?.update(ev, drawn);
      const hiddenLayers = ev.layers.filter((l) => !l.output);
      parts.hist?.update(drawn.filter((l) => l < hiddenLayers.length).map((l) => ({ histogram: hiddenLayers[l].histogram, title: t('view.layerN', { n: l + 1 }), n: l + 1 })));
      if (parts.map && s.data?.inputs === 2) this.drawMap(s);
    },
    drawMap(s) {
      const m = parts.map;
      const d = s.data;
      m.points = [];
      for (let i = 0; i < d.n; i++) m.points.push({ x: d.x[2 * i], y: d.x[2 * i + 1], cls: d.classification ? d.labels[i] : undefined });
      if (s.grid) {
        const K = d.outputs;
        const { nx, ny } = MAP_EXTENT;
        if (d.classification) {
          const values = new Array(nx * ny);
          for (let p = 0; p < nx * ny; p++) {
            let best = 0;
            if (K === 1) best = s.grid[p] > 0.5 ? 1 : 0;
            else for (let k = 1; k < K; k++) if (s.grid[p * K + k] > s.grid[p * K + best]) best = k;
            values[p] = best;
          }
          const tints = CLASS.map((c) => hexToRgb(c).map((v) => Math.round(255 - (255 - v) * 0.28)));
          m.heat = { values, nx, ny, color: (v) => tints[v % tints.length] };
        } else {
          const range = mapRange ?? [Math.min(...d.y), Math.max(...d.y)];
          m.heat = { values: Array.from(s.grid), nx, ny, color: sequential(range[0], range[1]) };
        }
      }
      const layout = paramLayout(s.evaluation);
      const first = s.evaluation.layers[0];
      m.units = [];
      if (s.params && !first.output && first.units <= 120) {
        for (let u = 0; u < first.units; u++) {
          const { w, b } = unitParams(layout, s.params, 0, u);
          const label = first.units <= 12 ? String(u + 1) : '';
          const many = first.units > 12;
          m.units.push({ w, b, dead: first.dead[u] || first.nan[u], color: many ? 'rgba(20,20,20,0.45)' : SERIES[u % SERIES.length], label, fill: many ? null : 'rgba(0,114,178,0.07)', thin: many });
        }
      }
      m.request();
    },
  };
}
