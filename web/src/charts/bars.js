// bars.js: per-unit firing-rate bars and per-layer pre-activation histograms with the
// z = 0 line, drawn on canvas from Session.evaluate() output.
import { ResponsiveCanvas, chartFont } from './canvas.js';
import { drawUnit, unitState } from './network.js';
import { t, sci, num } from '../i18n/index.js';
import { chartTools } from '../ui/chart-tools.js';

export class FiringBars {
  /** Takes the chart away for good. */
  destroy() {
    this.rc.destroy();
  }
  constructor(container) {
    this.rc = new ResponsiveCanvas(container, { aspect: 0.35, minHeight: 120, maxHeight: 220, label: t('bars.label') });
    this.rc.draw = (ctx, w, h) => this.render(ctx, w, h);
    this.layers = [];
    this.numbers = [];
    this.tools = chartTools(container, {
      name: 'firing-rates',
      canvas: () => this.rc.canvas,
      table: () => ({ columns: ['layer', 'unit', 'state', 'firing rate'], rows: this.layers.flatMap((l, k) => Array.from({ length: l.units }, (_, u) => [this.numbers[k], u + 1, unitState(l, u), l.firingRate[u]])) }),
    });
  }
  /** The hidden layers of `evaluation`, or those of them at the indices `drawn`. */
  update(evaluation, drawn = null) {
    const hidden = (evaluation?.layers ?? []).filter((l) => !l.output);
    const shown = drawn ? drawn.filter((l) => l < hidden.length) : hidden.map((_, l) => l);
    this.layers = shown.map((l) => hidden[l]);
    this.numbers = shown.map((l) => l + 1);
    this.tools.refresh();
    this.rc.request();
  }
  render(ctx, w, h) {
    const layers = this.layers;
    if (!layers.length) return;
    const total = layers.reduce((s, l) => s + l.units, 0);
    const left = 34;
    const gap = 10;
    const pw = w - left - 8 - gap * (layers.length - 1);
    const top = 18;
    const bottom = h - 18;
    const bw = pw / total;
    ctx.font = chartFont(11);
    ctx.fillStyle = '#222';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(num(1), left - 4, top);
    ctx.fillText(num(0), left - 4, bottom);
    ctx.strokeStyle = '#999';
    ctx.beginPath();
    ctx.moveTo(left, bottom + 0.5);
    ctx.lineTo(w - 8, bottom + 0.5);
    ctx.stroke();
    let x = left;
    layers.forEach((layer, l) => {
      ctx.fillStyle = '#222';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(t('bars.layer', { n: this.numbers[l] }), x, 2);
      for (let u = 0; u < layer.units; u++) {
        const state = unitState(layer, u);
        const rate = layer.firingRate[u];
        const bh = (bottom - top) * (Number.isFinite(rate) ? rate : 0);
        if (state === 'live' || state === 'dormant') {
          ctx.fillStyle = state === 'live' ? '#0072B2' : '#E69F00';
          ctx.fillRect(x + 0.5, bottom - bh, Math.max(1, bw - 1), bh);
        } else if (bw >= 7) {
          drawUnit(ctx, x + bw / 2, bottom - 6, Math.min(5, bw / 2 - 1), state);
        } else {
          ctx.fillStyle = state === 'nan' ? '#000' : '#8a8a8a';
          ctx.fillRect(x + 0.5, bottom - 3, Math.max(1, bw - 1), 3);
        }
        x += bw;
      }
      x += gap;
    });
    ctx.fillStyle = '#222';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(t('bars.axis'), left + pw / 2, h - 1);
  }
}

