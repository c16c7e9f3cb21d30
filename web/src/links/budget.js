// budget.js: the page's limits on what one configuration may hold in the engine's
// memory, so that no configuration the page accepts runs a worker out of memory
// (docs/RELIABILITY.md has the measured worst cases). The engine caps one network at
// 2^24 activation values (points x units, wasm/core/config.h): about 620 MB of heap at
// that cap. The experiments of the lesson keep their live runs in one shared worker
// (remedies keeps twelve) and train many networks at once in the pool's lanes, so each
// of their networks is held to SHARED_VALUES; the free lab's run has a worker of its
// own and may use the engine's whole cap. A fresh batch larger than the training set
// counts as the rows it holds. No run keeps more than MAX_RECORDS trace records (the
// page draws and keeps every record). Pure: the store and the link reader use it.
import { parseQuery } from './query.js';
import { num } from '../i18n/index.js';
import { linkError } from './link-errors.js';

export const ENGINE_VALUES = 2 ** 24;
export const SHARED_VALUES = 2 ** 20;
export const MAX_RECORDS = 20_000;

/** The most activation values a network of experiment `exp` may have. */
export const valuesLimit = (exp) => (exp === 'lab' ? ENGINE_VALUES : SHARED_VALUES);

/**
 * What a parsed configuration ({fullQuery, shape} from the engine's parse) holds: rows
 * (points, or a larger fresh batch), units (inputs, hidden, outputs), values (rows x
 * units) and records (trace records over its steps, as session.cpp keeps them).
 */
export function footprint({ fullQuery, shape }) {
  const v = parseQuery(fullQuery);
  const hidden = String(v.get('layers')).split(',').filter(Boolean).reduce((s, u) => s + Number(u), 0);
  const units = shape.inputs + hidden + shape.outputs;
  const batch = Number(v.get('batch'));
  const rows = v.get('fresh') === '1' && batch > shape.points ? batch : shape.points;
  const steps = Number(v.get('steps'));
  const trace = Number(v.get('trace'));
  const every = trace > 0 ? trace : Math.max(1, Math.ceil(steps / 1000));
  const records = Math.floor(steps / every) + 1 + (steps % every ? 1 : 0); // step 0, every `every`, the last
  return { rows, units, values: rows * units, records };
}

// The keys that make a network big and a trace long, in the order a refusal names them.
const SIZE_KEYS = ['layers', 'n', 'batch', 'fresh', 'points', 'task', 'classes', 'dim'];
const TRACE_KEYS = ['trace', 'steps'];

/**
 * The page's errors of a parsed configuration of experiment `exp`: [] when it fits,
 * else one error per limit broken, each naming the first of `keys` (the keys a change
 * gave, in any order) that can make it so.
 */
export function budgetErrors(exp, parsed, keys) {
  const given = new Set(keys);
  const pick = (list) => list.find((k) => given.has(k)) ?? [...given][0] ?? list[0];
  const { rows, units, values, records } = footprint(parsed);
  const errors = [];
  const max = valuesLimit(exp);
  if (values > max) errors.push(linkError(pick(SIZE_KEYS), 'link.overValues', { points: num(rows), units: num(units), values: num(values), max: num(max) }));
  if (records > MAX_RECORDS) errors.push(linkError(pick(TRACE_KEYS), 'link.overRecords', { records: num(records), max: num(MAX_RECORDS) }));
  return errors;
}
