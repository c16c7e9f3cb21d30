// plot2d.js: a canvas 2-D plot with axes, for heatmaps with contours (loss
// landscapes, decision maps, basin maps), data points, each hidden unit's line
// w.x + b = 0 with its active side shaded, trajectories and curves. Clicks (and
// Enter on the focused canvas, moving a cursor with the arrow keys) report data
// coordinates, so runs can be started from the landscape with a mouse or a keyboard.
import { scaleLinear } from 'd3-scale';
import { contours as d3contours } from 'd3-contour';
import { ResponsiveCanvas, chartFont } from './canvas.js';
import { CLASS } from './palette.js';
import { sci } from '../i18n/index.js';
import { chartTools } from '../ui/chart-tools.js';

const M = { left: 50, right: 12, top: 10, bottom: 38 };

export class Plot2D {
  /** Takes the chart away for good. */
  destroy() {
    this.rc.destroy();
  }
  constructor(container, { name = 'plot', xLabel = '', yLabel = '', extent = [-1, 1, -1, 1], aspect = 0.85, label = '', onPick, maxHeight = 440 } = {}) {
    this.rc = new ResponsiveCanvas(container, { aspect, maxHeight, label });
    this.tools = chartTools(container, { name, canvas: () => this.rc.canvas, table: () => this.table() });
    this.rc.draw = (ctx, w, h) => this.render(ctx, w, h);
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.extent = extent;
    this.heat = null; // {values, nx, ny, color}
    this.contour = null; // {values, nx, ny, thresholds}
    this.units = []; // [{w: [a, b], b, color, dead}]
    this.points = []; // {x, y, cls} or {x, y}
    this.paths = []; // [{points: [[x, y], ...], color, width, end}]
    this.curves = []; // [{xs, ys, color, width, dash}]
    this.markers = []; // [{x, y, color, shape, size}]
    this.cursor = null;
    this.onPick = onPick;
    const canvas = this.rc.canvas;
    if (onPick) {
      canvas.tabIndex = 0;
      canvas.classList.add('pickable');
      canvas.addEventListener('click', (e) => {
        const r = canvas.getBoundingClientRect();
        const p = this.invert(e.clientX - r.left, e.clientY - r.top);
        if (p) onPick(p[0], p[1]);
      });
      canvas.addEventListener('keydown', (e) => {
        const [x0, x1, y0, y1] = this.extent;
        this.cursor ??= [(x0 + x1) / 2, (y0 + y1) / 2];
        const dx = (x1 - x0) / 40;
        const dy = (y1 - y0) / 40;
        const moves = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] };
        if (moves[e.key]) {
          this.cursor = [clamp(this.cursor[0] + moves[e.key][0], x0, x1), clamp(this.cursor[1] + moves[e.key][1], y0, y1)];
          this.request();
          e.preventDefault();
        } else if (e.key === 'Enter' || e.key === ' ') {
          onPick(this.cursor[0], this.cursor[1]);
          e.preventDefault();
        }
      });
      canvas.addEventListener('blur', () => {
        this.cursor = null;
        this.request();
      });
    }
  }
  get canvas() {
    return this.rc.canvas;
  }
  /** The numbers drawn: the heatmap's grid (x, y, value), else the markers and points. */
  table() {
    const [x0, x1, y0, y1] = this.heat?.extent ?? this.extent;
    if (this.heat) {
      const { values, nx, ny } = this.heat;
      const rows = [];
      for (let iy = 0; iy < ny; iy++) for (let ix = 0; ix < nx; ix++) rows.push([x0 + ((x1 - x0) * ix) / Math.max(1, nx - 1), y0 + ((y1 - y0) * iy) / Math.max(1, ny - 1), values[iy * nx + ix]]);
      return { columns: [this.xLabel, this.yLabel, 'value'], rows };
    }
    const rows = [...this.markers, ...this.points].map((p) => [p.x, p.y]);
    for (const c of this.curves) c.xs.forEach((x, i) => rows.push([x, c.ys[i]]));
    return rows.length ? { columns: [this.xLabel, this.yLabel], rows } : null;
  }
  request() {
    this.rc.request();
  }
  scales(w, h) {
    const [x0, x1, y0, y1] = this.extent;
    return {
      x: scaleLinear().domain([x0, x1]).range([M.left, w - M.right]),
      y: scaleLinear().domain([y0, y1]).range([h - M.bottom, M.top]),
    };
  }
  invert(px, py) {
    const { x, y } = this.scales(this.rc.width, this.rc.height);
    if (px < M.left || px > this.rc.width - M.right || py < M.top || py > this.rc.height - M.bottom) return null;
    return [x.invert(px), y.invert(py)];
  }
  render(ctx, w, h) {
    const { x, y } = this.scales(w, h);
    const [x0, x1, y0, y1] = this.extent;
    // what this frame draws, for tests and for anyone inspecting the page
    Object.assign(this.rc.canvas.dataset, {
      extent: this.extent.map((v) => Number(v.toPrecision(6))).join(','),
      paths: String(this.paths.filter((p) => p.points.length).length),
      pathPoints: this.paths.map((p) => p.points.length).join(','),
      markers: String(this.markers.length),
    });
    const pw = w - M.left - M.right;
    const ph = h - M.top - M.bottom;
    ctx.save();
    ctx.beginPath();
    ctx.rect(M.left, M.top, pw, ph);
    ctx.clip();
    ctx.fillStyle = '#fafafa';
    ctx.fillRect(M.left, M.top, pw, ph);
    if (this.heat) this.drawHeat(ctx, x, y);
    if (this.contour) this.drawContours(ctx, x, y);
    for (const u of this.units) this.drawUnit(ctx, x, y, u);
    for (const c of this.curves) {
      ctx.strokeStyle = c.color;
      ctx.lineWidth = c.width ?? 2;
      ctx.setLineDash(c.dash ?? []);
      ctx.beginPath();
      let started = false;
      for (let i = 0; i < c.xs.length; i++) {
        const v = c.ys[i];
        if (!Number.isFinite(v)) {
          started = false;
          continue;
        }
        const px = x(c.xs[i]);
        const py = y(v);
        if (started) ctx.lineTo(px, py);
        else ctx.moveTo(px, py);
        started = true;
      }
      ctx.stroke();
      ctx.setLineDash([]);
    }
    for (const p of this.points) drawPoint(ctx, x(p.x), y(p.y), p.cls);
    for (const path of this.paths) this.drawPath(ctx, x, y, path);
    for (const m of this.markers) drawMarker(ctx, x(m.x), y(m.y), m.color ?? '#000', m.shape ?? 'circle', m.size ?? 5);
    if (this.cursor) {
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 1.5;
      const cx = x(this.cursor[0]);
      const cy = y(this.cursor[1]);
      ctx.beginPath();
      ctx.moveTo(cx - 9, cy);
      ctx.lineTo(cx + 9, cy);
      ctx.moveTo(cx, cy - 9);
      ctx.lineTo(cx, cy + 9);
      ctx.stroke();
    }
    ctx.restore();
    // axes
    ctx.strokeStyle = '#444';
    ctx.lineWidth = 1;
    ctx.strokeRect(M.left, M.top, pw, ph);
    ctx.fillStyle = '#222';
    ctx.font = chartFont(11);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of x.ticks(Math.max(2, Math.floor(pw / 60)))) {
      ctx.fillText(sci(v, 2), x(v), h - M.bottom + 4);
      ctx.beginPath();
      ctx.moveTo(x(v), h - M.bottom);
      ctx.lineTo(x(v), h - M.bottom + 3);
      ctx.stroke();
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of y.ticks(Math.max(2, Math.floor(ph / 40)))) {
      ctx.fillText(sci(v, 2), M.left - 5, y(v));
    }
    ctx.font = chartFont(12);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(this.xLabel, M.left + pw / 2, h - 2);
    ctx.save();
    ctx.translate(12, M.top + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(this.yLabel, 0, 0);
    ctx.restore();
    if (x0 === x1 || y0 === y1) return;
  }
  drawHeat(ctx, x, y) {
    const { values, nx, ny, color } = this.heat;
    if (!this.heatImage || this.heatImage.key !== this.heat) {
      const off = document.createElement('canvas');
      off.width = nx;
      off.height = ny;
      const octx = off.getContext('2d');
      const img = octx.createImageData(nx, ny);
      for (let iy = 0; iy < ny; iy++)
        for (let ix = 0; ix < nx; ix++) {
          const c = color(values[iy * nx + ix], ix, iy);
          const at = ((ny - 1 - iy) * nx + ix) * 4; // y outer, y0 at the bottom
          img.data[at] = c[0];
          img.data[at + 1] = c[1];
          img.data[at + 2] = c[2];
          img.data[at + 3] = 255;
        }
      octx.putImageData(img, 0, 0);
      this.heatImage = { key: this.heat, canvas: off };
    }
    const [x0, x1, y0, y1] = this.heat.extent ?? this.extent;
    // grid point i sits at x0 + (x1 - x0) i / (nx - 1): cells extend half a step out
    const hx = (x1 - x0) / Math.max(1, nx - 1) / 2;
    const hy = (y1 - y0) / Math.max(1, ny - 1) / 2;
    ctx.imageSmoothingEnabled = this.heat.smooth ?? false;
    ctx.drawImage(this.heatImage.canvas, x(x0 - hx), y(y1 + hy), x(x1 + hx) - x(x0 - hx), y(y0 - hy) - y(y1 + hy));
  }
  drawContours(ctx, x, y) {
    const { values, nx, ny, thresholds, color = 'rgba(255,255,255,0.8)' } = this.contour;
    if (!this.contourCache || this.contourCache.key !== this.contour) {
      this.contourCache = { key: this.contour, polys: d3contours().size([nx, ny]).thresholds(thresholds)(Array.from(values)) };
    }
    const [x0, x1, y0, y1] = this.contour.extent ?? this.extent;
    const gx = (g) => x(x0 + ((g - 0.5) * (x1 - x0)) / Math.max(1, nx - 1));
    const gy = (g) => y(y0 + ((g - 0.5) * (y1 - y0)) / Math.max(1, ny - 1));
    ctx.strokeStyle = color;
    ctx.lineWidth = 1;
    for (const poly of this.contourCache.polys) {
      ctx.beginPath();
      for (const rings of poly.coordinates)
        for (const ring of rings) {
          ring.forEach(([a, b], i) => {
            // skip the edges d3-contour adds along the border of the grid
            const edge = a <= 0.5 || b <= 0.5 || a >= nx - 0.5 || b >= ny - 0.5;
            if (i === 0 || edge) ctx.moveTo(gx(a), gy(b));
            else ctx.lineTo(gx(a), gy(b));
          });
        }
      ctx.stroke();
    }
  }
  drawUnit(ctx, x, y, u) {
    const [x0, x1, y0, y1] = this.extent;
    const [a, b] = u.w;
    const c = u.b;
    if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || (a === 0 && b === 0)) return;
    // Active side: the half-plane a x + b y + c > 0, clipped to the extent.
    const corners = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    const poly = clipHalfPlane(corners, a, b, c);
    if (!u.dead && u.fill !== null && poly.length > 2) {
      ctx.fillStyle = u.fill ?? 'rgba(0,114,178,0.08)';
      ctx.beginPath();
      poly.forEach(([px, py], i) => (i ? ctx.lineTo(x(px), y(py)) : ctx.moveTo(x(px), y(py))));
      ctx.closePath();
      ctx.fill();
    }
    const ends = lineInBox(a, b, c, this.extent);
    if (!ends) return;
    ctx.strokeStyle = u.dead ? (u.thin ? 'rgba(90,90,90,0.5)' : '#6f6f6f') : u.color;
    ctx.lineWidth = u.thin ? 1 : u.dead ? 1.5 : 2;
    ctx.setLineDash(u.dead ? [4, 4] : []);
    ctx.beginPath();
    ctx.moveTo(x(ends[0][0]), y(ends[0][1]));
    ctx.lineTo(x(ends[1][0]), y(ends[1][1]));
    ctx.stroke();
    ctx.setLineDash([]);
    if (u.label) {
      // label the line near its middle, with small ticks pointing to the active side
      // spread the labels along their lines so lines through one point stay readable
      const f = 0.15 + 0.3 * ((Number(u.label) - 1) % 3 || 0);
      const mx = ends[0][0] + f * (ends[1][0] - ends[0][0]);
      const my = ends[0][1] + f * (ends[1][1] - ends[0][1]);
      const n = Math.hypot(a, b);
      const sx = x(mx) + ((a / n) * 12);
      const sy = y(my) - ((b / n) * 12);
      ctx.font = chartFont(11, 'bold');
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(u.label, sx, sy);
      ctx.fillStyle = u.dead ? '#444' : u.color;
      ctx.fillText(u.label, sx, sy);
    }
  }
  drawPath(ctx, x, y, path) {
    const pts = path.points;
    if (!pts.length) return;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = (path.width ?? 2) + 2;
    const trace = () => {
      ctx.beginPath();
      pts.forEach(([a, b], i) => (i ? ctx.lineTo(x(a), y(b)) : ctx.moveTo(x(a), y(b))));
      ctx.stroke();
    };
    trace();
    ctx.strokeStyle = path.color ?? '#D55E00';
    ctx.lineWidth = path.width ?? 2;
    trace();
    drawMarker(ctx, x(pts[0][0]), y(pts[0][1]), path.color ?? '#D55E00', 'circle');
    const last = pts[pts.length - 1];
    drawMarker(ctx, x(last[0]), y(last[1]), path.color ?? '#D55E00', 'square');
  }
}

