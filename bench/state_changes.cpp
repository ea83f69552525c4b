// bench_state_changes: how long the state changes of a long chain take.
//
//   bench_state_changes N
//
// Builds fakesrc num-buffers=1 ! identity x N ! fakesink, then times each
// state change the application waits for: NULL->PAUSED (prerolled),
// PAUSED->PLAYING, and PLAYING->NULL. Each step is one message per element
// plus the pipeline's ordering of the graph (sinks first), which must stay
// O(V+E). Compare with GStreamer (bench/state_changes.sh). Prints one line:
//   gstmini state-changes n=N build_s=B to_paused_s=P to_playing_s=Q to_null_s=R
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/launch/parse_launch.hpp"

using namespace gstmini;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s N\n", argv[0]);
    return 2;
  }
  const long n = std::strtol(argv[1], nullptr, 10);
  std::string line = "fakesrc num-buffers=1";
  for (long i = 0; i < n; ++i) line += " ! identity";
  line += " ! fakesink";
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point from) {
    return std::chrono::duration<double>(Clock::now() - from).count();
  };
  auto t = Clock::now();
  auto pipeline = parse_launch(line);
  const double build = seconds(t);
  t = Clock::now();
  pipeline->set_state(State::Paused);
  pipeline->get_state(nullptr, nullptr, kClockTimeNone);
  const double to_paused = seconds(t);
  t = Clock::now();
  pipeline->set_state(State::Playing);
  const double to_playing = seconds(t);
  t = Clock::now();
  pipeline->set_state(State::Null);
  const double to_null = seconds(t);
  std::printf(
      "gstmini state-changes n=%ld build_s=%.3f to_paused_s=%.3f to_playing_s=%.3f "
      "to_null_s=%.3f\n",
      n, build, to_paused, to_playing, to_null);
  return 0;
}
