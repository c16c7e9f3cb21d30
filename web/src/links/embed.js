// embed.js: embed mode (?embed=<experiment>, or #embed=<experiment>): the page shows
// that one experiment, sized for an iframe, with its title and a small link to the full
// lesson (relative URL, new tab) that carries the experiment's current state.
import { el } from '../ui/dom.js';
import { t } from '../i18n/index.js';
import { fragmentOf } from './link.js';
import './links.css';

/** A relative link to the full lesson in the state getState() returns. */
export function fullLessonHref(state) {
  const file = location.pathname.split('/').pop() || './';
  return `${file}#${fragmentOf({ ...state, embed: null, origins: null, fromFragment: new Set() }, state.config)}`;
}

/**
 * The small bar above an embedded experiment: its heading, the full-lesson link and, when
 * the embed asks for it (?lesson=1), a button that shows the lesson text in the frame.
 */
export function embedBar({ heading, getState, lesson = null }) {
  const link = el('a', { class: 'full-lesson', target: '_blank', rel: 'noopener', text: t('embed.fullLesson') });
  const refresh = () => {
    link.href = fullLessonHref(getState());
  };
  // the state changes as the learner works; the href is brought up to date before use
  for (const type of ['pointerdown', 'focus', 'click', 'mouseenter']) link.addEventListener(type, refresh);
  heading.classList.add('embed-title');
  const bar = el('div', { class: 'embed-bar' }, [heading]);
  if (lesson) {
    lesson.hidden = true;
    lesson.id = `${lesson.closest?.('section')?.id ?? 'embed'}-lesson`;
    const toggle = el('button', { type: 'button', class: 'btn', name: 'lesson', 'aria-expanded': 'false', 'aria-controls': lesson.id, text: t('embed.lesson') });
    toggle.addEventListener('click', () => {
      lesson.hidden = !lesson.hidden;
      toggle.setAttribute('aria-expanded', String(!lesson.hidden));
    });
    bar.append(toggle);
  }
  bar.append(link);
  return { element: bar, refresh };
}
