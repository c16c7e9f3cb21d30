// main.js: builds the lesson page: header, table of contents, one section per
// experiment (lesson text beside the experiment), the math and the references.
// The engine starts first; each experiment is mounted once it has answered (its
// controls come from the engine's schema and hold the store's values), and starts its
// first computation when its section scrolls into view. The store (store.js) holds
// every experiment's configuration; links (links/controller.js) and controls change
// it. ?embed=<id> shows one experiment for an iframe, driven by the postMessage API of
// links/message-api.js.
import 'katex/dist/katex.min.css';
import { EngineClient, defaultWorkerCount } from './engine/client.js';
import { EXPERIMENTS, experiment } from './experiments/registry.js';
import { readLink } from './links/link.js';
import { Store } from './store.js';
import { LinkController } from './links/controller.js';
import { linkTools, commandLine } from './links/share.js';
import { embedBar } from './links/embed.js';
import { attachMessageApi } from './links/message-api.js';
import { t, rich, hasKey } from './i18n/index.js';
import { initLocale } from './i18n/load.js';
import { describeFailure } from './i18n/errors.js';
import { languageMenu, followLinkLanguage, restorePlace } from './ui/language-menu.js';
import { el } from './ui/dom.js';
import { bindControls } from './ui/binder.js';
import { mountMath, mountReferences } from './math.js';
import deadUnit from './experiments/dead-unit.js';
import single from './experiments/single.js';
import landscape from './experiments/landscape.js';
import adder from './experiments/adder.js';
import modulus from './experiments/modulus.js';
import cs231n from './experiments/cs231n.js';
import bornDead from './experiments/born-dead.js';
import init from './experiments/init.js';
import remedies from './experiments/remedies.js';
import lab from './experiments/lab.js';

const MODULES = { dead: deadUnit, single, landscape, adder, modulus, cs231n, borndead: bornDead, init, remedies, lab };

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

/** The section of one experiment: heading, lesson text with its "what to look for", and the box the experiment fills. */
function section(spec, embed) {
  const element = el('section', { class: 'lesson', id: spec.section, dataset: { exp: spec.id } });
  const heading = el('h2', { text: t(`${spec.id}.title`), id: `${spec.section}-title` });
  element.setAttribute('aria-labelledby', heading.id);
  const text = el('div', { class: 'lesson-text' }, [rich(`${spec.id}.lesson`)]);
  const lookFor = el('div', { class: 'look-for' });
  // what to look for: the experiment's own text, or one the experiment picks (ctx.lookFor)
  const showLookFor = (key) => {
    lookFor.textContent = '';
    lookFor.dataset.key = key;
    lookFor.append(el('h3', { text: t('common.lookFor') }), rich(key));
    if (lookFor.parentNode !== text) text.append(lookFor);
  };
  if (hasKey(`${spec.id}.lookFor`)) showLookFor(`${spec.id}.lookFor`);
  const box = el('div', { class: 'experiment', role: 'region', 'aria-label': t('common.experimentOf', { title: t(`${spec.id}.title`) }) });
  box.append(el('p', { class: 'placeholder', text: t('site.engineStarting') }));
  element.append(heading);
  // embedded, the text is there only when the snippet asks for it (one click away)
  if (!embed || embedLesson()) element.append(text);
  element.append(box);
  return { element, box, text, showLookFor };
}

