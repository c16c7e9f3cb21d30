// presets.js: named states, one for every figure the lesson talks about. A preset is
// an experiment, the config keys that differ from that experiment's default, and a
// view. `#preset=keras-stuck` resolves to its full state and the page then rewrites
// the URL to the explicit keys (v, exp, view, config), so a shared link keeps working
// even if a preset is later changed. Keys given next to a preset override it:
// `#preset=adder-fails&seed=5`. docs/PRESETS.md lists them (keep the two in step; a
// browser test checks that every preset here is listed there and loads cleanly).
// Plain data: no imports, so state.js can import it without a cycle.

export const PRESETS = [
  { name: 'dead-unit', exp: 'dead', config: '', view: 'live', shows: 'A single unit z = w·x + b over a small data set; drag b down until it fires on no point.' },
  { name: 'keras-stuck', exp: 'single', config: 'weights=-10', view: 'live', shows: 'One ReLU learning a ReLU from w0 = -10: w crawls to 0 and stays just below it; the loss flattens at 0.5.' },
  { name: 'keras-learns', exp: 'single', config: 'weights=0.5', view: 'live', shows: 'The same unit from w0 = 0.5: w reaches 1 and the loss falls by orders of magnitude.' },
  { name: 'keras-big-step', exp: 'single', config: 'weights=-10&lr=1', view: 'live', shows: 'Learning rate 1 from w0 = -10: one step lands on w = 0 and the unit is stuck there.' },
  { name: 'landscape-basin', exp: 'landscape', config: 'weights=0.5,0', view: 'wb', shows: 'The loss of relu(w·x + b) over (w, b) and the basin map: which starts reach the minimum, which die.' },
  { name: 'landscape-wedge', exp: 'landscape', config: 'weights=0.3,-2.5', view: 'wb', shows: 'A start in the grey wedge (w, b) = (0.3, -2.5): the unit misses every point, so the path cannot move.' },
  { name: 'landscape-4param', exp: 'landscape', config: 'layers=1&out=linear&weights=0.5,0,1,0', view: 'vc', shows: 'v·relu(w·x + b) + c: the landscape of the output weight and bias (v, c) as a 2-D slice.' },
  { name: 'adder-learns', exp: 'adder', config: 'seed=1', view: 'live', shows: 'The 2-4-4-1 ReLU adder, seed 1: it learns the sum almost exactly.' },
  { name: 'adder-fails', exp: 'adder', config: 'seed=3', view: 'live', shows: 'The same adder, seed 3: the output unit dies and the loss stays at 0.6.' },
  { name: 'adder-sweep', exp: 'adder', config: '', view: 'sweep', shows: 'A sweep over 200 seeds: about half fail, nearly all with a dead output unit.' },
  { name: 'adder-compare', exp: 'adder', config: '', view: 'compare', shows: 'The failure rate with other activations and optimizers (linear output, leaky ReLU, ELU, tanh, sigmoid, momentum, Adam).' },
  { name: 'modulus-3', exp: 'modulus', config: 'layers=3&seed=1', view: 'live', shows: '|x + iy| with three ReLUs, seed 1: three folds approximate the cone.' },
  { name: 'modulus-dead', exp: 'modulus', config: 'layers=3&seed=7', view: 'live', shows: 'Seed 7: two of the three units die and the output has a single fold.' },
  { name: 'modulus-sweep', exp: 'modulus', config: '', view: 'sweep', shows: 'The success rate as the hidden width grows from 1 to 8.' },
  { name: 'cs231n-high-lr', exp: 'cs231n', config: 'lr=5', view: 'live', shows: 'The CS231n spiral at step size 5: nearly every hidden unit dies.' },
  { name: 'cs231n-ok', exp: 'cs231n', config: 'lr=1', view: 'live', shows: 'The spiral at step size 1: a few units die, the rest fit the data.' },
  { name: 'cs231n-sweep', exp: 'cs231n', config: '', view: 'sweep', shows: 'The dead fraction against the step size, from 0.1 to 10.' },
  { name: 'born-dead-deep', exp: 'borndead', config: 'layers=2,2,2,2,2,2,2,2', view: 'live', shows: 'Width-2 nets of depth 1 to 8: the share dead at birth against the closed form, He vs RAI.' },
  { name: 'born-dead-wide', exp: 'borndead', config: 'layers=8,8,8,8,8,8,8,8', view: 'live', shows: 'The same at width 8: the problem fades for wider layers.' },
  { name: 'init-small', exp: 'init', config: 'init=normal&sigma=0.1', view: 'live', shows: 'N(0, 0.10²) weights in a 5-layer, 100-unit ReLU MLP: activations shrink layer after layer.' },
  { name: 'init-he', exp: 'init', config: 'init=normal&sigma=0.14', view: 'live', shows: 'σ = 0.14 ≈ √(2/100), He initialization: the activation scale holds steady.' },
  { name: 'init-large', exp: 'init', config: 'init=normal&sigma=0.28', view: 'live', shows: 'σ = 0.28: activations grow layer after layer.' },
  { name: 'remedies-spiral', exp: 'remedies', config: '', view: 'live', shows: 'Remedies side by side on the spiral at step size 5, same seed: ReLU, leaky ReLU, lower rate, reviving.' },
  { name: 'remedies-adder', exp: 'remedies', config: 'task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000&seed=3&lr=0.01&loss=mse&l2=0&sigma=1', view: 'live', shows: 'The same remedies on the adder, seed 3 (a seed whose plain ReLU run dies).' },
  { name: 'lab-circle', exp: 'lab', config: '', view: 'live', shows: 'The free lab: two circles, an 8-8 ReLU net, every diagnostic on.' },
  { name: 'lab-xor', exp: 'lab', config: 'task=xor&layers=4&lr=0.1&steps=3000', view: 'live', shows: 'The free lab on XOR with four hidden units.' },
];

/** The preset called `name`, or null (names are compared exactly). */
export function presetByName(name) {
  return PRESETS.find((p) => p.name === name) ?? null;
}
