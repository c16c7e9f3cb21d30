// embed-snippet.js: the HTML a teacher pastes into a course page. An iframe of the
// experiment in embed mode (?embed=<id>), its height measured for the experiment at the
// width the teacher picks: the page loads the embed in a hidden frame of that width and
// reads the height it announces. Options: the lesson text one click away in the frame
// (?lesson=1), and one script tag (relu-lab.js, published beside the page) that sizes
// the frame to its content exactly as it changes. Without the script the frame keeps
// the measured height (course platforms that strip scripts still show it whole at that
// width); docs/EMBEDDING.md lists which platforms size it from the lab's own messages.
import { el } from '../ui/dom.js';
import { t, num } from '../i18n/index.js';
import { fragmentOf } from './link.js';

export const EMBED_WIDTHS = [480, 600, 720, 960];
export const DEFAULT_WIDTH = 720;
/** The height shown while the measurement runs, and kept if it cannot finish. */
const FALLBACK_HEIGHT = 760;

/** Where the site is published: the page's address without query and fragment. */
const pageBase = () => `${location.origin}${location.pathname}`;

/** The iframe URL of state (embed mode, same state). */
export function embedUrl(state, { origins = null, lesson = false } = {}) {
  const params = new URLSearchParams({ embed: state.exp });
  if (origins?.length) params.set('origins', origins.join(','));
  if (lesson) params.set('lesson', '1');
  return `${pageBase()}?${params.toString().replace(/%2C/g, ',')}#${fragmentOf({ ...state, fromFragment: new Set() }, state.config)}`;
}

/** Escapes text for a double-quoted HTML attribute. */
export function attr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
}

/** The snippet for state: {width, height} of the frame, with the lesson text and the sizing script on request. */
export function embedSnippet(state, title, { width = DEFAULT_WIDTH, height = FALLBACK_HEIGHT, lesson = false, script = false } = {}) {
  const frame =
    `<iframe src="${attr(embedUrl(state, { lesson }))}" title="${attr(t('embed.iframeTitle', { title }))}" ` +
    `style="width:100%;max-width:${width}px;height:${Math.round(height)}px;border:0" loading="lazy" ` +
    `sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>`;
  return script ? `${frame}\n<script src="${attr(new URL('relu-lab.js', pageBase()).href)}" async></script>` : frame;
}

/**
 * The height of the embed at `url` in a frame `width` px wide: a hidden frame loads it
 * and the height it announces once ready (its 'resize' event) is returned; null if it
 * does not answer within `timeout` ms.
 */
export function measureHeight(url, width, { timeout = 20000 } = {}) {
  return new Promise((resolve) => {
    const frame = el('iframe', { src: url, title: '', 'aria-hidden': 'true', tabindex: '-1', class: 'measure-frame' });
    frame.style.width = `${width}px`;
    let height = null;
    let ready = false;
    let settle = 0;
    const done = (value) => {
      clearTimeout(timer);
      clearTimeout(settle);
      window.removeEventListener('message', listen);
      frame.remove();
      resolve(value);
    };
    // the height is taken once the experiment is ready and its size has held for a moment
    const listen = (event) => {
      if (event.source !== frame.contentWindow || event.data?.source !== 'relulab') return;
      if (event.data.type === 'resize' && Number.isFinite(event.data.height)) height = event.data.height;
      if (event.data.type === 'ready') ready = true;
      if (ready && height !== null) {
        clearTimeout(settle);
        settle = setTimeout(() => done(height), 400);
      }
    };
    const timer = setTimeout(() => done(height), timeout);
    window.addEventListener('message', listen);
    document.body.append(frame);
  });
}

/**
 * The Embed panel's options and its snippet, kept up to date: returns {element, text()}
 * and calls onText(snippet) whenever the snippet changes (a new measurement, an option).
 */
export function embedPanel(state, title, onText) {
  const id = `embed-width-${state.exp}`;
  const widthSelect = el('select', { id, name: 'embed-width' }, EMBED_WIDTHS.map((w) => el('option', { value: String(w), text: t('embed.widthValue', { n: num(w) }) })));
  widthSelect.value = String(DEFAULT_WIDTH);
  const lesson = el('input', { type: 'checkbox', id: `${id}-lesson`, name: 'embed-lesson' });
  const script = el('input', { type: 'checkbox', id: `${id}-script`, name: 'embed-script' });
  const status = el('span', { class: 'hint', role: 'status' });
  const element = el('div', { class: 'embed-options' }, [
    el('label', { for: id, text: t('embed.width') }), widthSelect,
    el('span', {}, [lesson, el('label', { for: lesson.id, text: t('embed.withLesson') })]),
    el('span', {}, [script, el('label', { for: script.id, text: t('embed.withScript') })]),
    status,
  ]);
  const heights = new Map(); // "width|lesson" -> measured height
  let text = '';
  const render = () => {
    const width = Number(widthSelect.value);
    const height = heights.get(`${width}|${lesson.checked}`) ?? FALLBACK_HEIGHT;
    text = embedSnippet(state, title, { width, height, lesson: lesson.checked, script: script.checked });
    onText(text);
  };
  const measure = async () => {
    const width = Number(widthSelect.value);
    const key = `${width}|${lesson.checked}`;
    render();
    if (heights.has(key)) return;
    status.textContent = t('embed.measuring', { width: num(width) });
    element.dataset.measured = '';
    const height = await measureHeight(embedUrl(state, { lesson: lesson.checked }), width);
    if (height === null) {
      status.textContent = t('embed.notMeasured', { height: num(FALLBACK_HEIGHT) });
      return;
    }
    heights.set(key, height);
    if (`${Number(widthSelect.value)}|${lesson.checked}` !== key) return; // the options changed meanwhile
    status.textContent = t('embed.measured', { width: num(width), height: num(height) });
    element.dataset.measured = String(height);
    render();
  };
  widthSelect.addEventListener('change', measure);
  lesson.addEventListener('change', measure);
  script.addEventListener('change', render);
  measure();
  return { element, text: () => text };
}
