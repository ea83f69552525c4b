// FlowRecorder: one pipeline's flow statistics over a run (flow_stats.hpp).
//
// The pipeline calls playing() when it reaches PLAYING and finished() at EOS
// or when it goes down to READY/NULL. In between a sampler thread appends a
// sample of every link and element to the file each interval; finished()
// appends the final totals and prints the table, once per run. The sampler
// only reads the actors' published counters: it never slows an actor.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/stats/flow_counters.hpp"
#include "runtime/stats/flow_stats.hpp"

namespace gstmini {

class FlowRecorder {
 public:
  FlowRecorder(std::string pipeline, StatsOptions options);
  ~FlowRecorder();
  FlowRecorder(const FlowRecorder&) = delete;
  FlowRecorder& operator=(const FlowRecorder&) = delete;

  FlowCounters& counters() { return counters_; }
  const StatsOptions& options() const { return options_; }
  void playing();
  void finished();
  StatsSnapshot snapshot() const;

 private:
  void sample_loop();
  void write(const StatsSnapshot& snapshot, const char* row);
  void stop_sampler();
  ClockTime elapsed_locked() const;

  FlowCounters counters_;
  StatsOptions options_;
  mutable std::mutex mutex_;  // everything below; never taken per buffer
  std::condition_variable wake_;
  std::thread sampler_;
  bool stopping_ = false;
  bool running_ = false;          // between playing() and finished()
  std::uint64_t started_ns_ = 0;  // first playing(); 0 before
  std::uint64_t stopped_ns_ = 0;  // last finished() while not running
  std::FILE* file_ = nullptr;
  bool file_failed_ = false;
};

}  // namespace gstmini
