// controller.js: applies links to the page. On load and on every hashchange the
// fragment is read (link.js readLink), its config keys are checked by the engine
// (validateConfig), and the store gets the rest; refused keys are listed in a banner
// with the reason, shown where the learner lands (at the experiment the link names) and
// kept until dismissed or until the next link is applied.
import { readLink, validateConfig } from './link.js';
import { experiment } from '../experiments/registry.js';
import { describeError } from '../i18n/errors.js';
import { el } from '../ui/dom.js';
import { keepAtTop } from '../ui/keep-at-top.js';
import { button } from '../ui/controls.js';
import { t } from '../i18n/index.js';

export class LinkController {
  /**
   * store: the page's Store; sections: Map id -> section element; start(id) starts an
   * experiment and resolves with its instance; banner: the alert element (moved to where
   * its errors belong); home: where the banner sits for a link that names no experiment;
   * scroll: bring the linked experiment into view.
   */
  constructor({ store, sections, start, banner, home, scroll = true }) {
    this.store = store;
    this.sections = sections;
    this.start = start;
    this.banner = banner;
    this.home = home;
    this.scroll = scroll;
    this.applying = Promise.resolve();
    this.lastErrors = [];
    this.applied = 0;
    this.listeners = new Set();
  }

  /** fn(errors) after every applied link (the embedding API reports them). */
  onApplied(fn) {
    this.listeners.add(fn);
  }

  /** The explicit state of experiment `id` (Share, Embed and the embedding API read it). */
  stateOf(id) {
    return this.store.stateOf(id);
  }

  /** Applies the current location; calls are queued so two quick hashchanges apply in order. */
  applyLocation() {
    return this.apply(readLink(location));
  }

  /**
   * Applies {state, config, errors} (from readLink, or a preset or config loaded through
   * the embedding API); resolves with the list of errors shown.
   */
  apply(link) {
    const done = this.applying.then(() => this.#apply(link));
    this.applying = done.catch((err) => this.showErrors([{ key: 'link', message: String(err?.message ?? err) }]));
    return done.then(() => this.lastErrors, () => this.lastErrors);
  }

  async #apply({ state, config, errors, anchor }) {
    if (anchor) {
      this.#done(this.lastErrors);
      return;
    }
    const exp = this.store.page.embed ?? state.exp;
    const all = [...errors];
    // A link without a (valid) lang keeps the current language: in-page links carry none.
    // A new language reloads the page, so it is set once the link holds the rest.
    const setLang = () => {
      if (state.lang) this.store.setPage('lang', state.lang);
    };
    if (!exp) {
      setLang();
      this.showErrors(all, null);
      this.#done(all);
      return;
    }
    const explicit = config.size > 0 || Boolean(state.preset);
    if (explicit) {
      const checked = await validateConfig(this.store.client, exp, config);
      all.push(...checked.errors);
      const refused = await this.store.update(exp, checked.query, { source: 'link' });
      all.push(...refused);
    }
    const view = state.view ?? (explicit ? experiment(exp).views[0] : this.store.entry(exp).view);
    this.store.setView(exp, view);
    this.store.activate(exp);
    setLang();
    this.showErrors(all, exp);
    const section = this.sections.get(exp);
    if (this.scroll && section) keepAtTop(section);
    const instance = await this.start(exp);
    // the experiment filled its section (and the ones near it theirs): back to its top
    if (this.scroll && section) keepAtTop(section);
    // not awaited: a view may start a sweep, and the next link must not wait for it
    if (view !== experiment(exp).views[0] || explicit) Promise.resolve(instance?.showView?.(view)).catch(() => {});
    this.#done(all);
  }

  #done(errors) {
    this.lastErrors = errors;
    this.applied += 1;
    document.body.dataset.linkApplied = String(this.applied); // for tests: one more link applied
    for (const fn of this.listeners) fn(errors);
  }

  /**
   * Lists errors in the banner ([] hides it), placed at the top of experiment `exp`'s
   * section (or of the page); each item names its key (data-key). It stays until its
   * Dismiss button is pressed or another link is applied.
   */
  showErrors(errors, exp = null) {
    const banner = this.banner;
    banner.textContent = '';
    banner.hidden = errors.length === 0;
    banner.dataset.keys = errors.map((e) => e.key).join(' ');
    if (!errors.length) return;
    const section = exp ? this.sections.get(exp) : null;
    // after the heading (in an embed, after the bar that holds it)
    const heading = section?.querySelector('h2');
    if (heading) (heading.closest('.embed-bar') ?? heading).after(banner);
    else this.home.prepend(banner);
    banner.dataset.at = section ? exp : '';
    banner.append(
      el('strong', { text: t('site.badLink') }),
      el('ul', {}, errors.map((e) => el('li', { dataset: { key: e.key }, text: describeError(e) }))),
      button(t('site.dismiss'), () => {
        banner.hidden = true;
      }, { name: 'dismiss-banner' }),
    );
  }
}
