// legend.js: a colour-bar legend for heatmaps (gradient set from JS, not inline HTML).
import { el } from './dom.js';
import { cssAt } from '../charts/colormap.js';

export function colorBar({ low, high, title, map = 'viridis' }) {
  const bar = el('span', { class: 'colorbar-ramp' });
  const stops = Array.from({ length: 9 }, (_, i) => `${cssAt(i / 8, map)} ${(i * 12.5).toFixed(1)}%`).join(', ');
  bar.style.background = `linear-gradient(to right, ${stops})`;
  bar.style.display = 'inline-block';
  bar.style.width = '7rem';
  bar.style.height = '0.8rem';
  bar.style.border = '1px solid #555';
  const lowEl = el('span', { text: low });
  const highEl = el('span', { text: high });
  const element = el('div', { class: 'legend colorbar' }, [el('span', { text: title }), lowEl, bar, highEl]);
  element.style.display = 'flex';
  element.style.gap = '0.4rem';
  element.style.alignItems = 'center';
  element.style.flexWrap = 'wrap';
  element.style.fontSize = '0.85rem';
  return {
    element,
    set(lo, hi) {
      lowEl.textContent = lo;
      highEl.textContent = hi;
    },
  };
}
