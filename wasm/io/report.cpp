// report.cpp: see report.h.
#include "report.h"

namespace relulab {

const char* state_name(RunState state) { return state == RunState::Ok ? "ok" : "diverged"; }

void write_schema(ReportWriter& w) {
  w.begin_array();
  for (const KeySpec& k : config_schema()) {
    w.begin_object();
    w.field("name", k.name).field("type", key_type_name(k.type)).field("default", k.default_text);
    w.field("min", k.lo).field("max", k.hi).field("minOpen", k.lo_open).field("maxOpen", k.hi_open);
    w.field("optional", k.optional).field("maxItems", k.max_items);
    w.key("choices").array(k.choices);
    w.field("group", k.group).field("doc", k.doc);
    w.end_object();
  }
  w.end_array();
}

namespace {

// {total, layers: [{inputs, units, w, b}]}: where each layer's W (units x inputs,
// row-major) and b (-1 without biases) start in the parameter arena.
void write_layout(ReportWriter& w, const Layout& layout) {
  w.key("layout").begin_object().field("total", layout.total);
  w.key("layers").begin_array();
  for (int l = 1; l <= layout.layers(); ++l)
    w.begin_object()
        .field("inputs", layout.sizes[l - 1])
        .field("units", layout.sizes[l])
        .field("w", layout.w_offset[l])
        .field("b", layout.b_offset[l])
        .end_object();
  w.end_array().end_object();
}

}  // namespace

void write_evaluation(ReportWriter& w, const Session& session, const Evaluation& eval) {
  w.begin_object();
  w.field("step", eval.step).field("steps", session.config().steps).field("done", session.done());
  w.field("state", state_name(session.state())).field("divergedAt", session.diverged_at());
  w.field("loss", eval.loss);
  if (eval.accuracy >= 0) w.field("accuracy", eval.accuracy);
  else w.key("accuracy").null();
  w.field("lossAtLastTenth", session.loss_at_last_tenth());
  w.field("revivedUnits", session.revived_units()).field("traceEvery", session.trace_every());
  w.key("sizes").array(session.layout().sizes);
  write_layout(w, session.layout());
  const std::vector<float> grad_norms = session.gradient_norms();
  w.key("layers").begin_array();
  for (size_t l = 0; l < eval.layers.size(); ++l) {
    const LayerDiagnostics& d = eval.layers[l];
    w.begin_object();
    w.field("units", d.units).field("relu", d.relu).field("output", l + 1 == eval.layers.size());
    w.field("deadCount", d.dead_count).field("deadFraction", d.dead_fraction).field("meanSquare", d.mean_square);
    w.field("gradNorm", grad_norms[l]);
    w.key("firingRate").array(d.firing_rate);
    w.key("activity").array(d.activity);
    w.key("dead").array(d.dead);
    w.key("dormant").array(d.dormant);
    w.key("nan").array(d.nan);
    w.key("diedAt").array(session.died_at()[l]);
    w.key("histogram").begin_object().field("lo", d.z_histogram.lo).field("hi", d.z_histogram.hi);
    w.key("counts").array(d.z_histogram.counts);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("collapsed").begin_array();
  for (const CollapsedPair& p : collapsed_pairs(session.layout(), session.params().data(), eval.layers))
    w.begin_object()
        .field("layer", p.layer)
        .field("first", p.first)
        .field("second", p.second)
        .field("distance", p.distance)
        .end_object();
  w.end_array();
  w.end_object();
}

void write_trace(ReportWriter& w, const Session& session) {
  const Trace& t = session.trace();
  w.begin_object();
  w.key("step").array(t.step);
  w.key("loss").array(t.loss);
  if (session.data().classification) w.key("accuracy").array(t.accuracy);
  w.key("deadFraction").array(t.dead_fraction);
  if (session.config().batch_loss) w.key("batchLoss").array(t.batch_loss);
  if (!t.params.empty()) w.key("params").array(t.params);
  w.end_object();
}

void write_revivals(ReportWriter& w, const Session& session) {
  const RevivalLog& log = session.revivals();
  w.begin_object();
  w.key("step").array(log.step);
  w.key("dead").array(log.dead);
  w.key("revived").array(log.revived);
  w.end_object();
}

void write_outcome(ReportWriter& w, const SeedOutcome& o) {
  w.begin_object();
  w.field("seed", o.seed).field("finalLoss", o.final_loss);
  if (o.accuracy >= 0) w.field("accuracy", o.accuracy);
  w.field("state", state_name(o.state)).field("divergedAt", o.diverged_at);
  w.field("lossAtLastTenth", o.loss_at_last_tenth);
  w.key("deadPerLayer").array(o.dead_per_layer);
  w.field("outputDead", o.output_dead).field("success", o.success);
  w.field("failure", failure_names()[static_cast<size_t>(o.failure)]);
  w.end_object();
}

void write_born_dead(ReportWriter& w, const BornDeadResult& r) {
  w.begin_object();
  w.field("trials", r.trials).field("deadNetworks", r.dead_networks);
  w.field("deadNetworkFraction", r.trials ? double(r.dead_networks) / double(r.trials) : 0.0);
  w.key("deadUnitFraction").array(r.dead_unit_fraction);
  w.end_object();
}

}  // namespace relulab
