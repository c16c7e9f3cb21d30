// canvas.js: a canvas that follows its container's width, at the device pixel ratio,
// and asks to be redrawn (on the next animation frame) when it is resized.
import { el } from '../ui/dom.js';

export class ResponsiveCanvas {
  constructor(container, { aspect = 0.75, minHeight = 160, maxHeight = 420, label = '' } = {}) {
    this.canvas = el('canvas', { role: 'img', 'aria-label': label });
    this.wrap = el('div', { class: 'canvas-wrap' }, [this.canvas]);
    container.append(this.wrap);
    this.aspect = aspect;
    this.minHeight = minHeight;
    this.maxHeight = maxHeight;
    this.width = 300;
    this.height = 200;
    this.draw = () => {};
    this.frame = 0;
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(this.wrap);
    this.resize();
  }
  resize() {
    const w = Math.max(200, Math.floor(this.wrap.clientWidth || 300));
    const h = Math.round(Math.min(this.maxHeight, Math.max(this.minHeight, w * this.aspect)));
    if (w === this.width && h === this.height && this.canvas.width) return;
    const dpr = window.devicePixelRatio || 1;
    this.width = w;
    this.height = h;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.canvas.style.height = `${h}px`;
    this.request();
  }
  context() {
    const ctx = this.canvas.getContext('2d');
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }
  /** Redraws on the next animation frame (at most once per frame). */
  request() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const ctx = this.context();
      ctx.clearRect(0, 0, this.width, this.height);
      this.draw(ctx, this.width, this.height);
    });
  }
  setLabel(text) {
    this.canvas.setAttribute('aria-label', text);
  }
}
