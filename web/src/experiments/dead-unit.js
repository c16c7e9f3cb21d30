// dead-unit.js: the opening figure, what a dead unit is. One unit z = w x + b over a
// fixed set of 200 inputs (compute/dead-unit.js); move w and b and see on which points
// it fires. No engine needed, and nothing of it goes in the link.
import { el } from '../ui/dom.js';
import { slider, readouts } from '../ui/controls.js';
import { Plot2D } from '../charts/plot2d.js';
import { t, num, pct } from '../i18n/index.js';
import { XS, POINTS, W_RANGE, B_RANGE, START, X_EXTENT, firing, zExtent } from './compute/dead-unit.js';

export default {
  mount(box) {
    let { w, b } = START;
    const plot = new Plot2D(box, { name: 'unit', xLabel: t('dead.x'), yLabel: t('dead.z'), extent: [...X_EXTENT, -3, 3], aspect: 0.6, label: t('dead.plotLabel') });
    const out = readouts([
      ['fires', t('dead.fires')],
      ['state', t('dead.state')],
    ]);
    const draw = () => {
      const [x0, x1] = X_EXTENT;
      plot.extent = [x0, x1, ...zExtent(w, b)];
      const kink = w !== 0 ? [-b / w].filter((x) => x > x0 && x < x1) : [];
      const reluXs = [x0, ...kink, x1];
      plot.curves = [
        { xs: [x0, x1], ys: [w * x0 + b, w * x1 + b], color: '#0072B2', width: 2, dash: [6, 3] },
        { xs: reluXs, ys: reluXs.map((x) => Math.max(0, w * x + b)), color: '#D55E00', width: 3 },
        { xs: [x0, x1], ys: [0, 0], color: '#444', width: 1 },
      ];
      plot.markers = XS.map((x) => {
        const z = w * x + b;
        return { x, y: z, color: z > 0 ? '#0072B2' : '#8a8a8a', shape: z > 0 ? 'circle' : 'square', size: 3 };
      });
      plot.request();
      const f = firing(w, b);
      out.set('fires', t('dead.firesValue', { k: num(f.fires), n: num(POINTS), p: pct(f.rate, 1) }), f.rate);
      out.set('state', t(`dead.${f.state}`), f.state);
    };
    const controls = el('div', { class: 'controls' }, [
      slider({ label: t('dead.w'), name: 'w', ...W_RANGE, value: w, onInput: (v) => { w = v; draw(); } }).element,
      slider({ label: t('dead.b'), name: 'b', ...B_RANGE, value: b, onInput: (v) => { b = v; draw(); } }).element,
    ]);
    box.prepend(controls);
    box.append(out.element, el('ul', { class: 'legend' }, [
      el('li', { text: t('dead.legendLine') }),
      el('li', { text: t('dead.legendRelu') }),
      el('li', { text: t('dead.legendPoints') }),
    ]));
    draw();
    return { start: async () => {} };
  },
};