export class Histograms {
  /** Takes the chart away for good. */
  destroy() {
    this.rc.destroy();
  }
  constructor(container, { label } = {}) {
    this.rc = new ResponsiveCanvas(container, { aspect: 0.45, minHeight: 140, maxHeight: 260, label: label ?? t('hist.label') });
    this.rc.draw = (ctx, w, h) => this.render(ctx, w, h);
    this.layers = [];
    this.range = null;
    this.tools = chartTools(container, {
      name: 'pre-activations',
      canvas: () => this.rc.canvas,
      table: () => ({
        columns: ['layer', 'z from', 'z to', 'count'],
        rows: this.layers.flatMap(({ histogram: { lo, hi, counts }, n }, k) => counts.map((c, i) => [n ?? k + 1, lo + ((hi - lo) * i) / counts.length, lo + ((hi - lo) * (i + 1)) / counts.length, c])),
      }),
    });
  }
  /**
   * layers: [{histogram: {lo, hi, counts}, title, n?}] (n: the layer's number, else its
   * place in the list). range: [lo, hi] shared by every
   * panel (each layer's bins are drawn where they lie on it, so wide and narrow layers
   * look wide and narrow); without it, each panel spans its own layer's values.
   */
  update(layers, { range = null } = {}) {
    this.layers = layers;
    this.range = range;
    this.rc.canvas.dataset.range = range ? range.map((v) => Number(v.toPrecision(4))).join(',') : '';
    this.rc.canvas.dataset.spans = layers.map(({ histogram: { lo, hi } }) => Number((hi - lo).toPrecision(4))).join(',');
    this.tools.refresh();
    this.rc.request();
  }
  render(ctx, w, h) {
    const layers = this.layers;
    if (!layers.length) return;
    const cols = Math.min(layers.length, w < 500 ? 2 : 3);
    const rows = Math.ceil(layers.length / cols);
    const cw = w / cols;
    const ch = h / rows;
    layers.forEach((layer, k) => {
      const x0 = (k % cols) * cw + 6;
      const y0 = Math.floor(k / cols) * ch;
      const pw = cw - 12;
      const top = y0 + 16;
      const bottom = y0 + ch - 16;
      const { lo, hi, counts } = layer.histogram;
      const [from, to] = this.range ?? [lo, hi];
      const px = (v) => x0 + (to > from ? ((v - from) / (to - from)) * pw : pw / 2);
      const max = Math.max(1, ...counts);
      const step = (hi - lo) / counts.length;
      counts.forEach((c, i) => {
        const bh = ((bottom - top) * c) / max;
        const a = px(lo + i * step);
        const b = px(lo + (i + 1) * step);
        ctx.fillStyle = lo + (i + 0.5) * step > 0 ? '#0072B2' : '#9a9a9a';
        ctx.fillRect(a, bottom - bh, Math.max(1, b - a - 0.5), bh);
      });
      // z = 0
      if (to > from && from <= 0 && to >= 0) {
        const zx = px(0);
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 1.5;
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(zx, top - 2);
        ctx.lineTo(zx, bottom);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.strokeStyle = '#999';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(x0, bottom + 0.5);
      ctx.lineTo(x0 + pw, bottom + 0.5);
      ctx.stroke();
      ctx.font = chartFont(11);
      ctx.fillStyle = '#222';
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText(layer.title, x0, y0 + 2);
      ctx.fillText(sci(from, 2), x0, bottom + 3);
      ctx.textAlign = 'right';
      ctx.fillText(sci(to, 2), x0 + pw, bottom + 3);
      if (to > from) {
        ctx.textAlign = 'center';
        const zx = px(0);
        if (zx - x0 > 24 && x0 + pw - zx > 24) ctx.fillText('z = 0', zx, bottom + 3);
      }
    });
  }
}

/** A histogram of values (e.g. log10 final loss) stacked by category, with a legend. */
export class StackedHistogram {
  /** Takes the chart away for good. */
  destroy() {
    this.rc.destroy();
  }
  constructor(container, { xLabel, categories, label }) {
    // categories: [{key, label, color, pattern?}]
    this.rc = new ResponsiveCanvas(container, { aspect: 0.45, minHeight: 170, maxHeight: 260, label });
    this.rc.draw = (ctx, w, h) => this.render(ctx, w, h);
    this.tools = chartTools(container, { name: 'outcomes', canvas: () => this.rc.canvas, table: () => ({ columns: [xLabel, 'outcome'], rows: this.items.map((it) => [it.value, it.category]) }) });
    this.xLabel = xLabel;
    this.categories = categories;
    this.items = [];
    this.range = [0, 1];
    this.bins = 26;
  }
  /** items: [{value, category}] */
  update(items, range, bins = 26) {
    this.items = items;
    this.range = range;
    this.bins = bins;
    this.tools.refresh();
    this.rc.request();
  }
  render(ctx, w, h) {
    const [lo, hi] = this.range;
    const bins = this.bins;
    const counts = Array.from({ length: bins }, () => Object.fromEntries(this.categories.map((c) => [c.key, 0])));
    for (const it of this.items) {
      const v = Number.isFinite(it.value) ? it.value : hi;
      const b = Math.max(0, Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins)));
      counts[b][it.category] = (counts[b][it.category] ?? 0) + 1;
    }
    const max = Math.max(1, ...counts.map((c) => Object.values(c).reduce((s, v) => s + v, 0)));
    const left = 36;
    const legendRows = Math.ceil(this.categories.length / (w < 430 ? 2 : 3));
    const legendH = legendRows * 18 + 4;
    const top = 8;
    const bottom = h - 34 - legendH;
    const pw = w - left - 8;
    const bw = pw / bins;
    ctx.font = chartFont(11);
    ctx.fillStyle = '#222';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(num(max), left - 4, top + 4);
    ctx.fillText(num(0), left - 4, bottom);
    counts.forEach((c, b) => {
      let y = bottom;
      for (const cat of this.categories) {
        const n = c[cat.key] ?? 0;
        if (!n) continue;
        const bh = ((bottom - top) * n) / max;
        ctx.fillStyle = cat.color;
        ctx.fillRect(left + b * bw + 0.5, y - bh, Math.max(1, bw - 1), bh);
        if (cat.hatch) {
          ctx.save();
          ctx.beginPath();
          ctx.rect(left + b * bw + 0.5, y - bh, Math.max(1, bw - 1), bh);
          ctx.clip();
          ctx.strokeStyle = '#333';
          ctx.lineWidth = 1;
          for (let k = -bh; k < bw + bh; k += 5) {
            ctx.moveTo(left + b * bw + k, y);
            ctx.lineTo(left + b * bw + k + bh, y - bh);
          }
          ctx.stroke();
          ctx.restore();
        }
        y -= bh;
      }
    });
    ctx.strokeStyle = '#888';
    ctx.beginPath();
    ctx.moveTo(left, bottom + 0.5);
    ctx.lineTo(left + pw, bottom + 0.5);
    ctx.stroke();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillStyle = '#222';
    const step = Math.max(1, Math.ceil((hi - lo) / Math.max(2, Math.floor(pw / 45))));
    for (let v = Math.ceil(lo); v <= hi; v += step) {
      const x = left + ((v - lo) / (hi - lo)) * pw;
      ctx.textAlign = x + 14 > w ? 'right' : 'center';
      ctx.fillText(`1e${v}`, Math.min(x, w - 1), bottom + 3);
    }
    ctx.textAlign = 'center';
    ctx.fillText(this.xLabel, left + pw / 2, bottom + 17);
    const perRow = Math.ceil(this.categories.length / legendRows);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    this.categories.forEach((cat, k) => {
      const x = 8 + ((k % perRow) * (w - 8)) / perRow;
      const y = h - legendH + 9 + Math.floor(k / perRow) * 18;
      ctx.fillStyle = cat.color;
      ctx.fillRect(x, y - 6, 14, 12);
      ctx.strokeStyle = '#333';
      ctx.strokeRect(x, y - 6, 14, 12);
      if (cat.hatch) {
        ctx.beginPath();
        ctx.moveTo(x, y + 6);
        ctx.lineTo(x + 12, y - 6);
        ctx.stroke();
      }
      ctx.fillStyle = '#222';
      ctx.fillText(cat.label, x + 19, y);
    });
  }
}
