// main.js: builds the lesson page: header, table of contents, one section per
// experiment (lesson text beside the experiment), the math and the references.
// Experiments start their first computation when their section scrolls into view;
// the URL fragment picks the active experiment and its configuration (links/ applies
// it: presets, hashchange, the banner of refused keys). ?embed=<id> shows one
// experiment for an iframe, driven by the postMessage API of links/message-api.js.
import 'katex/dist/katex.min.css';
import { EngineClient, defaultWorkerCount } from './engine/client.js';
import { EXPERIMENTS, readLink, setState } from './state.js';
import { LinkController } from './links/controller.js';
import { linkTools } from './links/share.js';
import { embedBar } from './links/embed.js';
import { attachMessageApi } from './links/message-api.js';
import { t, rich } from './i18n/index.js';
import { initLocale } from './i18n/load.js';
import { describeFailure } from './i18n/errors.js';
import { languageMenu, followLinkLanguage, restorePlace } from './ui/language-menu.js';
import { el } from './ui/dom.js';
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

function workersFromUrl() {
  const n = Number(new URLSearchParams(location.search).get('workers'));
  return Number.isInteger(n) && n >= 1 && n <= 16 ? n : defaultWorkerCount(8);
}

async function boot() {
  // The link is read before anything is drawn: it picks embed mode and the language
  // (readPageKey('lang') from state.js is valid from here on).
  const link = readLink(location);
  setState(link.state, '');
  const embed = link.state.embed;
  // issue 6: the link's lang, else the browser's, else English; sets <html lang>. The page
  // state records it either way, so a shared link opens in the language its sharer read.
  const locale = await initLocale(link.state.lang);
  if (!link.state.lang) setState({ ...link.state, lang: locale }, '');
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
    app.append(main);
  } else app.append(header, nav, main);
  document.body.dataset.workers = String(client.workerCount);

  const instances = new Map();
  const sections = new Map();
  const links = new LinkController({ client, instances, start: (id) => start(id), banner, embed, scroll: !embed });
  for (const spec of EXPERIMENTS) {
    if (embed && spec.id !== embed) continue;
    const module = MODULES[spec.id];
    const section = el('section', { class: 'lesson', id: spec.section, dataset: { exp: spec.id } });
    const heading = el('h2', { text: t(`${spec.id}.title`), id: `${spec.section}-title` });
    section.setAttribute('aria-labelledby', heading.id);
    const text = el('div', { class: 'lesson-text' }, [rich(`${spec.id}.lesson`)]);
    if (t(`${spec.id}.lookFor`) !== `${spec.id}.lookFor`) {
      text.append(el('div', { class: 'look-for' }, [el('h3', { text: t('common.lookFor') }), rich(`${spec.id}.lookFor`)]));
    }
    const box = el('div', { class: 'experiment', role: 'region', 'aria-label': t('common.experimentOf', { title: t(`${spec.id}.title`) }) });
    const getState = () => links.stateOf(spec.id);
    if (embed) {
      const bar = embedBar({ title: t(`${spec.id}.title`), getState });
      section.append(heading, bar.element, box);
      links.onApplied(() => bar.refresh());
      bar.refresh();
    } else {
      section.append(heading, text, box);
      box.append(linkTools({ id: spec.id, title: t(`${spec.id}.title`), getState, beforeShare: () => links.activate(spec.id) }));
    }
    main.append(section);
    toc.append(el('li', {}, [el('a', { href: `#exp=${spec.id}`, text: t(`${spec.id}.short`) })]));
    sections.set(spec.id, section);
    const ctx = {
      client,
      config: spec.config,
      onConfig: (query) => links.onConfig(spec.id, query),
      onView: (view) => links.onView(spec.id, view),
      error: (err) => showSectionError(box, err),
    };
    instances.set(spec.id, { instance: module.mount(box, ctx), started: false, section });
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

  const start = async (id) => {
    const entry = instances.get(id);
    if (entry.started) return entry.startPromise;
    entry.started = true;
    entry.startPromise = (async () => {
      try {
        await entry.instance.start?.();
        entry.section.dataset.ready = '1';
      } catch (err) {
        entry.section.dataset.ready = 'error';
        showSectionError(entry.section.querySelector('.experiment'), err);
      }
    })();
    return entry.startPromise;
  };

  try {
    await client.init();
  } catch (err) {
    banner.hidden = false;
    banner.textContent = t('site.engineFailed', { message: describeFailure(err) });
    return;
  }
  document.body.dataset.engine = 'ready';

  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (e.isIntersecting) start(e.target.dataset.exp);
    },
    { rootMargin: '200px 0px' },
  );
  for (const section of sections.values()) observer.observe(section);

  window.addEventListener('hashchange', () => links.applyLocation());
  await links.apply(link);
  followLinkLanguage();
  if (!embed) restorePlace();
  if (embed) {
    await start(embed);
    const readLinkFor = ({ preset, config }) =>
      readLink({ search: location.search, hash: preset ? `#preset=${encodeURIComponent(preset)}` : `#${config}&` });
    const allowed = link.state.origins; // null: any origin; [] or a list: only those
    attachMessageApi({ exp: embed, instance: instances.get(embed).instance, controller: links, allowed, readLinkFor });
  }
  document.body.dataset.ready = '1';
}

function showSectionError(box, err) {
  let slot = box.querySelector(':scope > .error');
  if (!slot) {
    slot = el('p', { class: 'error', role: 'alert' });
    box.prepend(slot);
  }
  slot.textContent = err ? t('common.error', { message: describeFailure(err) }) : '';
}

boot();
