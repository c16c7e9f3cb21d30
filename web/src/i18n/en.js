// en.js: every user-facing English string of the page, as a flat key -> string table.
// Placeholders are {name}; lesson text uses a small markup (see i18n/index.js):
// blank lines between paragraphs, "- " bullets, [text](https://...), **bold**, *em*, `code`.
// Other locales (issue 6) copy these keys.
export default {
  'site.title': 'Dying ReLU Lab',
  'site.tagline': 'Why ReLU units die, and what to do about it: an explanation beside experiments you can drive. Everything runs in your browser.',
  'site.contents': 'Contents',
  'site.engineFailed': 'The training engine could not start: {message}',
  'site.badLink': 'Part of this link was not used:',
  'site.unknownExperiment': 'exp: there is no experiment called “{name}”',
  'site.footer': 'Dying ReLU Lab trains every network shown here in your browser (WebAssembly in Web Workers). The lesson paraphrases its sources in its own words; see the references.',

  'common.lookFor': 'What to look for',
  'common.experimentOf': 'Experiment: {title}',
  'common.error': 'Something went wrong: {message}',
  'common.nan': 'NaN',
  'common.step': 'step',
  'common.steps': 'Steps',
  'common.loss': 'loss',
  'common.accuracy': 'accuracy',
  'common.lr': 'Learning rate',
  'common.seed': 'Seed',
  'common.optimizer': 'Optimizer',
  'common.diverged': 'diverged',

  'run.group': 'Run controls',
  'run.play': 'Play',
  'run.pause': 'Pause',
  'run.step': 'Step',
  'run.reset': 'Reset',
  'run.speed': 'Speed',
  'run.speedValue': '{n} steps/frame',

  'sweep.run': 'Run sweep',
  'sweep.cancel': 'Cancel',
  'sweep.progress': 'Progress of the sweep',
  'sweep.running': 'Running…',
  'sweep.progressText': '{done} of {total} jobs done',
  'sweep.cancelled': 'Cancelled.',
  'sweep.done': '{n} seeds in {seconds} s.',
  'sweep.finished': 'Done.',
  'sweep.seeds': 'Seeds',
  'sweep.finalLoss': 'final loss (log scale)',
  'sweep.summary': '{failed} of {total} runs failed ({rate}).',
  'sweep.reason': '{n} {reason}',
  'sweep.reasons': 'Why: {list}.',

  'failure.none': 'reached the target',
  'failure.output_dead': 'with a dead output unit',
  'failure.layer_dead': 'with a whole hidden layer dead',
  'failure.stuck': 'stuck with units alive',
  'failure.diverged': 'diverged',

  'act.relu': 'ReLU',
  'act.leaky': 'leaky ReLU',
  'act.elu': 'ELU',
  'act.selu': 'SELU',
  'act.tanh': 'tanh',
  'act.sigmoid': 'sigmoid',
  'act.linear': 'linear (none)',
  'opt.sgd': 'SGD',
  'opt.momentum': 'SGD + momentum 0.9',
  'opt.adam': 'Adam',

  'net.label': 'Network diagram',
  'net.summary': 'Network diagram: {live} live, {dormant} dormant, {dead} dead and {nan} diverged units',
  'net.live': 'live',
  'net.dormant': 'dormant',
  'net.dead': 'dead',
  'net.nan': 'NaN',
  'bars.label': 'Firing rate of every hidden unit',
  'bars.layer': 'layer {n}',
  'bars.axis': 'share of training points on which each unit fires',
  'hist.label': 'Histograms of pre-activations z per layer',

  'view.map': 'Decision map with each hidden unit’s line w·x + b = 0 (shaded: the side where it fires)',
  'view.mapLabel': 'Decision map of the network over the input plane',
  'view.network': 'Network (dead units crossed out)',
  'view.loss': 'Loss (log scale)',
  'view.dead': 'Dead fraction per hidden layer',
  'view.deadAxis': 'dead fraction',
  'view.accuracy': 'Training accuracy',
  'view.bars': 'Firing rates (grey crosses: dead units)',
  'view.hist': 'Pre-activations z per layer; dashed line: z = 0 (grey bars never pass the ReLU)',
  'view.layerN': 'layer {n}',

  // ---- 0: what a dead unit is ----
  'dead.title': 'What a dead unit is',
  'dead.short': 'Dead units',
  'dead.lesson': `A ReLU unit computes a weighted sum of its inputs plus a bias, z = w·x + b, and passes on max(0, z). When z is positive the unit is *active* and the gradient flows through it with slope 1. When z is zero or negative the output is 0 and so is the slope.

Now suppose that, for **every** example in the training set, z ends up at or below zero. Then the unit outputs 0 everywhere, and the gradient with respect to its weights and bias is 0 everywhere. Gradient descent has nothing to push on, so the unit stays exactly where it is: it is **dead**. This is the definition the [Stanford CS231n notes](https://cs231n.github.io/neural-networks-1/) use, and the one this lab uses throughout: a unit that never fires on any training point.

Two milder cases matter too. A **dormant** unit fires on a few points (here: fewer than 1%), so it still learns, slowly. A **diverged** unit holds NaN: the run blew up, which is a different failure and is drawn differently.`,
  'dead.lookFor': `Drag the bias down. When the last point turns grey the unit is dead: nothing on this data set can reach it. Note that the weights did not have to become zero; the unit died because of *where* its line sits relative to the data.`,
  'dead.x': 'input x',
  'dead.z': 'z = w·x + b',
  'dead.plotLabel': 'The pre-activation z = w x + b (dashed) and relu(z) (solid) over the inputs; points where z > 0 are blue circles, others grey squares',
  'dead.w': 'Weight w',
  'dead.b': 'Bias b',
  'dead.fires': 'fires on',
  'dead.firesValue': '{k} of {n} points',
  'dead.state': 'unit is',
  'dead.live': 'live',
  'dead.dormant': 'dormant (fires on few points)',
  'dead.dead': 'dead (fires on no point)',
  'dead.legendLine': 'dashed blue: z = w·x + b',
  'dead.legendRelu': 'solid orange: relu(z), what the unit passes on',
  'dead.legendPoints': 'blue circles: points where the unit fires; grey squares: points where it does not',

  // ---- 1: one ReLU learning a ReLU ----
  'single.title': '1 · One ReLU learning a ReLU',
  'single.short': 'One ReLU',
  'single.lesson': `A question asked about Keras: a single unit y = relu(w·x) with no bias should learn the target relu(x), which it can do exactly with w = 1. The setup is as plain as it gets: x drawn from a standard normal, 1000 fresh points per step, mean squared error, plain SGD with learning rate 0.01, 2000 steps (20 epochs of 100). Starting from w = −10 the loss drops a little, then **stops at 0.5** and never improves.

This unit is not dead at the start: with w < 0 it fires on every negative x, but with the wrong sign. The gradient there is exactly w, so each step multiplies w by (1 − η). The weight crawls towards 0 from below and gets ever slower. It never crosses: at w = 0 the gradient from the left side is 0, and on the way it only ever shrinks. The unit ends *almost* dead, firing on half the data with a weight of about −2·10⁻⁸.

Start at any positive w instead and the same update pulls w to 1 in a few hundred steps. Half of all random initialisations of a 1×1 Dense layer start at w < 0, so half of all seeds of this tiny model fail.`,
  'single.lookFor': `Press Play with w₀ = −10: the loss curve flattens at 0.5 and w approaches 0 but stays negative (the readout shows its sign). Set w₀ to 0.5 and reset: w goes to 1 and the loss falls by orders of magnitude. Try learning rate 1: from any negative start one step lands on w ≈ 0, where the unit is truly dead.`,
  'single.w0': 'Initial weight w₀',
  'single.w': 'w',
  'single.lossChart': 'Loss (log scale) over steps',
  'single.wChart': 'Weight w over steps',
  'single.curveChart': 'Population loss L(w); grey square: start, orange dot: now',

  // ---- 2: landscape ----
  'landscape.title': '2 · Add a bias: the loss landscape',
  'landscape.short': 'Landscape',
  'landscape.lesson': `Give the unit a bias, relu(w·x + b), and the loss becomes a surface over two parameters. The map shows it: colour is the loss on a log scale (dark is low), with contour lines. The minimum sits at (w, b) = (1, 0).

Two kinds of region trap gradient descent. Where b is very negative compared with w, the line w·x + b is below zero for every training point: the unit is dead, the surface is **perfectly flat** (the loss is the same constant everywhere there) and the gradient is exactly zero. Where w is negative the unit fires only for negative x, with the wrong slope, and training settles on a poor compromise.

Click anywhere on either map to start a run from that point and watch its path. The basin map on the right trains from every point of a 32 × 32 grid and colours each start by where it ended.

The second model, v·relu(w·x + b) + c, adds an output weight and bias: four parameters, shown as 2-D slices with the other two held at their starting values.`,
  'landscape.lookFor': `Start a run in the grey wedge (say w = 0.3, b = −2.5): the path does not move at all, because the line w·x + b misses every training point and the loss there is one constant. Start just outside the wedge and it escapes. The orange regions are not dead: in the lower right the unit fires on only a few large inputs and learns slowly; on the left it fires with the wrong slope and settles on a poor compromise.`,
  'land.model': 'Model',
  'land.modelOne': 'relu(w·x + b)',
  'land.modelTwo': 'v·relu(w·x + b) + c',
  'land.slice': 'Slice',
  'land.slice.wb': '(w, b)',
  'land.slice.vc': '(v, c)',
  'land.slice.wv': '(w, v)',
  'land.lossMap': 'Loss over the slice (log colour scale, contours)',
  'land.lossMapLabel': 'Heatmap of the loss; click or press Enter to start a run from a point, arrow keys move the cursor',
  'land.basinMap': 'Basin map: where training from each start ends',
  'land.basinMapLabel': 'Basin map: each start point coloured by where training ends; click to start a run',
  'land.lossLegend': 'loss',
  'land.clickHint': 'Click a point (or focus the map, move with the arrow keys and press Enter) to train from there.',
  'land.basin.reached': 'reached the minimum',
  'land.basin.dead': 'stuck with a dead unit',
  'land.basin.stuck': 'stuck elsewhere',
  'land.basin.diverged': 'diverged',
  'land.basinButton': 'Recompute basin map',
  'land.basinDone': 'Basin map of {n} starts done.',
  'land.basinResult': 'Of all starts on the grid: {reached} reached the minimum, {dead} got stuck with a dead unit, {stuck} got stuck elsewhere, {diverged} diverged.',
  'land.start': 'start',
  'land.end': 'now',
  'land.state': 'unit',
  'land.unitDead': 'dead',
  'land.finished': 'alive, finished',
  'land.running': 'alive',

  // ---- 3: adder ----
  'adder.title': '3 · A network that adds two numbers fails half the time',
  'adder.short': 'Adder',
  'adder.lesson': `Another question: a 2-4-4-1 network should learn to add two numbers from six examples. Every layer, the output included, uses ReLU; weights and biases are drawn from a standard normal; training is per-sample SGD at 0.01 for 5000 epochs. Sometimes the network learns the sum almost exactly; sometimes it outputs the same constant for every input. Which one you get depends only on the random seed.

The live run shows why. Dead units are crossed out in the diagram. When the **output** unit is dead, the network's answer is 0 for every input and no gradient reaches any weight: the whole network is frozen. A hidden layer in which every unit is dead does the same. With six training points and N(0, 1) biases, it is easy for a unit to start, or land after one large step, below zero on all six.

The sweep trains many seeds and classifies each failure. Then it answers the usual advice with data: swap the activation, drop the ReLU on the output, or add momentum.`,
  'adder.lookFor': `Run the sweep: about half the seeds fail, and almost every failure has a dead output unit. Compare activations: a linear output or a smooth activation removes most failures. Momentum does not help here; in our runs it made things worse, because larger steps kill units faster.`,
  'adder.act': 'Hidden activation',
  'adder.out': 'Output activation',
  'adder.liveTitle': 'One run, live',
  'adder.deadUnits': 'dead units per layer',
  'adder.verdict': 'verdict',
  'adder.verdict.solved': 'learned the sum',
  'adder.verdict.outputDead': 'output unit dead: frozen',
  'adder.verdict.failed': 'finished without learning',
  'adder.verdict.training': 'training',
  'adder.verdict.diverged': 'diverged',
  'adder.sweepTitle': 'Many seeds',
  'adder.sweepChart': 'Final loss of every seed, by outcome',
  'adder.compare': 'Compare activations and optimizers',
  'adder.compareCaption': 'Failure rates over {n} seeds, same seeds for every variant',
  'adder.compareDone': 'Comparison done.',
  'adder.variant': 'variant',
  'adder.failed': 'failed',
  'adder.outputDeadCol': 'dead output',
  'adder.variant.relu': 'ReLU everywhere (the question)',
  'adder.variant.reluLinear': 'ReLU hidden, linear output',
  'adder.variant.leaky': 'leaky ReLU everywhere',
  'adder.variant.elu': 'ELU everywhere',
  'adder.variant.tanh': 'tanh hidden, linear output',
  'adder.variant.sigmoid': 'sigmoid hidden, linear output',
  'adder.variant.momentum': 'ReLU everywhere + momentum',
  'adder.variant.adam': 'ReLU everywhere + Adam',

  // ---- 4: modulus ----
  'modulus.title': '4 · |x + iy| with three ReLUs',
  'modulus.short': '|x + iy|',
  'modulus.lesson': `A 2-3-1 network is asked to learn the length of a vector, √(x² + y²), on the square [−1, 1]². The target is a cone. Each hidden unit contributes a "fold": a straight line w·x + b = 0 across the input plane, flat on one side and rising on the other. Three folds can only make a rough pyramid, and only if all three are alive and point in different directions.

The map draws every hidden unit's line over the data, with its active side shaded. Two things go wrong. A unit whose line has moved off the data on the wrong side is **dead**: its fold is gone. Two units can also end up with nearly the same weights: they are **collapsed**, and the network has effectively fewer units than it seems. Both are detected and named below the charts.

Widening the layer gives gradient descent spare folds, so the success rate climbs with width.`,
  'modulus.lookFor': `Compare the output map with the target cone. With a dead or collapsed unit the output has only one or two folds. Run the width sweep: success is a coin flip at width 3 and near certain at 8.`,
  'mod.width': 'Hidden units',
  'mod.output': 'Network output with each unit’s line (shaded: active side)',
  'mod.target': 'Target |x + iy|',
  'mod.legend': 'value',
  'mod.units': 'Hidden units',
  'mod.unit.live': 'Unit {n}: live, fires on {rate} of the points',
  'mod.unit.dormant': 'Unit {n}: dormant, fires on only {rate} of the points',
  'mod.unit.dead': 'Unit {n}: dead, fires on no point',
  'mod.unit.nan': 'Unit {n}: diverged (NaN)',
  'mod.collapsed': 'Units {a} and {b}: collapsed (their weights differ by {d})',
  'mod.sweepTitle': 'Success rate against width',
  'mod.sweepButton': 'Run width sweep',
  'mod.sweepChart': 'Share of seeds that succeed, by hidden width',
  'mod.successRate': 'success rate',
  'mod.deadRate': 'share with a dead unit',
  'mod.sweepResult': 'Success (loss below {loss}) over {seeds} seeds per width: {list}.',

  // ---- 5: CS231n ----
  'cs231n.title': '5 · “As much as 40% of your network can be dead”',
  'cs231n.short': 'CS231n spiral',
  'cs231n.lesson': `The [CS231n notes on activation functions](https://cs231n.github.io/neural-networks-1/) warn that a large gradient can push a ReLU unit's weights to where it never fires again, and that with a learning rate set too high a large share of a network, up to about 40%, may end up dead. Their advice: keep an eye on the fraction of dead units. The notes give no experiment for the figure, so here is one.

The data and the network are those of the notes' own [case study](https://cs231n.github.io/neural-networks-case-study/): three spiral arms of 100 points each, a 2-100-3 network with ReLU hidden units and a softmax output, weights initialised at 0.01·N(0, 1), zero biases, full-batch gradient descent with L2 regularisation 10⁻³. At the notes' step size of 1.0 the network reaches about 98% training accuracy, and about one unit in ten is dead at the end.

The default here is a step size of 5. Watch the dead fraction climb during the first few hundred steps and never come back: once a unit's line has left the data, no later gradient can return it.`,
  'cs231n.lookFor': `At step size 5 nearly every hidden unit dies and accuracy falls towards what a linear model gets. Move the slider to 1 and reset: a few units die, the rest fit the spiral. The sweep plots the dead fraction against the step size; between 2 and 4 it passes through the 40% of the notes.`,
  'cs.lr': 'Step size (learning rate)',
  'cs.deadUnits': 'dead hidden units',
  'cs.deadValue': '{k} of {n} ({p})',
  'cs.sweepTitle': 'Dead fraction against learning rate',
  'cs.sweepButton': 'Run learning-rate sweep',
  'cs.sweepChart': 'Dead fraction and accuracy after 3000 steps (2 seeds per rate)',
  'cs.fraction': 'fraction',
  'cs.deadFraction': 'dead fraction',
  'cs.sweepResult': 'Dead fraction by learning rate: {list}.',

  // ---- 6: born dead ----
  'borndead.title': '6 · Born dead',
  'borndead.short': 'Born dead',
  'borndead.lesson': `A network can be dead before training starts. [Lu, Shin, Su and Karniadakis](https://arxiv.org/abs/1903.06733) showed that deep ReLU networks initialised with symmetric distributions die with a probability that tends to one as depth grows, and faster the narrower they are.

For a bias-free network with H hidden layers of N units and weights drawn symmetrically around zero, each unit is active on a given input with probability ½, independently. A layer with every unit silent happens with probability 2⁻ᴺ, and once one layer is silent, every later one is too. So the chance that the network maps the input to all zeros is 1 − (1 − 2⁻ᴺ)ᴴ.

This experiment draws thousands of fresh He-initialised networks for each depth and counts the dead ones, beside that formula. The same paper proposes *randomized asymmetric initialization* (RAI): draw each unit's weights and bias as usual, then replace one of them at random by a positive draw from a Beta(2, 1) distribution, which makes an all-silent layer much less likely.`,
  'borndead.lookFor': `The measured points sit on the formula's curve. At width 2 and depth 8 about nine networks in ten are dead at birth. RAI stays far below. Widen the layers and the problem fades quickly: it is a problem of deep and *narrow* nets.`,
  'born.width': 'Width N (units per layer)',
  'born.trials': 'Random inits per depth',
  'born.run': 'Draw again',
  'born.chart': 'Probability that a fresh network is dead on an input, by depth',
  'born.depth': 'depth H (hidden layers)',
  'born.pDead': 'P(dead)',
  'born.formula': '1 − (1 − 2⁻ᴺ)ᴴ',
  'born.measuredHe': 'measured, He init',
  'born.measuredRai': 'measured, RAI',
  'born.result': 'Width {width}, depth {depth}: {he} of {trials} He-initialised networks were dead (formula: {exact}); with RAI: {rai}.',

  // ---- 7: init ----
  'init.title': '7 · Initialization: activations layer by layer',
  'init.short': 'Initialization',
  'init.lesson': `How wide the initial weights are decides what the signal looks like deep in the network. The [Intoli article on weight initialization](https://intoli.com/blog/neural-network-initialization/) looks at a 5-layer network with 100 ReLU units per layer and weights from N(0, σ²). For zero-mean inputs to a layer, each ReLU layer multiplies the mean square of the activations by about 100·σ²/2: 0.50 for σ = 0.10, 0.98 for σ = 0.14 and 3.92 for σ = 0.28.

Below 1 the signal shrinks layer after layer until the pre-activations huddle around z = 0, where every small nudge can switch a unit off. Above 1 it grows until steps get large, and large steps are what kill units in training. He initialization, σ = √(2/fan-in) ≈ 0.14 here, is exactly the choice that keeps the factor at 1.

The inputs here are 500 points spread evenly over the square [−1, 1]². The histograms show the pre-activations z of each layer of one fresh network, with the z = 0 line: only the part to its right passes the ReLU. Even at the right scale some units start dead: their line misses all 500 points.`,
  'init.lookFor': `Try the three σ buttons. At 0.10 the histograms narrow layer after layer; at 0.28 they widen. The mean-square chart is a straight line on a log axis, with the slope the formula predicts.`,
  'init.init': 'Initialization',
  'init.normal': 'normal, N(0, σ²)',
  'init.he_normal': 'He normal',
  'init.glorot_normal': 'Glorot normal',
  'init.lecun_normal': 'LeCun normal',
  'init.rai': 'RAI (randomized asymmetric)',
  'init.sigma': 'σ of the weights',
  'init.presets': 'σ presets from the article',
  'init.ratio': 'predicted factor per layer 100σ²/2',
  'init.observed': 'measured factor (16 networks)',
  'init.dead': 'dead units at step 0 (first network)',
  'init.deadValue': '{k} of {n}',
  'init.hist': 'Pre-activations z per layer at step 0; dashed line: z = 0',
  'init.layerTitle': 'layer {n} · {dead} dead',
  'init.msChart': 'Mean square of the activations by layer, averaged over 16 fresh networks (log scale)',
  'init.layer': 'layer',
  'init.ms': 'mean square',
  'init.measured': 'measured',
  'init.predicted': 'predicted: ×100σ²/2 per layer',

  // ---- 8: remedies ----
  'remedies.title': '8 · Remedies side by side',
  'remedies.short': 'Remedies',
  'remedies.lesson': `The usual remedies, each changing one thing, trained from the **same seed on the same data** so that any difference comes from the change:

- **Leaky ReLU** lets a little gradient through for z < 0 (slope 0.01 in PyTorch, 0.3 in Keras), so no unit is ever completely cut off.
- **ELU** and **SELU** are smooth below zero; SELU is meant to be paired with LeCun-normal initialization.
- **He initialization** and a **small positive bias** (such as 0.01, mentioned in the [CS231n notes](https://cs231n.github.io/neural-networks-2/)) make every unit start out firing.
- A **lower learning rate** and **Adam** change the size of the steps that push units over the edge.
- **Dropout** is included as a control: it is not a cure.
- **Reviving** dead units, as in [ReDo by Sokar et al.](https://arxiv.org/abs/2302.12902): every 100 steps, any unit that has died gets fresh incoming weights and zero outgoing weights, so the network's output is unchanged at that moment.

[Douglas and Yu](https://arxiv.org/abs/1812.05981) observed that even healthy networks end with units firing less than half the time, less in deeper layers: some silence is normal. What you want to avoid is units that are silent on *everything*.`,
  'remedies.lookFor': `On the spiral at step size 5 the ReLU baseline loses nearly all its units. Leaky ReLU and reviving keep every unit alive; the lower step size keeps most. Compare the accuracy column as well: keeping units alive is not the same as fitting the data.`,
  'rem.problem': 'Problem',
  'rem.problem.spiral': 'spiral, step size 5',
  'rem.problem.adder': 'adder, seed 3',
  'rem.alpha': 'Leaky slope α',
  'rem.choose': 'Runs to compare',
  'rem.baseline': 'ReLU (baseline)',
  'rem.leaky': 'leaky ReLU',
  'rem.elu': 'ELU',
  'rem.selu': 'SELU + LeCun init',
  'rem.he': 'He init',
  'rem.bias': 'bias 0.01',
  'rem.lowlr': 'learning rate ÷ 5',
  'rem.adam': 'Adam (0.01)',
  'rem.dropout': 'dropout 0.2',
  'rem.revive': 'revive dead units',
  'rem.deadChart': 'Dead fraction of hidden units',
  'rem.lossChart': 'Loss (log scale)',
  'rem.table': 'Where each run is now',
  'rem.remedy': 'run',
  'rem.deadNow': 'dead units',

  // ---- 9: lab ----
  'lab.title': '9 · Free lab',
  'lab.short': 'Free lab',
  'lab.lesson': `Every setting of the engine, with every diagnostic on. Pick a task (the spiral, circles, XOR, Gaussian blobs, the adder, |x + iy|, or the single ReLU), any hidden layer sizes such as \`8,8\` (at most 8 layers of 512), any activation, initialization and optimizer. Invalid values are refused with the reason.

A few things to try: a deep narrow net (\`layers\` = \`3,3,3,3,3,3\`) with ReLU, then the same with leaky ReLU; a learning rate of 1 on the circles; \`revive\` = 50 with a high learning rate; \`init\` = \`zeros\`, where every unit is the same and stays the same.`,
  'lab.lookFor': `The firing-rate bars and the histograms say more than the loss: a layer whose histogram sits entirely left of z = 0 is dead.`,
  'lab.state': 'run',
  'lab.state.ok': 'ok',
  'lab.state.diverged': 'diverged (NaN)',

  // ---- math ----
  'math.title': 'The math: why the gradient through a dead unit is exactly zero',
  'math.short': 'The math',
  'math.p1': 'Write layer l of the network as an affine map followed by the ReLU:',
  'math.p2': 'Backpropagation gives the gradient of the mean loss over N training points. The error signal δ of unit i on point n is the gradient arriving from above, gated by the ReLU’s derivative, which is 1 where z > 0 and 0 elsewhere (ReLU′(0) = 0, as in TensorFlow and PyTorch):',
  'math.p3': 'If unit i is dead, its gate is closed on every point, so every term of both sums vanishes. Not approximately: exactly.',
  'math.p4': 'Its outgoing weights get no gradient either, since they are multiplied by its output, which is zero everywhere:',
  'math.p5': 'So an optimizer that only follows gradients cannot move a dead unit. With L2 regularisation the weights decay towards zero while the bias is left alone, so a negative bias keeps the unit dead. Momentum and Adam only replay past gradients, which fade. A unit in the first layer sees fixed data and stays dead for good; a deeper unit can come back only if the layers below it change what it sees.',
  'math.p6': 'Leaky ReLU removes the closed gate: below zero the gate is α instead of 0, so the error signal is small but never zero.',
  'math.p7': 'Experiment 1 in formulas. For y = relu(w·x) against relu(x) with x ~ N(0, 1), the expected loss and its gradient are',
  'math.p8': 'so from a negative start plain gradient descent multiplies w by (1 − η) every step: it approaches zero from below and never reaches the minimum at w = 1.',
  'math.p9': 'And experiment 6: a bias-free net with H hidden layers of N units and symmetric random weights sends a fixed non-zero input to all zeros with probability',
  'math.p10': 'For N = 2 and H = 8 that is 1 − (3/4)⁸ ≈ 0.90.',

  // ---- references ----
  'refs.title': 'References',
  'refs.short': 'References',
  'refs.r1': 'Stanford CS231n, [Neural Networks Part 1: Setting up the Architecture](https://cs231n.github.io/neural-networks-1/) (activation functions; dead units; leaky ReLU).',
  'refs.r2': 'Stanford CS231n, [Neural Networks Part 2: Setting up the Data and the Loss](https://cs231n.github.io/neural-networks-2/) (He initialization; small positive biases).',
  'refs.r3': 'Stanford CS231n, [Minimal neural network case study](https://cs231n.github.io/neural-networks-case-study/) (the spiral data and the 2-100-3 network).',
  'refs.r4': 'L. Lu, Y. Shin, Y. Su, G. E. Karniadakis, [Dying ReLU and Initialization: Theory and Numerical Examples](https://arxiv.org/abs/1903.06733), Commun. Comput. Phys. 2020 (born-dead probability; randomized asymmetric initialization).',
  'refs.r5': 'S. C. Douglas, J. Yu, [Why ReLU Units Sometimes Die: Analysis of Single-Unit Error Backpropagation in Neural Networks](https://arxiv.org/abs/1812.05981), 2018.',
  'refs.r6': 'G. Sokar, R. Agarwal, P. S. Castro, U. Evci, [The Dormant Neuron Phenomenon in Deep Reinforcement Learning](https://arxiv.org/abs/2302.12902), ICML 2023 (ReDo: recycling dormant units).',
  'refs.r7': 'Intoli, [Understanding Neural Network Weight Initialization](https://intoli.com/blog/neural-network-initialization/) (activations of a 5-layer ReLU MLP for several init scales).',
  'refs.r8': 'K. He, X. Zhang, S. Ren, J. Sun, [Delving Deep into Rectifiers](https://arxiv.org/abs/1502.01852), ICCV 2015 (He initialization).',
  'refs.r9': 'G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter, [Self-Normalizing Neural Networks](https://arxiv.org/abs/1706.02515), NeurIPS 2017 (SELU).',

  // ---- lab control labels (schema keys) ----
  'key.task': 'Task',
  'key.n': 'Points (0 = task default)',
  'key.noise': 'Noise',
  'key.classes': 'Spiral arms',
  'key.layers': 'Hidden layers, e.g. 8,8',
  'key.act': 'Hidden activation',
  'key.out': 'Output activation',
  'key.alpha': 'Leaky slope / ELU α',
  'key.bias': 'Units have biases',
  'key.init': 'Initialization',
  'key.sigma': 'σ (normal/uniform init)',
  'key.binit': 'Bias init',
  'key.loss': 'Loss',
  'key.opt': 'Optimizer',
  'key.lr': 'Learning rate',
  'key.mom': 'Momentum',
  'key.batch': 'Batch size (0 = all)',
  'key.shuffle': 'Shuffle each epoch',
  'key.fresh': 'Fresh data every step',
  'key.steps': 'Steps',
  'key.l2': 'L2 penalty',
  'key.dropout': 'Dropout rate',
  'key.revive': 'Revive dead units every … steps',
  'key.revive_tau': 'Revive threshold τ',
  'key.seed': 'Seed',
};
