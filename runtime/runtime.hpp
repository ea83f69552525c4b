// The runtime: the one actor system of the process that runs every element
// of every Pipeline (DESIGN invariant 8).
//
// It starts when the first Pipeline is created and stops when the last one is
// destroyed (a later Pipeline starts it again). An application with a
// thousand pipelines still has one set of worker threads:
//
//   threads  = scheduler workers that run every element actor
//            + 1 timer thread of the actor scheduler (control timeouts)
//            + 1 timer thread of the system clock (asleep while the
//              runtime runs: its idle workers keep the sinks' render
//              deadlines and live sources' frame times; runtime/clock.hpp,
//              actors/handoff_sharing.hpp)
//
// plus the application's own threads and a dispatch thread per bus watch.
//
// It is configured once, when it starts, in this order of precedence:
//   1. set_runtime_options() / set_worker_threads(), if called before;
//   2. else the environment: GSTMINI_THREADS (1..kMaxWorkerThreads) and
//      GSTMINI_MAX_THROUGHPUT (1..kMaxThroughputLimit); a bad value is
//      reported once on the log (variable, value, accepted range) and
//      ignored;
//   3. a non-zero PipelineOptions::threads / max_throughput of the Pipeline
//      that starts it overrides the value from 1 or 2.
// Pipelines created while it runs share it as it is: one that asks for a
// different worker count or throughput gets a warning on the log saying what
// the runtime actually uses, and runs on it.
//
// Threads: element hooks, pad probes and element callbacks (appsink
// new-sample, identity handoff, a bus sync handler) run on the workers.
// They must not wait for the Pipeline API (a worker waiting for a worker
// stalls the runtime); bus watches run on the bus's own thread and may.
#pragma once

#include <cstddef>

namespace gstmini {

// Bounds of the accepted values (API and environment alike).
constexpr unsigned kMaxWorkerThreads = 256;
constexpr unsigned kMaxThroughputLimit = 1000000;

struct RuntimeOptions {
  // Worker threads; 0: one per core.
  unsigned threads = 0;
  // Messages one actor may handle before it yields its worker, so a busy
  // element cannot starve clock wake-ups and control (CAF's default is
  // unlimited). 0: the default, 32.
  unsigned max_throughput = 0;

  // Defaults overridden by GSTMINI_THREADS and GSTMINI_MAX_THROUGHPUT.
  static RuntimeOptions from_env();
};

// Sets the options the runtime starts with next time. Takes effect at once
// if no Pipeline exists; while one does, the running runtime is unchanged,
// a warning is logged, and the options apply after the last Pipeline is
// gone. Values out of range are clamped into it and reported.
void set_runtime_options(const RuntimeOptions& options);
// Shorthand for set_runtime_options with only the worker count changed.
void set_worker_threads(unsigned threads);

// What the process's runtime is doing now.
struct RuntimeInfo {
  bool running = false;
  unsigned threads = 0;         // worker threads (when running)
  unsigned max_throughput = 0;  // when running
  std::size_t pipelines = 0;    // Pipelines sharing it
  std::size_t starts = 0;       // times it was started in this process
};
RuntimeInfo runtime_info();

}  // namespace gstmini
