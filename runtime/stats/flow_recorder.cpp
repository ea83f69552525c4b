#include "runtime/stats/flow_recorder.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

namespace gstmini {

FlowRecorder::FlowRecorder(std::string pipeline, StatsOptions options)
    : counters_(std::move(pipeline)), options_(std::move(options)) {}

FlowRecorder::~FlowRecorder() {
  stop_sampler();
  if (file_) std::fclose(file_);
}

ClockTime FlowRecorder::elapsed_locked() const {
  if (started_ns_ == 0) return 0;
  return (running_ ? stats_now_ns() : stopped_ns_) - started_ns_;
}

StatsSnapshot FlowRecorder::snapshot() const {
  ClockTime elapsed = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    elapsed = elapsed_locked();
  }
  return counters_.snapshot(elapsed);
}

void FlowRecorder::playing() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (running_) return;
  running_ = true;
  if (started_ns_ == 0) started_ns_ = stats_now_ns();
  if (options_.file.empty() || sampler_.joinable()) return;
  stopping_ = false;
  sampler_ = std::thread([this] { sample_loop(); });
}

void FlowRecorder::finished() {
  stop_sampler();
  StatsSnapshot snap;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!running_) return;  // this run was reported already
    stopped_ns_ = stats_now_ns();
    running_ = false;
    snap = counters_.snapshot(elapsed_locked());
    write(snap, "final");
    if (file_) std::fflush(file_);
  }
  if (options_.print_table) std::fputs(format_stats_table(snap).c_str(), stderr);
}

void FlowRecorder::stop_sampler() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (sampler_.joinable()) sampler_.join();
}

void FlowRecorder::sample_loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  auto next = std::chrono::steady_clock::now();
  while (!stopping_) {
    next += std::chrono::nanoseconds(options_.interval);
    if (wake_.wait_until(lock, next, [this] { return stopping_; })) break;
    write(counters_.snapshot(elapsed_locked()), "sample");
  }
}

// Called with mutex_ held.
void FlowRecorder::write(const StatsSnapshot& snapshot, const char* row) {
  if (options_.file.empty() || file_failed_) return;
  if (!file_) {
    file_ = std::fopen(options_.file.c_str(), "w");
    if (!file_) {
      file_failed_ = true;
      std::fprintf(stderr, "stats: could not open \"%s\" for writing: %s\n", options_.file.c_str(),
                   std::strerror(errno));
      return;
    }
    if (options_.format == StatsFormat::Csv) std::fputs(stats_csv_header().c_str(), file_);
  }
  const std::string text = options_.format == StatsFormat::Csv ? stats_csv_rows(snapshot, row)
                                                               : stats_json_lines(snapshot, row);
  std::fputs(text.c_str(), file_);
}

}  // namespace gstmini
