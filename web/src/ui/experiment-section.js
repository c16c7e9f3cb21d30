// experiment-section.js: one experiment's section of the page: its heading, its lesson
// text with "What to look for", and the box the experiment fills. The experiment's code
// is loaded when the section is first needed (it comes near the view, or a link names
// it), mounted with its context (the store's entry, a binder for its table of controls,
// its tools), and started once; the store tells it of every change of its
// configuration from then on.
import { el } from './dom.js';
import { bindControls } from './binder.js';
import { t, rich, hasKey } from '../i18n/index.js';
import { describeFailure } from '../i18n/errors.js';
import { experiment } from '../experiments/registry.js';

/** The section of experiment `spec`; `withText`: the lesson text is on the page (not in an embed that leaves it out). */
export function experimentSection(spec, { withText = true } = {}) {
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
  if (withText) element.append(text);
  element.append(box);
  return { spec, element, heading, box, text, showLookFor, instance: null, mounted: null, started: null };
}

/** Shows `err` at the top of an experiment's box (null takes it back); each source (a live run, a background task, the section) has its own line. */
export function showSectionError(box, err, source = 'section') {
  let slot = box.querySelector(`:scope > .error[data-source="${source}"]`);
  if (!slot) {
    if (!err) return;
    slot = el('p', { class: 'error', role: 'alert', dataset: { source } });
    box.prepend(slot);
  }
  slot.textContent = err ? t('common.error', { message: describeFailure(err) }) : '';
  slot.hidden = !err;
}

/**
 * Loads and mounts the experiment of `part` (once): load() gives its module; decorate(part)
 * adds what the page puts around it (link tools or the embed bar), after the placeholder
 * is gone and before the experiment fills the box. Resolves with the part.
 */
export function mountSection(part, { client, store, load, decorate }) {
  part.mounted ??= (async () => {
    const { spec, box } = part;
    const id = spec.id;
    const module = (await load()).default;
    box.textContent = '';
    decorate?.(part);
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
      error: (err, source) => showSectionError(box, err, source),
    };
    part.instance = module.mount(box, ctx);
    // the seed and configuration name the files a chart saves (ui/chart-tools.js)
    const mark = (entry) => {
      if (!experiment(id).config) return;
      part.element.dataset.seed = entry.values.get('seed');
      part.element.dataset.config = entry.query;
    };
    mark(store.entry(id));
    store.subscribe(id, (entry) => {
      mark(entry);
      for (const b of binders) b.sync();
      if (part.started) Promise.resolve(part.instance.configChanged?.(entry)).catch((err) => showSectionError(box, err));
    });
    return part;
  })();
  return part.mounted;
}

/** Starts the mounted experiment of `part` (once); resolves with its instance. */
export async function startSection(part) {
  part.started ??= (async () => {
    try {
      await part.instance.start?.();
      part.element.dataset.ready = '1';
    } catch (err) {
      part.element.dataset.ready = 'error';
      showSectionError(part.box, err);
    }
  })();
  await part.started;
  return part.instance;
}
