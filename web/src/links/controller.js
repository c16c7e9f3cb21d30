// controller.js: applies links to the page. On load and on every hashchange the
// fragment is read (state.js readLink), its config keys are checked by the engine
// (validateConfig), refused keys are listed in the banner with the reason, and the
// experiment gets the rest; the URL is then rewritten (replaceState) to the explicit
// state the page shows, so a preset or a repaired link reads as what it is.
// Also keeps each experiment's current config and view for Share and Embed.
import { readLink, validateConfig, setState, getState, announceChanges, writeFragment, writeView, experiment, errorText, EXPERIMENTS } from '../state.js';
import { el } from '../ui/dom.js';
import { t } from '../i18n/index.js';

export class LinkController {
  /**
   * client: EngineClient; instances: Map id -> {instance, section}; start(id) starts an
   * experiment; banner: the page's alert element; embed: the embedded experiment or null.
   */
  constructor({ client, instances, start, banner, embed = null, scroll = true }) {
    this.client = client;
    this.instances = instances;
    this.start = start;
    this.banner = banner;
    this.embed = embed;
    this.scroll = scroll;
    this.configs = new Map(EXPERIMENTS.map((e) => [e.id, e.config]));
    this.views = new Map(EXPERIMENTS.map((e) => [e.id, e.views[0]]));
    this.applying = Promise.resolve();
    this.lastErrors = [];
    this.listeners = new Set();
  }

  /** ctx.onConfig of experiment `id`. */
  onConfig(id, query) {
    this.configs.set(id, query);
    writeFragment(id, query);
  }
  /** ctx.onView of experiment `id` (e.g. a sweep was run). */
  onView(id, view) {
    this.views.set(id, view);
    writeView(id, view);
  }
  /** The current explicit state of experiment `id`: {exp, config, view, lang}. */
  stateOf(id) {
    const s = getState();
    return { exp: id, config: this.configs.get(id) ?? '', view: this.views.get(id), lang: s.lang, embed: s.embed, origins: s.origins, fromFragment: s.fromFragment };
  }
  /** Records `id` as the active experiment in the URL (before sharing it). */
  activate(id) {
    writeFragment(id, this.configs.get(id) ?? '');
    writeView(id, this.views.get(id));
  }
  /** fn(errors) after every applied link (the embedding API reports them). */
  onApplied(fn) {
    this.listeners.add(fn);
  }

  /** Applies the current location; calls are queued so two quick hashchanges apply in order. */
  applyLocation() {
    this.applying = this.applying.then(() => this.#apply(readLink(location))).catch((err) => this.showErrors([{ key: 'link', message: String(err?.message ?? err) }]));
    return this.applying;
  }

  /**
   * Applies {state, config, errors} (from readLink, or a preset or config loaded through
   * the embedding API); resolves with the list of errors shown.
   */
  async apply(link) {
    this.applying = this.applying.then(() => this.#apply(link));
    await this.applying;
    return this.lastErrors;
  }

  async #apply({ state, config, errors, anchor }) {
    const before = getState();
    if (anchor) {
      this.#done(this.lastErrors);
      return;
    }
    const exp = this.embed ?? state.exp;
    const all = [...errors];
    if (!exp) {
      setState({ ...before, lang: state.lang ?? before.lang, embed: this.embed }, before.config);
      this.showErrors(all);
      announceChanges(before, getState());
      this.#done(all);
      return;
    }
    let query = this.configs.get(exp);
    const explicit = config.size > 0 || state.preset;
    if (explicit) {
      const checked = await validateConfig(this.client, exp, config);
      all.push(...checked.errors);
      query = checked.query;
    }
    const view = state.view ?? (explicit ? experiment(exp).views[0] : this.views.get(exp));
    // embed mode is decided once, when the page loads; origins likewise
    // a link without a (valid) lang keeps the current language: in-page links carry none
    setState({ ...state, exp, lang: state.lang ?? before.lang, embed: this.embed, origins: before.origins, fromFragment: before.fromFragment }, query);
    this.configs.set(exp, query);
    this.views.set(exp, view);
    this.showErrors(all);
    const entry = this.instances.get(exp);
    if (explicit) entry.instance.setConfig?.(query);
    writeFragment(exp, query);
    writeView(exp, view);
    announceChanges(before, getState());
    if (this.scroll) entry.section.scrollIntoView({ block: 'start' });
    await this.start(exp);
    // not awaited: a view may start a sweep, and the next link must not wait for it
    if (view !== experiment(exp).views[0] || explicit) Promise.resolve(entry.instance.setView?.(view)).catch(() => {});
    this.#done(all);
  }

  #done(errors) {
    this.lastErrors = errors;
    this.applied = (this.applied ?? 0) + 1;
    document.body.dataset.linkApplied = String(this.applied); // for tests: one more link applied
    for (const fn of this.listeners) fn(errors);
  }

  /** Lists errors in the banner ([] hides it); each item names its key (data-key). */
  showErrors(errors) {
    const banner = this.banner;
    banner.textContent = '';
    banner.hidden = errors.length === 0;
    banner.dataset.keys = errors.map((e) => String(e.key).replace(/^'|'$/g, '')).join(' ');
    if (!errors.length) return;
    banner.append(el('strong', { text: t('site.badLink') }));
    banner.append(el('ul', {}, errors.map((e) => el('li', { dataset: { key: String(e.key).replace(/^'|'$/g, '') }, text: errorText(e) }))));
  }
}
