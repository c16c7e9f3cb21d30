// report.h: the shapes of what the engine reports, written in one place for the
// command-line tool (as JSON) and the JS boundary (as JS objects): keys in camelCase,
// as JS reads them.
#pragma once
#include <string>
#include <vector>

#include "born_dead.h"
#include "config_schema.h"
#include "report_writer.h"
#include "session.h"
#include "sweep.h"

namespace relulab {

void write_schema(ReportWriter& w);
// {step, steps, done, state, divergedAt, loss, accuracy, lossAtLastTenth (null until
//  the run reaches the last tenth of its steps), revivedUnits, traceEvery, sizes,
//  layout: {total, layers: [{inputs, units, w, b}]} (where each layer's W and b start
//  in the parameter arena; b -1 without biases), layers: [...], collapsed: [...]}
void write_evaluation(ReportWriter& w, const Session& session, const Evaluation& eval);
void write_trace(ReportWriter& w, const Session& session);
// {step: [...], dead: [...], revived: [...]}, one entry per revival
void write_revivals(ReportWriter& w, const Session& session);
// {seed, finalLoss, accuracy (classification only), state, divergedAt, lossAtLastTenth,
//  deadPerLayer, outputDead, success, failure}
void write_outcome(ReportWriter& w, const SeedOutcome& outcome);
void write_born_dead(ReportWriter& w, const BornDeadResult& result);
const char* state_name(RunState state);

}  // namespace relulab
