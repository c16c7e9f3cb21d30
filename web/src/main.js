// main.js: builds the lesson page: header, table of contents, one section per
// experiment (lesson text beside the experiment), the math and the references.
// The engine starts first; each experiment's code is loaded and mounted when its
// section comes near the view or a link names it (its controls come from the engine's
// schema and hold the store's values), and starts its first computation then. The
// math (KaTeX) loads when its section comes near. The store (store.js) holds every
// experiment's configuration; links (links/controller.js) and controls change it.
// ?embed=<id> shows one experiment for an iframe, driven by the postMessage API of
// links/message-api.js.
import { EngineClient, defaultWorkerCount } from './engine/client.js';
import { EngineWorker } from './engine/engine-worker.js';
import { EXPERIMENTS, experiment } from './experiments/registry.js';
import { readLink } from './links/link.js';
import { Store } from './store.js';
import { LinkController } from './links/controller.js';
import { linkTools, commandLine } from './links/share.js';
import { embedBar } from './links/embed.js';
import { attachMessageApi } from './links/message-api.js';
import { t, rich } from './i18n/index.js';
import { initLocale } from './i18n/load.js';
import { describeFailure } from './i18n/errors.js';
import { languageMenu, followLinkLanguage, restorePlace } from './ui/language-menu.js';
import { el } from './ui/dom.js';
import { experimentSection, mountSection, startSection } from './ui/experiment-section.js';
import { mountReferences } from './references.js';

/** Each experiment's code, loaded when its section is first needed. */
const MODULES = {
  dead: () => import('./experiments/dead-unit.js'),
  single: () => import('./experiments/single.js'),
  landscape: () => import('./experiments/landscape.js'),
  adder: () => import('./experiments/adder.js'),
  modulus: () => import('./experiments/modulus.js'),
  cs231n: () => import('./experiments/cs231n.js'),
  borndead: () => import('./experiments/born-dead.js'),
  init: () => import('./experiments/init.js'),
  remedies: () => import('./experiments/remedies.js'),
  lab: () => import('./experiments/lab.js'),
};

/** Lets the browser run what waits (input, painting) before the page goes on building. */
const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Calls fn(target) once for each element that comes within 200 px of the view, each in a task of its own. */
function whenNear(elements, fn) {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        observer.unobserve(e.target);
        setTimeout(() => fn(e.target), 0);
      }
    },
    { rootMargin: '200px 0px' },
  );
  for (const element of elements) observer.observe(element);
}

/** An embed that asks for the lesson text (?lesson=1): it is one click away in the frame. */
function embedLesson() {
  return new URLSearchParams(location.search).get('lesson') === '1';
}

/** Embedded, the settings of an experiment fold away, so its figure and Play fit a small frame. */
function foldSettings(box) {
  const settings = box.querySelectorAll(':scope > .controls, :scope > .remedy-list');
  if (!settings.length) return;
  const details = el('details', { class: 'settings' }, [el('summary', { text: t('embed.settings') })]);
  settings[0].before(details);
  details.append(...settings);
}

function workersFromUrl() {
  const n = Number(new URLSearchParams(location.search).get('workers'));
  return Number.isInteger(n) && n >= 1 && n <= 16 ? n : defaultWorkerCount(8);
}

