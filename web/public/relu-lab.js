// relu-lab.js: one optional script tag for pages that embed Dying ReLU Lab.
//   <script src="https://your.site/relu-lab/relu-lab.js" async></script>
// 1. Sizes every iframe of the lab on the page to its content: the lab announces its
//    height whenever it changes ({source: 'relulab', type: 'resize', height}); this
//    script sets the height of the iframe that sent it. Only messages from the lab's own
//    origin (where this script was loaded from) are read.
// 2. Defines <relu-lab experiment="adder" preset="adder-sweep" lang="fr"></relu-lab>:
//    an iframe of the lab in the element's shadow root (so the page's CSS cannot reach
//    it, and the lab's own CSP and workers stay in its own document), sized to its
//    content and following its attributes: experiment, preset or config (a query
//    string), view, lang, lesson ("1": the lesson text one click away), origins.
// Plain JavaScript, no imports: it runs wherever the page allows a script tag.
(() => {
  if (window.customElements?.get('relu-lab')) return; // loaded twice
  const script = document.currentScript;
  const base = new URL('./', script?.src ?? location.href);
  const MIN = 320;
  const MAX = 6000;

  /** The lab's iframes on the page, and inside every <relu-lab>. */
  const frames = () => [...document.querySelectorAll('iframe'), ...[...document.querySelectorAll('relu-lab')].flatMap((el) => (el.frame ? [el.frame] : []))];

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.origin !== base.origin || !data || data.source !== 'relulab' || data.type !== 'resize') return;
    const height = Number(data.height);
    if (!Number.isFinite(height)) return;
    for (const frame of frames()) {
      if (frame.contentWindow === event.source) frame.style.height = `${Math.round(Math.min(MAX, Math.max(MIN, height)))}px`;
    }
  });

  /** The lab's URL for an element's attributes. */
  function srcOf(el) {
    const url = new URL('index.html', base);
    url.searchParams.set('embed', el.getAttribute('experiment') || 'adder');
    if (el.getAttribute('lesson') === '1') url.searchParams.set('lesson', '1');
    if (el.getAttribute('origins')) url.searchParams.set('origins', el.getAttribute('origins'));
    const hash = new URLSearchParams();
    if (el.getAttribute('preset')) hash.set('preset', el.getAttribute('preset'));
    for (const name of ['view', 'lang']) if (el.getAttribute(name)) hash.set(name, el.getAttribute(name));
    const config = el.getAttribute('config');
    url.hash = [hash.toString(), config].filter(Boolean).join('&');
    return url.href;
  }

  class ReluLab extends HTMLElement {
    static get observedAttributes() {
      return ['experiment', 'preset', 'config', 'view', 'lang', 'lesson', 'origins'];
    }
    connectedCallback() {
      if (this.frame) return;
      const root = this.attachShadow({ mode: 'open' });
      // styles set through the CSSOM: a page whose CSP refuses inline styles allows these
      this.style.display = 'block';
      this.frame = document.createElement('iframe');
      Object.assign(this.frame.style, { display: 'block', width: '100%', border: '0', height: `${MIN + 200}px` });
      this.frame.title = this.getAttribute('title') || 'Dying ReLU Lab';
      this.frame.loading = 'lazy';
      this.frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
      this.frame.src = srcOf(this);
      root.append(this.frame);
    }
    attributeChangedCallback() {
      if (!this.frame) return;
      const src = srcOf(this);
      if (this.frame.src !== src) this.frame.src = src;
    }
  }
  customElements.define('relu-lab', ReluLab);
})();
