// math.js: the math section (why the gradient through a dead unit is exactly zero),
// typeset with the bundled KaTeX (loaded only when the section comes near the view).
// Formulas are the same in every language; the prose around them comes from the
// locale table.
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { el } from './ui/dom.js';
import { t, rich } from './i18n/index.js';

const FORMULAS = {
  forward: String.raw`z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, \qquad a^{(l)} = \operatorname{relu}\big(z^{(l)}\big) = \max\big(0, z^{(l)}\big)`,
  backward: String.raw`\frac{\partial L}{\partial W^{(l)}_{ij}} = \frac{1}{N}\sum_{n=1}^{N} \delta^{(l)}_{i,n}\, a^{(l-1)}_{j,n}, \qquad \frac{\partial L}{\partial b^{(l)}_{i}} = \frac{1}{N}\sum_{n=1}^{N} \delta^{(l)}_{i,n}, \qquad \delta^{(l)}_{i,n} = \frac{\partial \ell_n}{\partial a^{(l)}_{i,n}}\; \mathbf{1}\big[z^{(l)}_{i,n} > 0\big]`,
  dead: String.raw`z^{(l)}_{i,n} \le 0 \;\;\text{@forAll@ } n \;\Longrightarrow\; \delta^{(l)}_{i,n} = 0 \;\;\text{@forAll@ } n \;\Longrightarrow\; \frac{\partial L}{\partial W^{(l)}_{i\cdot}} = 0,\;\; \frac{\partial L}{\partial b^{(l)}_{i}} = 0`,
  outgoing: String.raw`a^{(l)}_{i,n} = 0 \;\;\text{@forAll@ } n \;\Longrightarrow\; \frac{\partial L}{\partial W^{(l+1)}_{k i}} = \frac{1}{N}\sum_n \delta^{(l+1)}_{k,n}\, a^{(l)}_{i,n} = 0`,
  l2: String.raw`W^{(l)}_{i\cdot} \leftarrow (1 - \eta\lambda)\, W^{(l)}_{i\cdot}, \qquad b^{(l)}_i \leftarrow b^{(l)}_i`,
  leaky: String.raw`\operatorname{leaky}'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases} \quad\Longrightarrow\quad \delta_{i,n} = \alpha\, \frac{\partial \ell_n}{\partial a_{i,n}} \ne 0`,
  keras: String.raw`L(w) = \mathbb{E}\big[(\operatorname{relu}(w x) - \operatorname{relu}(x))^2\big] = \begin{cases} \tfrac{1}{2}(1 + w^2) & w \le 0 \\ \tfrac{1}{2}(w - 1)^2 & w \ge 0 \end{cases}, \qquad L'(w) = \begin{cases} w & w < 0 \\ w - 1 & w > 0 \end{cases}`,
  crawl: String.raw`w_{t+1} = w_t - \eta\, w_t = (1 - \eta)\, w_t \;\Longrightarrow\; w_t = w_0 (1 - \eta)^t \to 0^-`,
  born: String.raw`P(\text{@deadAtInit@}) = 1 - \big(1 - 2^{-N}\big)^{H}`,
};

// The few words inside formulas come from the locale (@name@ -> math.f.<name>), escaped
// for TeX's text mode; the formulas themselves are the same in every language.
const texText = (s) => s.replace(/[\\{}$&#^_~%]/g, (c) => (c === '\\' ? '\\textbackslash{}' : `\\${c}`));
// A formula wider than the column scrolls: by keyboard too (it takes the focus), with
// shadows at the edges that say there is more (styles.css).
function formula(name) {
  const box = el('div', { class: 'formula', tabindex: '0', role: 'group', 'aria-label': t('math.formula') });
  const tex = FORMULAS[name].replace(/@(\w+)@/g, (m, word) => texText(t(`math.f.${word}`)));
  katex.render(tex, box, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
  return box;
}

/** Fills the math section (its heading is already there). */
export function mountMath(section) {
  const body = el('div', { class: 'lesson-text' });
  section.append(body);
  for (const [para, f] of [['math.p1', 'forward'], ['math.p2', 'backward'], ['math.p3', 'dead'], ['math.p4', 'outgoing'], ['math.p5', 'l2'], ['math.p6', 'leaky'], ['math.p7', 'keras'], ['math.p8', 'crawl'], ['math.p9', 'born']]) {
    body.append(rich(para), formula(f));
  }
  body.append(rich('math.p10'));
}
