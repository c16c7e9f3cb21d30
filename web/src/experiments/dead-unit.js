// dead-unit.js: section 0, what a dead unit is. One unit z = w x + b over a small
// fixed data set; move w and b and see on which points it fires. No engine needed.
import { el } from '../ui/dom.js';
import { slider, readouts } from '../ui/controls.js';
import { Plot2D } from '../charts/plot2d.js';
import { t, num } from '../i18n/index.js';

// 24 fixed inputs spread over [-2, 2] (a stand-in for a training set)
const XS = Array.from({ length: 24 }, (_, i) => -2 + (4 * i) / 23 + 0.05 * Math.sin(7 * i));

export default {
  mount(box) {
    let w = 1;
    let b = 0.5;
    const plot = new Plot2D(box, { xLabel: t('dead.x'), yLabel: t('dead.z'), extent: [-2.5, 2.5, -3, 3], aspect: 0.6, label: t('dead.plotLabel') });
    const out = readouts([
      ['fires', t('dead.fires')],
      ['state', t('dead.state')],
    ]);
    const draw = () => {
      const xs = [-2.5, 2.5];
      plot.curves = [
        { xs, ys: xs.map((x) => w * x + b), color: '#0072B2', width: 2, dash: [6, 3] },
        { xs: [-2.5, ...(w !== 0 ? [-b / w] : []), 2.5].sort((p, q) => p - q), ys: [], color: '#D55E00', width: 3 },
        { xs: [-2.5, 2.5], ys: [0, 0], color: '#444', width: 1 },
      ];
      plot.curves[1].ys = plot.curves[1].xs.map((x) => Math.max(0, w * x + b));
      let fires = 0;
      plot.markers = XS.map((x) => {
        const z = w * x + b;
        if (z > 0) fires++;
        return { x, y: z, color: z > 0 ? '#0072B2' : '#8a8a8a', shape: z > 0 ? 'circle' : 'square' };
      });
      plot.request();
      const rate = fires / XS.length;
      out.set('fires', t('dead.firesValue', { k: num(fires), n: num(XS.length) }), rate);
      const state = fires === 0 ? 'dead' : rate < 0.1 ? 'dormant' : 'live';
      out.set('state', t(`dead.${state}`), state);
    };
    const controls = el('div', { class: 'controls' }, [
      slider({ label: t('dead.w'), min: -2, max: 2, step: 0.05, value: w, onInput: (v) => { w = v; draw(); } }).element,
      slider({ label: t('dead.b'), min: -5, max: 3, step: 0.05, value: b, onInput: (v) => { b = v; draw(); } }).element,
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