async function boot() {
  // The link is read before anything is drawn: it picks embed mode and the language.
  const link = readLink(location);
  const embed = link.state.embed;
  // the link's lang, else the browser's, else English; sets <html lang>. The store
  // records it either way, so a shared link opens in the language its sharer read.
  const locale = await initLocale(link.state.lang);
  document.title = t('site.title');
  const client = new EngineClient({ workers: workersFromUrl(), spawn: () => new EngineWorker() });
  const engineReady = client.init(); // the worker loads the engine while the page is built
  const app = document.getElementById('app');
  const banner = el('div', { class: 'banner', role: 'alert', hidden: true });
  const header = el('header', { class: 'site' }, [el('h1', { text: t('site.title') }), el('p', { text: t('site.tagline') }), languageMenu()]);
  const toc = el('ol');
  const nav = el('nav', { class: 'toc', 'aria-label': t('site.contents') }, [toc]);
  const main = el('main', {}, [banner]);
  if (embed) {
    document.body.classList.add('embed');
    main.prepend(el('h1', { class: 'visually-hidden', text: t('site.title') }));
    app.append(main);
  } else app.append(header, nav, main);
  document.body.dataset.workers = String(client.workerCount);

  const parts = new Map(); // id -> the experiment's section (ui/experiment-section.js)
  for (const spec of EXPERIMENTS) {
    if (embed && spec.id !== embed) continue;
    // embedded, the text is there only when the snippet asks for it (one click away)
    const part = experimentSection(spec, { withText: !embed || embedLesson() });
    main.append(part.element);
    toc.append(el('li', {}, [el('a', { href: `#exp=${spec.id}`, text: t(`${spec.id}.short`) })]));
    parts.set(spec.id, part);
    await yieldToBrowser(); // one section per task: no long task while the page builds
  }
  if (!embed) {
    const mathSection = el('section', { class: 'lesson text-only math', id: 'math' }, [el('h2', { text: t('math.title') })]);
    main.append(mathSection);
    whenNear([mathSection], async () => (await import('./math.js')).mountMath(mathSection));
    toc.append(el('li', {}, [el('a', { href: '#math', text: t('math.short') })]));
    const refSection = el('section', { class: 'lesson text-only references', id: 'references' });
    main.append(refSection);
    mountReferences(refSection);
    toc.append(el('li', {}, [el('a', { href: '#references', text: t('refs.short') })]));
    app.append(el('footer', {}, [rich('site.footer')]));
  }

  let store;
  try {
    await engineReady;
    store = new Store({ client, page: { ...link.state, lang: link.state.lang ?? locale } });
    await store.init();
  } catch (err) {
    banner.hidden = false;
    banner.textContent = t('site.engineFailed', { message: describeFailure(err) });
    return;
  }
  document.body.dataset.engine = 'ready';

  // what the page puts around an experiment: the embed bar, or Share, Embed and Command
  const decorate = (part) => {
    const id = part.spec.id;
    const getState = () => store.stateOf(id);
    if (embed) {
      const bar = embedBar({ heading: part.heading, getState, lesson: embedLesson() ? part.text : null });
      (part.text.isConnected ? part.text : part.box).before(bar.element);
      links.onApplied(() => bar.refresh());
      bar.refresh();
      return;
    }
    const commands = () => (part.instance.commands ? part.instance.commands() : [commandLine(store.entry(id).query)]);
    const command = experiment(id).config ? () => commands()?.join('\n') ?? t('command.none') : null;
    part.box.append(linkTools({ id, title: t(`${id}.title`), getState, beforeShare: () => store.activate(id), command }));
  };
  const start = async (id) => {
    const part = parts.get(id);
    await mountSection(part, { client, store, load: MODULES[id], decorate });
    if (embed && !part.folded) {
      foldSettings(part.box);
      part.folded = true;
    }
    return startSection(part);
  };
  const links = new LinkController({ store, sections: new Map([...parts].map(([id, p]) => [id, p.element])), start, banner, home: main, scroll: !embed });
  whenNear([...parts.values()].map((p) => p.element), (element) => start(element.dataset.exp));

  window.addEventListener('hashchange', () => links.applyLocation());
  await links.apply(link);
  followLinkLanguage(store);
  if (!embed) restorePlace();
  if (embed) {
    await start(embed);
    const readLinkFor = ({ preset, config }) =>
      readLink({ search: location.search, hash: preset ? `#preset=${encodeURIComponent(preset)}` : `#${config}&` });
    const allowed = link.state.origins; // null: any origin; [] or a list: only those
    attachMessageApi({ exp: embed, instance: parts.get(embed).instance, controller: links, allowed, readLinkFor });
  }
  document.body.dataset.ready = '1';
}

boot();
