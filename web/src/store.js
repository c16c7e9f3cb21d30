// store.js: the one place the page's state lives. For every experiment it holds the
// configuration as the engine normalized it (`query`, what the engine's parse returns:
// keys at the engine's default left out) with every key's value (`values`, a Map of the
// whole schema, so nobody needs a fallback: the schema is the only source of defaults),
// and the view (which part of the experiment is shown). Page keys: the active
// experiment (the one the link names), the language, and the embedding (fixed at load).
//
// Data flows one way: a control or a followed link asks the store for a change; the
// store has the engine check it, keeps it, writes the link (the only code that writes
// `location`) and tells the experiment, which starts its run. A change the engine
// refuses, or one over the page's memory limits (links/budget.js), changes nothing and
// comes back as errors naming the keys.
import { experiment, EXPERIMENTS } from './experiments/registry.js';
import { fragmentOf, linkConfig, LINK_VERSION } from './links/link.js';
import { mergeQuery, parseQuery } from './links/query.js';
import { budgetErrors } from './links/budget.js';

export class Store {
  /**
   * client: the EngineClient (its parse checks configurations); page: the page keys read
   * from the link {lang, embed, origins, fromFragment}; win: the window whose link is
   * written (history.replaceState, never a new history entry).
   */
  constructor({ client, page = {}, win = globalThis.window }) {
    this.client = client;
    this.win = win;
    this.page = {
      exp: null,
      lang: page.lang ?? null,
      embed: page.embed ?? null,
      origins: page.origins ?? null,
      fromFragment: new Set(page.fromFragment ?? []),
    };
    this.entries = new Map();
    this.listeners = new Map(); // id -> Set of fn(entry, source)
    this.pageListeners = new Set();
    this.queue = Promise.resolve();
  }

  get schema() {
    return this.client.schema;
  }

  /** Reads every experiment's default configuration through the engine (after client.init). */
  async init() {
    for (const spec of EXPERIMENTS) {
      const parsed = await this.client.parse(spec.config);
      if (parsed.errors.length) throw new Error(`the default config of ${spec.id} is refused: ${parsed.errors.map((e) => e.message).join('; ')}`);
      this.entries.set(spec.id, { query: parsed.query, values: parseQuery(parsed.fullQuery), view: spec.views[0] });
    }
  }

  /** Experiment `id`'s state: {query, values, view}. */
  entry(id) {
    return this.entries.get(id);
  }

  /**
   * Changes experiment `id`'s configuration: `change` is an object of keys to set (null
   * removes a key) or a whole query string. Resolves with the errors of a refused change
   * ([] when it was kept). Changes apply one after another, each over the one before.
   */
  update(id, change, { source = 'control', activate = true } = {}) {
    const done = this.queue.then(async () => {
      const entry = this.entries.get(id);
      const next = typeof change === 'string' ? change : mergeQuery(entry.query, change);
      const parsed = await this.client.parse(next);
      if (parsed.errors.length) return parsed.errors;
      const over = budgetErrors(id, parsed, typeof change === 'string' ? parseQuery(change).keys() : Object.keys(change));
      if (over.length) return over;
      this.#commit(id, parsed, { source, activate });
      return [];
    });
    this.queue = done.catch(() => {});
    return done;
  }

  /** Sets the view of experiment `id` (a part of it a link can name). */
  setView(id, view, { activate = true } = {}) {
    const entry = this.entries.get(id);
    if (!entry || !experiment(id).views.includes(view)) return;
    entry.view = view;
    if (activate) this.#activate(id);
    this.#writeLink();
  }

  /** Makes `id` the experiment the link names (a Share button does it before sharing). */
  activate(id) {
    this.#activate(id);
    this.#writeLink();
  }

  /** Sets a page key ('lang' or 'exp') from a followed link or the language menu. */
  setPage(key, value) {
    if (this.page[key] === value) return;
    this.page[key] = value;
    this.#writeLink();
    for (const fn of this.pageListeners) fn(key, value);
  }

  /** fn(entry, source) after every change of experiment `id`'s configuration; returns an unsubscribe. */
  subscribe(id, fn) {
    if (!this.listeners.has(id)) this.listeners.set(id, new Set());
    this.listeners.get(id).add(fn);
    return () => this.listeners.get(id).delete(fn);
  }

  /** fn(key, value) when a page key changes. */
  onPage(fn) {
    this.pageListeners.add(fn);
    return () => this.pageListeners.delete(fn);
  }

  /** The explicit state of experiment `id` for a link: {exp, config, view, lang, embed, origins, fromFragment}. */
  stateOf(id) {
    const entry = this.entries.get(id);
    return {
      v: LINK_VERSION,
      exp: id,
      config: entry ? linkConfig(id, entry.values, this.schema) : '',
      view: entry?.view ?? experiment(id)?.views[0],
      lang: this.page.lang,
      embed: this.page.embed,
      origins: this.page.origins,
      fromFragment: new Set(this.page.fromFragment),
    };
  }

  /** The fragment the link shows now (without '#'). */
  fragment() {
    const exp = this.page.exp;
    if (!exp) return fragmentOf({ ...this.page, view: null }, '');
    const state = this.stateOf(exp);
    return fragmentOf(state, state.config);
  }

  #activate(id) {
    if (this.page.embed && id !== this.page.embed) return;
    if (this.page.exp !== id) {
      this.page.exp = id;
      for (const fn of this.pageListeners) fn('exp', id);
    }
  }

  #commit(id, parsed, { source, activate }) {
    const entry = this.entries.get(id);
    entry.query = parsed.query;
    entry.values = parseQuery(parsed.fullQuery);
    if (activate) this.#activate(id);
    this.#writeLink();
    for (const fn of this.listeners.get(id) ?? []) fn(entry, source);
  }

  #writeLink() {
    const loc = this.win?.location;
    if (!loc || (!this.page.exp && !this.page.lang)) return;
    const hash = `#${this.fragment()}`;
    if (loc.hash !== hash) this.win.history.replaceState(this.win.history.state, '', hash);
  }
}
