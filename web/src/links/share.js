// share.js: the Share, Embed and Command buttons of an experiment. Share copies a link
// to the exact state (navigator.clipboard where allowed; otherwise, and always, the link
// is shown selected in a read-only field). Embed shows an iframe snippet of the same
// state (embed-snippet.js). Command shows the relulab command lines that reproduce the
// run or sweep natively. Links are built from the validated state only, and the snippet
// is escaped for an HTML attribute, whatever the link held.
import { el } from '../ui/dom.js';
import { button } from '../ui/controls.js';
import { t } from '../i18n/index.js';
import { fragmentOf } from './link.js';
import { embedPanel } from './embed-snippet.js';
import './links.css';

/** The page's address without query and fragment (where the site is published). */
function pageBase() {
  return `${location.origin}${location.pathname}`;
}

/** An absolute link to state {exp, config, view, lang}. */
export function shareUrl(state) {
  const search = new URLSearchParams(location.search);
  search.delete('embed');
  search.delete('origins');
  const q = search.toString();
  return `${pageBase()}${q ? `?${q}` : ''}#${fragmentOf({ ...state, fromFragment: new Set() }, state.config)}`;
}

async function copy(text) {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The relulab command line of a configuration (`train`), or of a sweep given as {seeds, successLoss}. */
export function commandLine(query, sweep = null) {
  const config = `--config '${String(query).replace(/'/g, "'\\''")}'`;
  if (!sweep) return `relulab train ${config} --json`;
  return `relulab sweep ${config} --seeds ${sweep.seeds} --first-seed ${sweep.firstSeed ?? 1} --success-loss ${sweep.successLoss} --json`;
}

/**
 * A toolbar with Share, Embed and Command for experiment `id`. getState() returns its
 * current explicit state; beforeShare() records it in the URL; command() the relulab
 * command lines that reproduce what the experiment shows (null: it has none). Returns
 * the element.
 */
export function linkTools({ id, title, getState, beforeShare, command = null }) {
  const panel = el('div', { class: 'link-panel', hidden: true, role: 'group' });
  const tools = el('div', { class: 'link-tools' });
  const show = async (kind) => {
    beforeShare?.();
    const state = getState();
    panel.textContent = '';
    panel.hidden = false;
    panel.dataset.kind = kind;
    const fieldId = `${kind}-${id}`;
    const field = kind === 'share'
      ? el('input', { id: fieldId, type: 'text', readonly: true, class: 'link-field', spellcheck: 'false', name: `${kind}-text` })
      : el('textarea', { id: fieldId, readonly: true, class: 'link-field', rows: 4, spellcheck: 'false', name: `${kind}-text` });
    const setText = (text) => {
      field.value = text;
      if (kind === 'command') field.rows = Math.min(8, text.split('\n').length + 1);
    };
    const options = kind === 'embed' ? embedPanel(state, title, setText) : null;
    if (!options) setText(kind === 'share' ? shareUrl(state) : command());
    const status = el('p', { class: 'link-status', role: 'status' });
    const copyNow = async () => {
      const copied = await copy(field.value);
      status.textContent = copied ? t(`${kind}.copied`) : t('share.copyFailed');
      panel.dataset.copied = copied ? '1' : '0';
    };
    panel.append(
      el('label', { for: fieldId, text: t(`${kind}.label`) }),
      ...(options ? [options.element] : []),
      field,
      ...(kind === 'share' ? [] : [el('p', { class: 'hint', text: t(`${kind}.help`) })]),
      status,
      el('div', { class: 'button-row' }, [
        button(t('share.copy'), copyNow, { name: 'copy-link-text' }),
        button(t('share.close'), () => {
          panel.hidden = true;
        }, { name: 'close-link-panel' }),
      ]),
    );
    field.focus();
    field.select();
    await copyNow();
  };
  tools.append(
    button(t('share.button'), () => show('share'), { name: 'share', title: t('share.title') }),
    button(t('embed.button'), () => show('embed'), { name: 'embed', title: t('embed.title') }),
  );
  if (command) tools.append(button(t('command.button'), () => show('command'), { name: 'command', title: t('command.title') }));
  return el('div', { class: 'link-box' }, [tools, panel]);
}