async function boot() {
  // The link is read before anything is drawn: it picks embed mode and the language.
  const link = readLink(location);
  const embed = link.state.embed;
  // the link's lang, else the browser's, else English; sets <html lang>. The store
  // records it either way, so a shared link opens in the language its sharer read.
  const locale = await initLocale(link.state.lang);
  document.title = t('site.title');
  const client = new EngineClient({ workers: workersFromUrl() });
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

  const parts = new Map(); // id -> {element, box, showLookFor, instance, started}
  for (const spec of EXPERIMENTS) {
    if (embed && spec.id !== embed) continue;
    const part = section(spec, embed);
    main.append(part.element);
    toc.append(el('li', {}, [el('a', { href: `#exp=${spec.id}`, text: t(`${spec.id}.short`) })]));
    parts.set(spec.id, part);
  }
  if (!embed) {
    const mathSection = el('section', { class: 'lesson text-only math', id: 'math' });
    main.append(mathSection);
    mountMath(mathSection);
    toc.append(el('li', {}, [el('a', { href: '#math', text: t('math.short') })]));
    const refSection = el('section', { class: 'lesson text-only references', id: 'references' });
    main.append(refSection);
    mountReferences(refSection);
    toc.append(el('li', {}, [el('a', { href: '#references', text: t('refs.short') })]));
    app.append(el('footer', {}, [rich('site.footer')]));
  }

  let store;
  try {
    await client.init();
    store = new Store({ client, page: { ...link.state, lang: link.state.lang ?? locale } });
    await store.init();
  } catch (err) {
    banner.hidden = false;
    banner.textContent = t('site.engineFailed', { message: describeFailure(err) });
    return;
  }
  document.body.dataset.engine = 'ready';

  const start = async (id) => {
    const part = parts.get(id);
    if (!part.started) {
      part.started = (async () => {
        try {
          await part.instance.start?.();
          part.element.dataset.ready = '1';
        } catch (err) {
          part.element.dataset.ready = 'error';
          showSectionError(part.box, err);
        }
      })();
    }
    await part.started;
    return part.instance;
  };

  const links = new LinkController({ store, sections: new Map([...parts].map(([id, p]) => [id, p.element])), start, banner, home: main, scroll: !embed });
  for (const [id, part] of parts) {
    const { box } = part;
    box.textContent = '';
    const getState = () => store.stateOf(id);
    if (embed) {
      const bar = embedBar({ heading: part.element.querySelector('h2'), getState, lesson: embedLesson() ? part.text : null });
      (part.text.isConnected ? part.text : box).before(bar.element);
      links.onApplied(() => bar.refresh());
      bar.refresh();
    } else {
      const commands = () => (part.instance.commands ? part.instance.commands() : [commandLine(store.entry(id).query)]);
      const command = experimentHasConfig(id) ? () => commands()?.join('\n') ?? t('command.none') : null;
      box.append(linkTools({ id, title: t(`${id}.title`), getState, beforeShare: () => store.activate(id), command }));
    }
    const binders = [];
    const setView = (view) => {
      store.setView(id, view);
      if (part.started) part.instance.showView?.(view);
    };
    const ctx = {
      client,
      schema: client.schema,
      entry: () => store.entry(id),
      update: (change) => store.update(id, change),
      setView: (view) => store.setView(id, view),
      controls: (table) => {
        const binder = bindControls(table, { schema: client.schema, get: () => store.entry(id), update: (change) => store.update(id, change), setView });
        binders.push(binder);
        return binder;
      },
      lookFor: (key) => part.showLookFor(key),
      error: (err) => showSectionError(box, err),
    };
    part.instance = MODULES[id].mount(box, ctx);
    if (embed) foldSettings(box);
    // the seed and configuration name the files a chart saves (ui/chart-tools.js)
    const mark = (entry) => {
      if (!experimentHasConfig(id)) return;
      part.element.dataset.seed = entry.values.get('seed');
      part.element.dataset.config = entry.query;
    };
    mark(store.entry(id));
    store.subscribe(id, (entry) => {
      mark(entry);
      for (const b of binders) b.sync();
      if (part.started) Promise.resolve(part.instance.configChanged?.(entry)).catch((err) => showSectionError(box, err));
    });
  }

  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (e.isIntersecting) start(e.target.dataset.exp);
    },
    { rootMargin: '200px 0px' },
  );
  for (const part of parts.values()) observer.observe(part.element);

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

/** Whether experiment `id` has a configuration (the opening figure has none). */
const experimentHasConfig = (id) => Boolean(experiment(id).config);

function showSectionError(box, err) {
  let slot = box.querySelector(':scope > .error');
  if (!slot) {
    slot = el('p', { class: 'error', role: 'alert' });
    box.prepend(slot);
  }
  slot.textContent = err ? t('common.error', { message: describeFailure(err) }) : '';
}

boot();
