// embed.js: an example course page that embeds one Dying ReLU Lab experiment and
// drives it through postMessage (docs/EMBEDDING.md). Copy it as a starting point.
//   embed.html?lab=https://lab.example/relu/&exp=adder&preset=adder-fails[&origins=...]
// lab: where the lab is published (default: the folder above this page, as in the
// built site); exp: the experiment to embed; preset: the preset loaded first.
// The iframe URL names this page's origin in ?origins=, so only this page may command
// the experiment and its events come only here.

const params = new URLSearchParams(location.search);

/** The lab's address: an http(s) URL from ?lab=, else the folder above this page. */
function labBase() {
  const given = params.get('lab');
  if (given) {
    try {
      const url = new URL(given, location.href);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url;
    } catch {
      // fall through to the default
    }
  }
  return new URL('../', location.href);
}

const PRESETS = {
  adder: ['adder-fails', 'adder-learns'],
  single: ['keras-stuck', 'keras-learns', 'keras-big-step'],
  cs231n: ['cs231n-high-lr', 'cs231n-ok'],
  modulus: ['modulus-3', 'modulus-dead'],
  lab: ['lab-circle', 'lab-xor'],
};
const exp = Object.hasOwn(PRESETS, params.get('exp')) ? params.get('exp') : 'adder';
const firstPreset = PRESETS[exp].includes(params.get('preset')) ? params.get('preset') : PRESETS[exp][0];

const lab = labBase();
const src = new URL('index.html', lab);
src.searchParams.set('embed', exp);
// ?origins= on this page overrides the origin allowed to command (to try a refusal);
// ?origins=* leaves it out, so any embedding page may command (the default of the lab)
const origins = params.get('origins') ?? location.origin;
if (origins !== '*') src.searchParams.set('origins', origins);
src.hash = `preset=${firstPreset}`;

const frame = document.createElement('iframe');
frame.src = src.href;
frame.title = `Dying ReLU Lab: ${exp}`;
frame.height = '760';
frame.loading = 'eager';
frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
document.getElementById('frame-slot').append(frame);

const select = document.getElementById('preset');
for (const name of PRESETS[exp]) select.append(new Option(name, name, name === firstPreset, name === firstPreset));

/** Every event received, for the page and for tests (window.embedExample.events). */
const events = [];
const log = document.getElementById('log');
const out = (id, text) => {
  document.getElementById(id).textContent = text;
};

window.addEventListener('message', (event) => {
  // only the lab's frame, only its origin, only its events
  if (event.source !== frame.contentWindow || event.origin !== lab.origin) return;
  const data = event.data;
  if (!data || data.source !== 'relulab' || typeof data.type !== 'string') return;
  events.push(data);
  const item = document.createElement('li');
  item.dataset.type = data.type;
  item.textContent = `${data.type} ${JSON.stringify(data).slice(0, 240)}`;
  log.prepend(item);
  while (log.children.length > 200) log.lastChild.remove();
  if (data.type === 'progress') {
    out('out-step', `${data.step} / ${data.steps}`);
    out('out-loss', data.loss === null ? '—' : Number(data.loss).toExponential(3));
    out('out-state', data.done ? 'finished' : data.state);
  } else if (data.type === 'dead') {
    out('out-dead', data.layers.filter((l) => !l.output).map((l) => `${l.dead}/${l.units}`).join(' · ') + (data.layers.at(-1)?.dead ? ' (output dead)' : ''));
  } else if (data.type === 'finished') out('out-state', 'finished');
  else if (data.type === 'ready') out('out-state', 'ready');
  else if (data.type === 'resize' && Number.isFinite(data.height)) frame.height = String(Math.min(4000, Math.max(300, data.height)));
  else if (data.type === 'error') out('out-state', `error: ${data.message}`);
});

const send = (message) => frame.contentWindow.postMessage(message, lab.origin);
document.getElementById('load').addEventListener('click', () => send({ type: 'load', preset: select.value, id: 'load' }));
document.getElementById('play').addEventListener('click', () => send({ type: 'play' }));
document.getElementById('pause').addEventListener('click', () => send({ type: 'pause' }));
document.getElementById('step').addEventListener('click', () => send({ type: 'step', n: 100 }));
document.getElementById('reset').addEventListener('click', () => send({ type: 'reset' }));
document.getElementById('bad').addEventListener('click', () => send({ type: 'step', n: 'lots' }));

window.embedExample = { events, send, frame, lab: lab.href };
