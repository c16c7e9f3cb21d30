// main.js: builds the lesson page: header, table of contents, one section per
// experiment (lesson text beside the experiment), the math and the references.
// Experiments start their first computation when their section scrolls into view;
// the URL fragment picks the active experiment and its configuration.
import 'katex/dist/katex.min.css';
import { EngineClient, defaultWorkerCount } from './engine/client.js';
import { EXPERIMENTS, readFragment, writeFragment, validateFragment } from './state.js';
import { t, rich } from './i18n/index.js';
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
  document.documentElement.lang = 'en';
  document.title = t('site.title');
  const client = new EngineClient({ workers: workersFromUrl() });
  const app = document.getElementById('app');
  const banner = el('div', { class: 'banner', role: 'alert', hidden: true });
  const header = el('header', { class: 'site' }, [el('h1', { text: t('site.title') }), el('p', { text: t('site.tagline') })]);
  const toc = el('ol');
  const nav = el('nav', { class: 'toc', 'aria-label': t('site.contents') }, [toc]);
  const main = el('main', {}, [banner]);
  app.append(header, nav, main);
  document.body.dataset.workers = String(client.workerCount);

  const instances = new Map();
  const sections = new Map();
  for (const spec of EXPERIMENTS) {
    const module = MODULES[spec.id];
    const section = el('section', { class: 'lesson', id: spec.section, dataset: { exp: spec.id } });
    const heading = el('h2', { text: t(`${spec.id}.title`), id: `${spec.section}-title` });
    section.setAttribute('aria-labelledby', heading.id);
    const text = el('div', { class: 'lesson-text' }, [rich(`${spec.id}.lesson`)]);
    if (t(`${spec.id}.lookFor`) !== `${spec.id}.lookFor`) {
      text.append(el('div', { class: 'look-for' }, [el('h3', { text: t('common.lookFor') }), rich(`${spec.id}.lookFor`)]));
    }
    const box = el('div', { class: 'experiment', role: 'region', 'aria-label': t('common.experimentOf', { title: t(`${spec.id}.title`) }) });
    section.append(heading, text, box);
    main.append(section);
    toc.append(el('li', {}, [el('a', { href: `#exp=${spec.id}`, text: t(`${spec.id}.short`) })]));
    sections.set(spec.id, section);
    const ctx = {
      client,
      config: spec.config,
      onConfig: (query) => writeFragment(spec.id, query),
      error: (err) => showSectionError(box, err),
    };
    instances.set(spec.id, { instance: module.mount(box, ctx), started: false, section });
  }
  const mathSection = el('section', { class: 'lesson text-only math', id: 'math' });
  main.append(mathSection);
  mountMath(mathSection);
  toc.append(el('li', {}, [el('a', { href: '#math', text: t('math.short') })]));
  const refSection = el('section', { class: 'lesson text-only references', id: 'references' });
  main.append(refSection);
  mountReferences(refSection);
  toc.append(el('li', {}, [el('a', { href: '#references', text: t('refs.short') })]));
  app.append(el('footer', {}, [rich('site.footer')]));

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
    banner.textContent = t('site.engineFailed', { message: err.message });
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

  const applyFragment = async () => {
    const { exp, rawExp, query } = readFragment();
    banner.hidden = true;
    banner.textContent = '';
    if (!exp) {
      if (rawExp) showBanner(banner, [{ key: 'exp', message: t('site.unknownExperiment', { name: rawExp }) }]);
      return;
    }
    const { query: config, errors } = await validateFragment(client, exp, query);
    if (errors.length) showBanner(banner, errors);
    const entry = instances.get(exp);
    if (query) entry.instance.setConfig?.(config);
    sections.get(exp).scrollIntoView({ block: 'start' });
    await start(exp);
  };
  window.addEventListener('hashchange', () => applyFragment());
  await applyFragment();
  document.body.dataset.ready = '1';
}

function showBanner(banner, errors) {
  banner.hidden = false;
  banner.textContent = '';
  banner.append(el('strong', { text: t('site.badLink') }));
  banner.append(el('ul', {}, errors.map((e) => el('li', { text: e.message }))));
}

function showSectionError(box, err) {
  let slot = box.querySelector(':scope > .error');
  if (!slot) {
    slot = el('p', { class: 'error', role: 'alert' });
    box.prepend(slot);
  }
  slot.textContent = err ? t('common.error', { message: err.message ?? String(err) }) : '';
}

boot();
