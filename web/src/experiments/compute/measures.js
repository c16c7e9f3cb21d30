// measures.js: every experiment's measure: (client, query, view, values) -> the numbers
// its presets' expectations check (links/presets.js), computed by the same code the
// page runs. DOM-free: the Node tests run them on the real engine.
import * as deadUnit from './dead-unit.js';
import * as single from './single.js';
import * as landscape from './landscape.js';
import * as adder from './adder.js';
import * as modulus from './modulus.js';
import * as cs231n from './cs231n.js';
import * as bornDead from './born-dead.js';
import * as init from './init.js';
import * as remedies from './remedies.js';
import * as lab from './lab.js';

export const MEASURES = {
  dead: async () => deadUnit.measure(),
  single: single.measure,
  landscape: landscape.measure,
  adder: adder.measure,
  modulus: modulus.measure,
  cs231n: cs231n.measure,
  borndead: bornDead.measure,
  init: init.measure,
  remedies: remedies.measure,
  lab: lab.measure,
};
