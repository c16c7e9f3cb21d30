// drawn-layers.js: which hidden layers a per-layer chart draws. A network of up to
// MAX_DRAWN hidden layers has every one drawn; a deeper one (the engine allows 100) is
// summarised by MAX_DRAWN layers spread evenly from the first to the last, and the
// chart's note says which (drawnNote).
import { t, num } from '../i18n/index.js';

export const MAX_DRAWN = 8;

/** The indices (0-based) of the hidden layers drawn for a network of `hidden` of them. */
export function drawnLayers(hidden) {
  if (hidden <= MAX_DRAWN) return Array.from({ length: hidden }, (_, l) => l);
  return Array.from({ length: MAX_DRAWN }, (_, k) => Math.round((k * (hidden - 1)) / (MAX_DRAWN - 1)));
}

/** The note under a summarised chart ('' when every layer is drawn). */
export function drawnNote(hidden) {
  if (hidden <= MAX_DRAWN) return '';
  return t('view.layersDrawn', { shown: drawnLayers(hidden).map((l) => num(l + 1)).join(', '), total: num(hidden) });
}
