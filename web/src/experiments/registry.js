// registry.js: the experiments of the lesson, in lesson order. Each has an id (the `exp`
// key of a link), the id of its page section, its default configuration (the engine's
// keys over the engine's own defaults: the schema in wasm/core/config.cpp holds every
// default), the views a link can point at (parts of the experiment; the first is the
// default) and page limits on keys for experiments that train many networks from one
// configuration (the engine's own caps bound one network; these bound a whole sweep or
// map). Plain data: Node tests and the link reader import it.

export const EXPERIMENTS = [
  { id: 'dead', section: 'what-is-dead', config: '', views: ['live'] },
  { id: 'single', section: 'exp-single', config: 'task=relu1d&out=relu&bias=0&weights=-10&fresh=1&lr=0.01&steps=2000&trace=1&batch_loss=1', views: ['live', 'epochs'] },
  {
    id: 'landscape',
    section: 'exp-landscape',
    config: 'task=relu1d&out=relu&n=200&lr=0.1&steps=300&weights=0.5,0&trace=2',
    views: ['wb', 'vc', 'wv', 'runs'],
    limits: { steps: { max: 5000, why: 'link.why.basin' }, n: { max: 5000, why: 'link.why.basin' } },
  },
  {
    id: 'adder',
    section: 'exp-adder',
    config: 'task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000',
    views: ['live', 'sweep', 'compare'],
    limits: { steps: { max: 600000, why: 'link.why.sweep' }, n: { max: 1000, why: 'link.why.sweep' } },
  },
  {
    id: 'modulus',
    section: 'exp-modulus',
    config: 'task=modulus&layers=3&lr=0.1&steps=5000',
    views: ['live', 'sweep', 'advice'],
    limits: { steps: { max: 50000, why: 'link.why.sweep' }, n: { max: 5000, why: 'link.why.sweep' } },
  },
  {
    id: 'cs231n',
    section: 'exp-cs231n',
    config: 'task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=5&l2=0.001&steps=10000',
    views: ['live', 'sweep'],
    limits: { n: { max: 5000, why: 'link.why.sweep' } },
  },
  {
    id: 'borndead',
    section: 'exp-borndead',
    config: 'task=custom&dim=1&points=1,1&layers=2&bias=0&init=he_normal',
    views: ['live', 'collapse'],
    limits: { n: { max: 1000, why: 'link.why.trials' } },
  },
  {
    id: 'init',
    section: 'exp-init',
    config: 'task=modulus&n=500&layers=100,100,100,100,100&init=normal&sigma=0.14&steps=0',
    views: ['live'],
    limits: { n: { max: 5000, why: 'link.why.init' } },
  },
  { id: 'remedies', section: 'exp-remedies', config: 'task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=5&l2=0.001&steps=3000', views: ['live'] },
  { id: 'lab', section: 'exp-lab', config: 'task=circle&layers=8,8&lr=0.1&steps=3000', views: ['live'] },
];

/** The experiment called `id`, or null. */
export function experiment(id) {
  return EXPERIMENTS.find((e) => e.id === id) ?? null;
}
