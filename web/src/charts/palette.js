// palette.js: colour-blind-safe colours (Okabe & Ito) and the sequential maps
// (viridis / cividis from d3-scale-chromatic) used by every chart.
/** Series colours in order (dark enough for lines on white). */
export const SERIES = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#7F7F7F'];
/** Line dashes so series differ by more than colour. */
export const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 2], [3, 6]];

export const UNIT = {
  live: '#0072B2',
  dead: '#8a8a8a',
  dormant: '#E69F00',
  nan: '#000000',
  positive: '#0072B2',
  negative: '#D55E00',
};
/** Class colours for 2-D classification tasks (points also differ by marker shape). */
export const CLASS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#7F7F7F', '#F0E442', '#999933'];
