// canvas.js: a canvas that follows its container's width, at the device pixel ratio,
// and asks to be redrawn (on the next animation frame) when it is resized, or when a
// web font (the Bengali or Chinese face, loaded slice by slice) arrives: text drawn on
// a canvas before its font loaded is not redrawn by the browser.
import { el } from '../ui/dom.js';
import { fontFamily } from '../i18n/index.js';

/** The CSS font of chart text: the page's font stack for the current locale. */
export function chartFont(px, weight = '') {
  return `${weight ? `${weight} ` : ''}${px}px ${fontFamily()}`;
}

// Charts to redraw when fonts finish loading; weak, so charts that were replaced go away.
// The references of charts gone are dropped whenever a chart is added, so a page that
// makes charts for hours with no font loading keeps only those of live charts.
const fontWaiters = new Set();
const dropGone = () => {
  for (const ref of fontWaiters) if (!ref.deref()) fontWaiters.delete(ref);
};
if (typeof document !== 'undefined' && document.fonts?.addEventListener) {
  document.fonts.addEventListener('loadingdone', () => {
    dropGone();
    for (const ref of fontWaiters) ref.deref()?.redraw();
  });
}
/** Calls redraw() after each batch of font loads while `owner` lives. */
export function onFontsLoaded(owner, redraw) {
  const entry = { owner, redraw };
  owner.__fontEntry = entry; // keeps the entry alive exactly as long as its owner
  dropGone();
  fontWaiters.add(new WeakRef(entry));
}

/** How many charts wait for fonts (their references, live or not yet dropped): for tests. */
export const fontWaitersHeld = () => fontWaiters.size;

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
    onFontsLoaded(this, () => this.request());
    this.resize();
  }
  /** Takes the canvas away for good (its observer and its element). */
  destroy() {
    this.observer.disconnect();
    cancelAnimationFrame(this.frame);
    this.wrap.remove();
  }
  resize() {
    const w = Math.max(200, Math.floor(this.wrap.clientWidth || 300));
    // a layout may cap every chart's height (an embed in a small frame): --chart-max-height
    const cap = parseFloat(getComputedStyle(this.wrap).getPropertyValue('--chart-max-height')) || Infinity;
    const h = Math.round(Math.min(this.maxHeight, cap, Math.max(this.minHeight, w * this.aspect)));
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
