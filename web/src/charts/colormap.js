// colormap.js: lookup tables from d3-scale-chromatic's perceptually uniform,
// colour-blind-friendly maps (viridis, cividis) as [r, g, b] triples.
import { interpolateViridis, interpolateCividis } from 'd3-scale-chromatic';
import { color as d3color } from 'd3-color';

function lut(interpolate) {
  return Array.from({ length: 256 }, (_, i) => {
    const c = d3color(interpolate(i / 255)).rgb();
    return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
  });
}
const MAPS = { viridis: lut(interpolateViridis), cividis: lut(interpolateCividis) };

/** A function value -> [r, g, b] over [lo, hi] (values outside are clamped; NaN is white). */
export function sequential(lo, hi, name = 'viridis') {
  const table = MAPS[name];
  const span = hi > lo ? hi - lo : 1;
  return (v) => {
    if (!Number.isFinite(v)) return [255, 255, 255];
    const k = Math.max(0, Math.min(255, Math.round(((v - lo) / span) * 255)));
    return table[k];
  };
}

/** CSS colour at fraction f of a map (for legends). */
export function cssAt(f, name = 'viridis') {
  const [r, g, b] = MAPS[name][Math.max(0, Math.min(255, Math.round(f * 255)))];
  return `rgb(${r}, ${g}, ${b})`;
}
