// relulab_bindings.cpp: the Embind boundary (with val_writer.h, the only code that
// sees Emscripten). Coarse calls on numeric session ids: create from a config string,
// step k times, read copies of what the session measured, dispose. Only numbers,
// strings, plain objects and copied typed arrays cross; JS never holds a view of the
// WASM heap, and no text is left for JS to parse. Nothing throws across: every call
// returns {ok: true, ...} or {ok: false, errors: [{key, reason, message, code, args}]},
// and web/src/engine/engine.js turns the latter into a JS Error. A limit that a call's
// argument broke travels in the error's args (`limit`), for the page's wording.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <map>
#include <memory>

#include "born_dead.h"
#include "landscape.h"
#include "lanes.h"
#include "number_text.h"
#include "report.h"
#include "session.h"
#include "sweep.h"
#include "val_writer.h"

using emscripten::val;
using namespace relulab;

namespace {

std::map<int, std::unique_ptr<Session>>& sessions() {
  static std::map<int, std::unique_ptr<Session>> all;
  return all;
}
int next_id = 1;

template <typename T>
val copied(const T* data, size_t n) {
  // slice() copies into a fresh buffer: the result stays valid when the heap grows.
  return val(emscripten::typed_memory_view(n, data)).call<val>("slice");
}
template <typename T>
val copied(const std::vector<T>& v) {
  return copied(v.data(), v.size());
}

val success() {
  val out = val::object();
  out.set("ok", true);
  return out;
}

val failure(const std::vector<ConfigError>& errors) {
  val out = val::object();
  out.set("ok", false);
  val list = val::array();
  for (const ConfigError& e : errors) {
    val item = val::object();
    item.set("key", e.key);
    item.set("reason", e.reason);
    item.set("message", e.message());
    item.set("code", e.code);
    val args = val::object();
    for (const auto& [name, value] : e.args) args.set(name, value);
    item.set("args", args);
    list.call<void>("push", item);
  }
  out.set("errors", list);
  return out;
}
// A failure of the boundary's own arguments; `code` lets the page translate it.
val failure(const std::string& key, const std::string& code, const std::string& reason,
            std::vector<std::pair<std::string, std::string>> args = {}) {
  return failure({{key, reason, code, std::move(args)}});
}

// {ok: true, report}: a report of report.h as JS values.
val with_report(const ValWriter& w) {
  val out = success();
  out.set("report", w.result());
  return out;
}

// A number argument outside [lo, limit] (or (0, limit] with lo_open): code, args {limit}.
val out_of_range(const std::string& key, const std::string& code, const std::string& what, double lo, double limit,
                 bool lo_open = false) {
  const std::string text = shortest_text(limit);
  return failure(key, code,
                 "must be " + what + " in " + (lo_open ? "(" : "[") + shortest_text(lo) + ", " + text + "]",
                 {{"limit", text}});
}

Session* find(int id) {
  auto it = sessions().find(id);
  return it == sessions().end() ? nullptr : it->second.get();
}
val no_session(int id) {
  return failure("session", "no_session", "no session with id " + std::to_string(id) + " (disposed?)",
                 {{"id", std::to_string(id)}});
}

// ---- configuration ----------------------------------------------------------------

std::string version() { return RELULAB_VERSION; }

// How many runs the lane trainer takes side by side (a sweep's seeds go kLanes at a time).
int lanes() { return kLanes; }

val schema() {
  ValWriter w;
  write_schema(w);
  return w.result();
}

// Lenient parse: the config with every bad key at its default, and the errors.
val parse(const std::string& query) {
  ParseResult parsed = parse_config(query);
  val out = success();
  out.set("query", to_query(parsed.config, true));
  out.set("fullQuery", to_query(parsed.config, false));
  val errors = failure(parsed.errors)["errors"];
  out.set("errors", errors);
  val shape = val::object();
  const TaskShape ts = task_shape(parsed.config);
  shape.set("inputs", ts.inputs);
  shape.set("outputs", ts.outputs);
  shape.set("classification", ts.classification);
  shape.set("points", double(ts.points));
  shape.set("parameters", double(parameter_count(layer_sizes(parsed.config), parsed.config.bias)));
  out.set("shape", shape);
  return out;
}

// ---- sessions -----------------------------------------------------------------------

val create_session(const std::string& query) {
  auto created = Session::create(query);
  if (auto* errors = std::get_if<std::vector<ConfigError>>(&created)) return failure(*errors);
  const int id = next_id++;
  sessions()[id] = std::move(std::get<std::unique_ptr<Session>>(created));
  val out = success();
  out.set("id", id);
  out.set("query", to_query(sessions()[id]->config(), true));
  return out;
}

val step_session(int id, double k) {
  Session* s = find(id);
  if (!s) return no_session(id);
  if (!(k >= 0) || k > double(Limits::kMaxSteps))
    return out_of_range("k", "bad_steps", "a whole number", 0, double(Limits::kMaxSteps));
  val out = success();
  out.set("taken", double(s->step(static_cast<int64_t>(k))));
  out.set("step", double(s->current_step()));
  out.set("done", s->done());
  out.set("state", std::string(state_name(s->state())));
  return out;
}

val evaluate_session(int id) {
  Session* s = find(id);
  if (!s) return no_session(id);
  ValWriter w;
  write_evaluation(w, *s, s->evaluate());
  return with_report(w);
}

val session_params(int id) {
  Session* s = find(id);
  if (!s) return no_session(id);
  val out = success();
  out.set("params", copied(s->params()));
  return out;
}

// What every read of a log from an index on starts with: {ok, from, count, step} for
// the entries from index `from_entry` on (so a running page fetches only what is new;
// 0 for anything below 0 or not a number, the end for anything past it). Sets `from`.
val log_from(const std::vector<int64_t>& steps, double from_entry, size_t& from) {
  const size_t count = steps.size();
  from = from_entry > 0 && from_entry < double(count) ? size_t(from_entry) : (from_entry > 0 ? count : 0);
  const std::vector<double> read(steps.begin() + long(from), steps.end());
  val out = success();
  out.set("from", double(from));
  out.set("count", double(count - from));
  out.set("step", copied(read));
  return out;
}

// Trace records from index `from` on.
val session_trace(int id, double from_record) {
  Session* s = find(id);
  if (!s) return no_session(id);
  const Trace& t = s->trace();
  size_t from = 0;
  val out = log_from(t.step, from_record, from);
  const size_t n = t.step.size() - from, layers = static_cast<size_t>(s->layout().layers());
  out.set("layers", double(layers));
  out.set("loss", copied(t.loss.data() + from, n));
  out.set("accuracy", copied(t.accuracy.data() + from, n));
  out.set("deadFraction", copied(t.dead_fraction.data() + from * layers, n * layers));
  // empty unless the configuration asks for batch losses (config batch_loss)
  out.set("batchLoss", copied(t.batch_loss.data() + (t.batch_loss.empty() ? 0 : from), t.batch_loss.empty() ? 0 : n));
  const size_t per_record = t.params.empty() ? 0 : size_t(s->layout().total);
  out.set("paramCount", double(per_record));
  out.set("params", copied(t.params.data() + from * per_record, n * per_record));
  return out;
}

// Revivals from index `from` on: per revival its step, the hidden units dead just
// before it and the units it re-initialised.
val session_revivals(int id, double from_entry) {
  Session* s = find(id);
  if (!s) return no_session(id);
  const RevivalLog& log = s->revivals();
  size_t from = 0;
  val out = log_from(log.step, from_entry, from);
  const size_t n = log.step.size() - from;
  out.set("dead", copied(log.dead.data() + from, n));
  out.set("revived", copied(log.revived.data() + from, n));
  return out;
}

val session_data(int id) {
  Session* s = find(id);
  if (!s) return no_session(id);
  const Dataset& d = s->data();
  std::vector<float> x(d.x.begin(), d.x.end()), y(d.y.begin(), d.y.end());
  std::vector<int32_t> labels(d.labels.begin(), d.labels.end());
  val out = success();
  out.set("n", double(d.n));
  out.set("inputs", d.inputs);
  out.set("outputs", d.outputs);
  out.set("classification", d.classification);
  out.set("x", copied(x));
  out.set("y", copied(y));
  out.set("labels", copied(labels));
  return out;
}

// Outputs on an nx x ny grid over [x0, x1] x [y0, y1] of a 2-input network, row-major
// with y outer; (outputs x points) column-major.
val predict_grid(int id, double x0, double x1, double y0, double y1, int nx, int ny) {
  Session* s = find(id);
  if (!s) return no_session(id);
  if (s->data().inputs != 2) return failure("grid", "grid_inputs", "predictGrid needs a task with 2 inputs");
  if (nx < 1 || ny < 1 || int64_t(nx) * ny > kMaxGridPoints)
    return failure("grid", "grid_size", "nx * ny must be in [1, " + std::to_string(kMaxGridPoints) + "]",
                   {{"limit", std::to_string(kMaxGridPoints)}});
  std::vector<float> inputs;
  inputs.reserve(size_t(2 * nx * ny));
  for (int iy = 0; iy < ny; ++iy)
    for (int ix = 0; ix < nx; ++ix) {
      inputs.push_back(float(nx > 1 ? x0 + (x1 - x0) * ix / (nx - 1) : x0));
      inputs.push_back(float(ny > 1 ? y0 + (y1 - y0) * iy / (ny - 1) : y0));
    }
  val out = success();
  out.set("outputs", copied(s->predict(inputs, int64_t(nx) * ny)));
  return out;
}

val predict(int id, val inputs) {
  Session* s = find(id);
  if (!s) return no_session(id);
  std::vector<float> x = emscripten::convertJSArrayToNumberVector<float>(inputs);
  const size_t dim = size_t(s->data().inputs);
  if (x.empty() || x.size() % dim != 0 || x.size() / dim > size_t(Limits::kMaxPoints))
    return failure("inputs", "inputs_shape",
                   "must hold a whole number of points of " + std::to_string(dim) + " inputs, at most " +
                       std::to_string(Limits::kMaxPoints) + " points",
                   {{"dim", std::to_string(dim)}, {"limit", std::to_string(Limits::kMaxPoints)}});
  val out = success();
  out.set("outputs", copied(s->predict(x, int64_t(x.size() / dim))));
  return out;
}

bool dispose_session(int id) { return sessions().erase(id) > 0; }
int live_sessions() { return static_cast<int>(sessions().size()); }

// ---- many runs ----------------------------------------------------------------------

val sweep(const std::string& query, double first_seed, double count, double success_loss) {
  ParseResult parsed = parse_config(query);
  if (!parsed.ok()) return failure(parsed.errors);
  if (!(count >= 1 && count <= double(kMaxSweepSeeds)))
    return out_of_range("seeds", "bad_seeds", "a whole number", 1, double(kMaxSweepSeeds));
  if (!(first_seed >= 0 && first_seed <= double(Limits::kMaxSeed)))
    return out_of_range("firstSeed", "bad_first_seed", "a whole number", 0, double(Limits::kMaxSeed));
  if (!(success_loss > 0 && success_loss <= kMaxSuccessLoss))
    return out_of_range("successLoss", "bad_success_loss", "a number", 0, kMaxSuccessLoss, true);
  ValWriter w;
  w.begin_array();
  for (const SeedOutcome& o : sweep_seeds(parsed.config, int64_t(first_seed), int64_t(count), success_loss))
    write_outcome(w, o);
  w.end_array();
  return with_report(w);
}

// The grid of `spec` ({i, j, x0, x1, y0, y1, nx, ny}, each optional), checked.
std::optional<ConfigError> check_grid_args(const Config& c, Grid& g, val spec) {
  auto number = [&](const char* name, double fallback) {
    val v = spec[name];
    return v.isNumber() ? v.as<double>() : fallback;
  };
  g.i = int64_t(number("i", 0));
  g.j = int64_t(number("j", 1));
  g.x0 = number("x0", -3);
  g.x1 = number("x1", 3);
  g.y0 = number("y0", -3);
  g.y1 = number("y1", 3);
  g.nx = int64_t(number("nx", 64));
  g.ny = int64_t(number("ny", 64));
  return check_grid(c, g);
}

// `into`: null for a fresh Float32Array, or the caller's Float32Array of nx * ny numbers
// to fill (a page that redraws a landscape reuses its array: a browser is slow to hand
// out new memory).
val landscape(const std::string& query, val spec, val into) {
  ParseResult parsed = parse_config(query);
  if (!parsed.ok()) return failure(parsed.errors);
  Grid g;
  if (auto problem = check_grid_args(parsed.config, g, spec)) return failure({*problem});
  const size_t cells = size_t(g.nx * g.ny);
  const bool fill = !into.isNull() && !into.isUndefined();
  if (fill && !(into.instanceof(val::global("Float32Array")) && into["length"].as<double>() == double(cells)))
    return failure("into", "bad_into", "must be a Float32Array of nx * ny = " + std::to_string(cells) + " numbers",
                   {{"cells", std::to_string(cells)}});
  const std::vector<float> loss = loss_landscape(parsed.config, g);
  val out = success();
  if (fill) {
    into.call<void>("set", val(emscripten::typed_memory_view(loss.size(), loss.data())));
    out.set("loss", into);
  } else {
    out.set("loss", copied(loss));
  }
  return out;
}

val basin(const std::string& query, val spec) {
  ParseResult parsed = parse_config(query);
  if (!parsed.ok()) return failure(parsed.errors);
  Grid g;
  if (auto problem = check_grid_args(parsed.config, g, spec)) return failure({*problem});
  const std::vector<BasinPoint> points = basin_map(parsed.config, g);
  std::vector<float> loss, end_x, end_y;
  std::vector<uint8_t> diverged;
  for (const BasinPoint& p : points) {
    loss.push_back(p.final_loss);
    end_x.push_back(p.end_x);
    end_y.push_back(p.end_y);
    diverged.push_back(p.diverged);
  }
  val out = success();
  out.set("finalLoss", copied(loss));
  out.set("endX", copied(end_x));
  out.set("endY", copied(end_y));
  out.set("diverged", copied(diverged));
  return out;
}

// Trial t initialises from seed first_seed + t, on the training set of first_seed.
val born_dead_probe(const std::string& query, double trials, double first_seed) {
  ParseResult parsed = parse_config(query);
  if (!parsed.ok()) return failure(parsed.errors);
  if (!(trials >= 1 && trials <= double(kMaxBornDeadTrials)))
    return out_of_range("trials", "bad_trials", "a whole number", 1, double(kMaxBornDeadTrials));
  if (!(first_seed >= 0 && first_seed + trials - 1 <= double(Limits::kMaxSeed)))
    return out_of_range("seed", "bad_first_seed", "a whole number", 0, double(Limits::kMaxSeed) - (trials - 1));
  ValWriter w;
  write_born_dead(w, born_dead(parsed.config, int64_t(first_seed), int64_t(trials)));
  return with_report(w);
}

}  // namespace

EMSCRIPTEN_BINDINGS(relulab) {
  emscripten::function("version", &version);
  emscripten::function("schema", &schema);
  emscripten::function("lanes", &lanes);
  emscripten::function("parseConfig", &parse);
  emscripten::function("createSession", &create_session);
  emscripten::function("stepSession", &step_session);
  emscripten::function("evaluateSession", &evaluate_session);
  emscripten::function("sessionParams", &session_params);
  emscripten::function("sessionTrace", &session_trace);
  emscripten::function("sessionRevivals", &session_revivals);
  emscripten::function("sessionData", &session_data);
  emscripten::function("predictGrid", &predict_grid);
  emscripten::function("predict", &predict);
  emscripten::function("disposeSession", &dispose_session);
  emscripten::function("liveSessions", &live_sessions);
  emscripten::function("sweep", &sweep);
  emscripten::function("landscape", &landscape);
  emscripten::function("basin", &basin);
  emscripten::function("bornDead", &born_dead_probe);
}
