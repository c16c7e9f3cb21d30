// report.h: the JSON shapes of what the engine reports, written in one place for the
// command-line tool and the JS boundary (keys in camelCase, as JS reads them).
#pragma once
#include <string>
#include <vector>

#include "born_dead.h"
#include "config.h"
#include "json_writer.h"
#include "session.h"
#include "sweep.h"

namespace relulab {

void write_schema(JsonWriter& w);
// {step, state, divergedAt, loss, accuracy, revivedUnits, traceEvery, layers: [...], collapsed: [...]}
void write_evaluation(JsonWriter& w, const Session& session, const Evaluation& eval);
void write_trace(JsonWriter& w, const Session& session);
void write_outcome(JsonWriter& w, const SeedOutcome& outcome);
void write_born_dead(JsonWriter& w, const BornDeadResult& result);
const char* state_name(RunState state);

}  // namespace relulab
