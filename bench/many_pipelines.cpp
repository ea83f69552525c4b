// bench_many_pipelines: what N live pipelines cost one process when idle.
//
//   bench_many_pipelines --pipelines N [--seconds S] [--fps F] [--warmup W]
//
// Builds N pipelines `fakesrc is-live=true buffer-duration=1/F s ! fakesink
// sync=true` (a live source producing F buffers per second into a synced
// sink, like a camera into a display), sets them all PLAYING, waits W
// seconds (default 2), then measures for S seconds (default 10):
//  - cpu_pct: CPU time of the whole process (user + system, from
//    /proc/self/stat) over the wall time, in % of one core;
//  - threads: threads of the process (/proc/self/task), steady state;
//  - lateness of every render (fakesink's own figure: clock time at render -
//    the buffer's target clock time), median and p99 over all sinks.
// Also prints how long building+PLAYING and NULL+destroying took.
// One line:
//   gstmini pipelines=N fps=F seconds=S threads=T cpu_pct=C renders=R
//   late_median_us=M late_p99_us=P start_s=A stop_s=B
// bench/many_pipelines.sh runs it side by side with gst-launch-1.0.
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "elements/fakesink.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "runtime/pipeline.hpp"

using namespace gstmini;

namespace {

[[noreturn]] void usage(const char* argv0) {
  std::fprintf(stderr, "usage: %s --pipelines N [--seconds S] [--fps F] [--warmup W]\n", argv0);
  std::exit(2);
}

// User + system CPU of this process, in seconds.
double cpu_seconds() {
  FILE* f = std::fopen("/proc/self/stat", "r");
  if (!f) return 0;
  char buf[4096];
  std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  buf[n] = '\0';
  // Fields after the command name (which may hold spaces) start after ')'.
  const char* p = std::strrchr(buf, ')');
  if (!p) return 0;
  unsigned long utime = 0, stime = 0;
  // state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
  if (std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) !=
      2)
    return 0;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::size_t threads() {
  std::size_t count = 0;
  if (DIR* dir = opendir("/proc/self/task")) {
    while (dirent* entry = readdir(dir))
      if (entry->d_name[0] != '.') ++count;
    closedir(dir);
  }
  return count;
}

double pick_us(const std::vector<ClockTimeDiff>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
  return static_cast<double>(sorted[i]) / 1000.0;
}

double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  long long count = 0, fps = 30;
  double seconds = 10, warmup = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--pipelines")
      count = std::atoll(argv[i + 1]);
    else if (key == "--seconds")
      seconds = std::atof(argv[i + 1]);
    else if (key == "--fps")
      fps = std::atoll(argv[i + 1]);
    else if (key == "--warmup")
      warmup = std::atof(argv[i + 1]);
    else
      usage(argv[0]);
  }
  if (argc % 2 == 0 || count <= 0 || seconds <= 0 || fps <= 0 || warmup < 0) usage(argv[0]);

  std::mutex mutex;
  bool measuring = false;
  std::vector<ClockTimeDiff> lateness;
  const std::string line = "fakesrc is-live=true buffer-duration=" +
                           std::to_string(kSecond / static_cast<ClockTime>(fps)) +
                           " ! fakesink name=sink sync=true";

  auto started = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<Pipeline>> pipelines;
  for (long long i = 0; i < count; ++i) {
    pipelines.push_back(parse_launch(line));
    auto sink = std::dynamic_pointer_cast<FakeSink>(pipelines.back()->get_by_name("sink"));
    sink->set_handoff([&](const Buffer&, const FakeSink& s) {
      std::lock_guard<std::mutex> lock(mutex);
      if (measuring) lateness.push_back(s.lateness());
    });
    if (pipelines.back()->set_state(State::Playing) == StateChangeReturn::Failure) {
      std::fprintf(stderr, "bench_many_pipelines: pipeline %lld failed to start\n", i);
      return 1;
    }
  }
  for (auto& p : pipelines) {
    State state = State::VoidPending;
    p->get_state(&state, nullptr, 60 * kSecond);
    if (state != State::Playing) {
      std::fprintf(stderr, "bench_many_pipelines: a pipeline did not reach PLAYING\n");
      return 1;
    }
  }
  const double start_s = since(started);

  std::this_thread::sleep_for(std::chrono::duration<double>(warmup));
  {
    std::lock_guard<std::mutex> lock(mutex);
    measuring = true;
  }
  const double cpu0 = cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds / 2));
  const std::size_t steady_threads = threads();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds / 2));
  const double wall = since(t0);
  const double cpu = cpu_seconds() - cpu0;
  {
    std::lock_guard<std::mutex> lock(mutex);
    measuring = false;
  }

  auto stopping = std::chrono::steady_clock::now();
  for (auto& p : pipelines) p->set_state(State::Null);
  pipelines.clear();
  const double stop_s = since(stopping);

  std::sort(lateness.begin(), lateness.end());
  std::printf(
      "gstmini pipelines=%lld fps=%lld seconds=%g threads=%zu cpu_pct=%.1f renders=%zu "
      "late_median_us=%.1f late_p99_us=%.1f start_s=%.2f stop_s=%.2f\n",
      count, fps, seconds, steady_threads, 100.0 * cpu / wall, lateness.size(),
      pick_us(lateness, 0.5), pick_us(lateness, 0.99), start_s, stop_s);
  return 0;
}
