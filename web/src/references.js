// references.js: the references section, the sources the lesson paraphrases, each a
// string of the locale table with its link.
import { el } from './ui/dom.js';
import { t, rich } from './i18n/index.js';

export function mountReferences(section) {
  section.append(el('h2', { text: t('refs.title') }));
  const list = el('ol');
  for (let k = 1; k <= 9; k++) list.append(el('li', {}, [rich(`refs.r${k}`)]));
  section.append(list);
}
