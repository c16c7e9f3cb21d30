// binder.js: builds an experiment's controls from its table and the engine's schema, and
// keeps them in step with the store. A table row names a configuration key and how to
// show it:
//   {key, kind: 'slider' | 'select' | 'checkbox' | 'text', label (a locale key),
//    name (the element's name; default: key), min, max, step, log (sliders),
//    options (values a select offers; default: the schema's choices), optionLabel(v),
//    format(v) (a slider's readout), read(values) -> the control's value (default:
//    values.get(key)), write(value, values) -> the change to ask for (an object of keys,
//    or a whole query string; default: {[key]: value}), enabled(values) -> bool}
// or a view: {view: true, kind: 'select', label, name, options, optionLabel,
// enabled(values, view)}. The schema checks the table: a key it does not know, or a
// select option it would refuse (for a select of the key's own values), is an error
// when the controls are built.
import { el } from './dom.js';
import { slider, select, checkbox, textInput } from './controls.js';
import { t } from '../i18n/index.js';

/**
 * The controls of `table` in a `.controls` element. get() -> {values, view} of the store;
 * update(change) -> Promise of the errors of a refused change; setView(view).
 * Returns {element, sync(), controls: Map name -> control}.
 */
export function bindControls(table, { schema, get, update, setView }) {
  const byName = new Map(schema.map((k) => [k.name, k]));
  const element = el('div', { class: 'controls' });
  const controls = new Map();
  const rows = [];
  for (const row of table) {
    const spec = row.view ? null : byName.get(row.key);
    if (!row.view && !spec) throw new Error(`controls: '${row.key}' is not a key of the engine's schema`);
    const name = row.name ?? row.key ?? 'view';
    const read = row.view ? () => get().view : (row.read ?? ((values) => values.get(row.key)));
    const write = row.write ?? ((value) => ({ [row.key]: value }));
    const problem = el('p', { class: 'control-error', role: 'alert', hidden: true });
    const onChange = async (value) => {
      problem.hidden = true;
      if (row.view) {
        setView(value);
        return;
      }
      const errors = await update(write(value, get().values));
      if (errors.length) {
        problem.textContent = errors.map((e) => e.message).join('; ');
        problem.hidden = false;
        sync(); // back to what the store holds
      }
    };
    const label = t(row.label);
    let control;
    if (row.kind === 'slider') {
      control = slider({ label, name, min: row.min, max: row.max, step: row.step ?? 'any', log: row.log ?? false, value: Number(read(get().values)), format: row.format, onChange });
    } else if (row.kind === 'select') {
      const options = (row.options ?? spec.choices).map(String);
      const direct = spec?.type === 'choice' && !row.read && !row.write; // options are the key's own values
      if (direct) for (const o of options) if (!spec.choices.includes(o)) throw new Error(`controls: '${o}' is not a choice of '${row.key}'`);
      const labels = options.map((v) => (row.optionLabel ? row.optionLabel(v) : v));
      control = select({ label, name, options: options.map((v, k) => ({ value: v, label: labels[k] })), value: String(read(get().values)), onChange });
      // a menu of long words takes a whole row where the controls stand two by two (a phone)
      if (Math.max(...labels.map((l) => l.length)) > 14) control.element.classList.add('wide');
      control.offered = options;
      control.optionLabel = row.optionLabel;
    } else if (row.kind === 'checkbox') {
      control = checkbox({ label, name, checked: read(get().values) === '1', onChange: (on) => onChange(on ? '1' : '0') });
    } else {
      control = textInput({ label, name, value: String(read(get().values)), onChange });
    }
    if (spec?.doc) control.input.title = t('lab.keyHint', { name: spec.name, default: spec.default === '' ? '—' : spec.default });
    control.element.append(problem);
    controls.set(name, control);
    rows.push({ row, control, read });
    element.append(control.element);
  }

  /** Sets every control to what the store holds now. */
  function sync() {
    const { values, view } = get();
    for (const { row, control, read } of rows) {
      const value = read(values);
      if (row.kind === 'select') showOption(control, String(value));
      else if (row.kind === 'checkbox') control.value = value === '1';
      else if (row.kind === 'slider') control.value = Number(value);
      else control.value = String(value);
      if (row.enabled) control.input.disabled = !row.enabled(values, view);
    }
  }
  sync();
  return { element, sync, controls };
}

/** Selects `value`; a value the select does not offer (a link may set any) is added, so the control shows what runs. */
function showOption(control, value) {
  const sel = control.input;
  if (![...sel.options].some((o) => o.value === value)) {
    sel.append(el('option', { value, text: control.optionLabel ? control.optionLabel(value) : value, dataset: { extra: '1' } }));
  }
  for (const o of [...sel.options]) if (o.dataset.extra && o.value !== value) o.remove();
  control.value = value;
}
