// network.js: the network diagram. Units are drawn by state so that dead, dormant,
// diverged (NaN) and live units differ in shape and fill, not only in colour:
//   live     filled circle, darker the more often it fires
//   dormant  ring with a thick dashed outline (fires on fewer than 1% of points)
//   dead     grey circle crossed out (never fires on the training set)
//   NaN      black diamond with "!" (its value is not a number: the run diverged)
// Edges: width by |w|, blue solid positive, vermillion dashed negative.
import { ResponsiveCanvas, chartFont } from './canvas.js';
import { UNIT } from './palette.js';
import { paramLayout } from '../engine/layout.js';
import { t } from '../i18n/index.js';
import { chartTools } from '../ui/chart-tools.js';

export function unitState(layer, u) {
  if (layer.nan[u]) return 'nan';
  if (layer.dead[u]) return 'dead';
  if (layer.dormant[u]) return 'dormant';
  return 'live';
}

export function drawUnit(ctx, x, y, r, state, rate = 1) {
  ctx.save();
  ctx.setLineDash([]);
  if (state === 'nan') {
    ctx.fillStyle = UNIT.nan;
    ctx.beginPath();
    ctx.moveTo(x, y - r * 1.3);
    ctx.lineTo(x + r * 1.3, y);
    ctx.lineTo(x, y + r * 1.3);
    ctx.lineTo(x - r * 1.3, y);
    ctx.closePath();
    ctx.fill();
    if (r >= 5) {
      ctx.fillStyle = '#fff';
      ctx.font = chartFont(Math.round(r * 1.3), 'bold');
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('!', x, y + 0.5);
    }
  } else if (state === 'dead') {
    ctx.fillStyle = '#e6e6e6';
    ctx.strokeStyle = '#5e5e5e';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    const d = r * 0.6;
    ctx.beginPath();
    ctx.moveTo(x - d, y - d);
    ctx.lineTo(x + d, y + d);
    ctx.moveTo(x + d, y - d);
    ctx.lineTo(x - d, y + d);
    ctx.stroke();
  } else if (state === 'dormant') {
    ctx.fillStyle = '#fff';
    ctx.strokeStyle = UNIT.dormant;
    ctx.lineWidth = Math.max(2, r / 3);
    ctx.setLineDash([Math.max(2, r / 2), Math.max(2, r / 3)]);
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  } else if (state === 'input') {
    ctx.fillStyle = '#fff';
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.rect(x - r, y - r, 2 * r, 2 * r);
    ctx.fill();
    ctx.stroke();
  } else {
    const shade = 0.35 + 0.65 * Math.max(0, Math.min(1, rate));
    ctx.fillStyle = `rgba(0,114,178,${shade.toFixed(3)})`;
    ctx.strokeStyle = '#003d5f';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}

export class NetworkDiagram {
  /** Takes the chart away for good. */
  destroy() {
    this.rc.destroy();
  }
  constructor(container, { label } = {}) {
    this.rc = new ResponsiveCanvas(container, { aspect: 0.6, minHeight: 200, maxHeight: 340, label: label ?? t('net.label') });
    this.rc.draw = (ctx, w, h) => this.render(ctx, w, h);
    this.rc.canvas.classList.add('network-diagram');
    this.tools = chartTools(container, {
      name: 'network',
      canvas: () => this.rc.canvas,
      table: () => this.evaluation && { columns: ['layer', 'unit', 'state', 'firing rate'], rows: this.evaluation.layers.flatMap((l, k) => Array.from({ length: l.units }, (_, u) => [k + 1, u + 1, unitState(l, u), l.firingRate[u]])) },
    });
    this.evaluation = null;
    this.params = null;
  }
  /** evaluation from Session.evaluate(); params Float32Array (optional: edges need it). */
  update(evaluation, params) {
    this.evaluation = evaluation;
    this.params = params;
    const counts = { live: 0, dormant: 0, dead: 0, nan: 0 };
    for (const layer of evaluation?.layers ?? []) for (let u = 0; u < layer.units; u++) counts[unitState(layer, u)]++;
    this.rc.setLabel(t('net.summary', counts));
    Object.assign(this.rc.canvas.dataset, counts);
    this.tools.refresh();
    this.rc.request();
  }
  render(ctx, w, h) {
    const ev = this.evaluation;
    if (!ev) return;
    const sizes = ev.sizes;
    const legendRows = w < 430 ? 2 : 1;
    const legendH = legendRows * 20 + 6;
    const top = 14;
    const bottom = h - legendH - 8;
    const cols = sizes.length;
    const colX = (c) => 28 + ((w - 56) * c) / Math.max(1, cols - 1);
    const maxUnits = Math.max(...sizes);
    // units as large as the tallest column allows, and narrow enough that a deep
    // network's columns (up to 102) stay apart
    const colGap = (w - 56) / Math.max(1, cols - 1);
    const r = Math.max(1.5, Math.min(11, (bottom - top) / (2.6 * Math.min(maxUnits, 40)), colGap / 2.6));
    const positions = sizes.map((n, c) => {
      // wrap big layers into sub-columns so every unit stays visible
      const perCol = Math.max(1, Math.floor((bottom - top) / (2.4 * r)));
      const sub = Math.ceil(n / perCol);
      const rows = Math.ceil(n / sub);
      const out = [];
      for (let u = 0; u < n; u++) {
        const sc = Math.floor(u / rows);
        const row = u % rows;
        const x = colX(c) + (sub > 1 ? (sc - (sub - 1) / 2) * 2.6 * r : 0);
        const y = top + ((bottom - top) * (row + 0.5)) / rows;
        out.push([x, y]);
      }
      return out;
    });
    // edges
    if (this.params) {
      const layout = paramLayout(ev);
      const edges = layout.layers.reduce((s, L) => s + L.inputs * L.units, 0);
      // (a deep network's columns stand too close for its edges to be told apart)
      if (edges <= 1200 && colGap >= 10) {
        let maxW = 1e-9;
        for (const L of layout.layers) for (let k = 0; k < L.inputs * L.units; k++) maxW = Math.max(maxW, Math.abs(this.params[L.w + k]) || 0);
        layout.layers.forEach((L, l) => {
          for (let u = 0; u < L.units; u++)
            for (let i = 0; i < L.inputs; i++) {
              const v = this.params[L.w + u * L.inputs + i];
              if (!Number.isFinite(v)) continue;
              const [x0, y0] = positions[l][i];
              const [x1, y1] = positions[l + 1][u];
              const src = l > 0 ? unitState(ev.layers[l - 1], i) : 'live';
              const mag = Math.abs(v) / maxW;
              ctx.strokeStyle = v >= 0 ? 'rgba(0,114,178,' : 'rgba(213,94,0,';
              ctx.strokeStyle += `${(src === 'dead' ? 0.15 : 0.25 + 0.6 * mag).toFixed(2)})`;
              ctx.lineWidth = 0.5 + 3 * mag;
              ctx.setLineDash(v >= 0 ? [] : [4, 3]);
              ctx.beginPath();
              ctx.moveTo(x0, y0);
              ctx.lineTo(x1, y1);
              ctx.stroke();
            }
        });
        ctx.setLineDash([]);
      }
    }
    positions[0].forEach(([x, y]) => drawUnit(ctx, x, y, r, 'input'));
    ev.layers.forEach((layer, l) => {
      positions[l + 1].forEach(([x, y], u) => drawUnit(ctx, x, y, r, unitState(layer, u), layer.firingRate[u]));
    });
    // legend
    const items = [['live', t('net.live')], ['dormant', t('net.dormant')], ['dead', t('net.dead')], ['nan', t('net.nan')]];
    ctx.font = chartFont(12);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    const perRow = Math.ceil(items.length / legendRows);
    items.forEach(([state, text], k) => {
      const row = Math.floor(k / perRow);
      const col = k % perRow;
      const x = 12 + (col * (w - 12)) / perRow;
      const y = h - legendH + 10 + row * 20;
      drawUnit(ctx, x + 6, y, 6, state, 1);
      ctx.fillStyle = '#222';
      ctx.fillText(text, x + 17, y);
    });
  }
}
