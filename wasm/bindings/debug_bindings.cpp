// debug_bindings.cpp: two calls the lesson never makes, for the tests and the soak
// (scripts/soak.sh) that hold the page to its promises under faults and over time:
//   heapStats()  the module's memory: {size, used, max} in bytes (size: the WebAssembly
//                memory now, which never shrinks; used: what malloc has handed out and
//                not taken back; max: the most the module may grow to), so a test can
//                tell a leak (used climbing over thousands of runs) from a heap that grew
//                once to its high-water mark;
//   debugTrap()  executes `unreachable`: a WebAssembly trap, as a bug in the engine would
//                raise one, so a test can check that the page replaces the worker it
//                killed and says so (web/src/engine/worker.js, client.js).
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>

using emscripten::val;

namespace {

val heap_stats() {
  const struct mallinfo info = mallinfo();
  val out = val::object();
  out.set("size", double(emscripten_get_heap_size()));
  out.set("used", double(info.uordblks));
  out.set("max", double(emscripten_get_heap_max()));
  return out;
}

void debug_trap() { __builtin_trap(); }

}  // namespace

EMSCRIPTEN_BINDINGS(relulab_debug) {
  emscripten::function("heapStats", &heap_stats);
  emscripten::function("debugTrap", &debug_trap);
}