function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}

function drawPoint(ctx, px, py, cls) {
  if (cls === undefined) {
    ctx.fillStyle = 'rgba(0,0,0,0.7)';
    ctx.beginPath();
    ctx.arc(px, py, 2, 0, 2 * Math.PI);
    ctx.fill();
    return;
  }
  const shapes = ['circle', 'square', 'triangle', 'diamond'];
  drawMarker(ctx, px, py, CLASS[cls % CLASS.length], shapes[cls % shapes.length], 3.2);
}

export function drawMarker(ctx, px, py, color, shape, r = 5) {
  ctx.fillStyle = color;
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (shape === 'square') ctx.rect(px - r, py - r, 2 * r, 2 * r);
  else if (shape === 'triangle') {
    ctx.moveTo(px, py - r * 1.2);
    ctx.lineTo(px + r * 1.1, py + r * 0.8);
    ctx.lineTo(px - r * 1.1, py + r * 0.8);
    ctx.closePath();
  } else if (shape === 'diamond') {
    ctx.moveTo(px, py - r * 1.3);
    ctx.lineTo(px + r, py);
    ctx.lineTo(px, py + r * 1.3);
    ctx.lineTo(px - r, py);
    ctx.closePath();
  } else ctx.arc(px, py, r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
}

/** Sutherland-Hodgman clip of a convex polygon to a x + b y + c >= 0. */
function clipHalfPlane(poly, a, b, c) {
  const out = [];
  const f = ([px, py]) => a * px + b * py + c;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    const fp = f(p);
    const fq = f(q);
    if (fp >= 0) out.push(p);
    if ((fp >= 0) !== (fq >= 0)) {
      const s = fp / (fp - fq);
      out.push([p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])]);
    }
  }
  return out;
}

function lineInBox(a, b, c, [x0, x1, y0, y1]) {
  const pts = [];
  if (b !== 0) {
    for (const xv of [x0, x1]) {
      const yv = -(a * xv + c) / b;
      if (yv >= y0 && yv <= y1) pts.push([xv, yv]);
    }
  }
  if (a !== 0) {
    for (const yv of [y0, y1]) {
      const xv = -(b * yv + c) / a;
      if (xv >= x0 && xv <= x1) pts.push([xv, yv]);
    }
  }
  return pts.length >= 2 ? [pts[0], pts[pts.length - 1]] : null;
}
