// presets.js: named states, one for every figure the lesson talks about, each with what
// it shows and what its runs must show. A preset is an experiment, the config keys that
// differ from that experiment's default, a view, a sentence (`shows`), and
// expectations (`expect`): for each number the experiment's measure computes from the
// real engine (experiments/compute/measures.js), the interval it must fall in. The
// lesson's texts state outcomes only through these: `{@preset.measure}` in a locale
// table is replaced by the expectation's `say` (a value inside its interval, formatted
// `as` a number, a percentage or in scientific notation), so every language says the
// same checked number; `backs` lists the texts whose statements the preset's runs back.
// tests/js/presets.test.mjs runs every preset on the engine and checks each interval.
//
// `#preset=keras-stuck` resolves to its full state and the page then rewrites the URL
// to the explicit keys (v, exp, view, config), so a shared link keeps working even if a
// preset is later changed. Keys given next to a preset override it:
// `#preset=adder-fails&seed=5`. docs/PRESETS.md is made from this table
// (scripts/presets-doc.mjs); a test checks that it is up to date.
// The table is plain data in two files (the questions', the causes' and remedies'),
// imported by nothing but this, so the link reader can import it without a cycle.

import { QUESTION_PRESETS } from './presets-questions.js';
import { CAUSE_PRESETS } from './presets-causes.js';

export const PRESETS = [...QUESTION_PRESETS, ...CAUSE_PRESETS];

/** The preset called `name`, or null (names are compared exactly). */
export function presetByName(name) {
  return PRESETS.find((p) => p.name === name) ?? null;
}
