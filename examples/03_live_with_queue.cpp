// Lesson 3: a queue between a live source and a slow element.
//
//   build/examples/03_live_with_queue            # livesrc ! queue ! identity ! fakesink
//   build/examples/03_live_with_queue noqueue    # livesrc ! identity ! fakesink
//   build/examples/03_live_with_queue queue 5    # run 5 s instead of 3
//
// livesrc captures 30 frames/s (one every 33 ms); identity sleep-time=50000
// blocks 50 ms per buffer, so downstream manages only 20 frames/s.
//
// Without a queue the whole chain is one streaming domain: livesrc's push
// comes back only after identity and fakesink are done (lock-step), so
// livesrc misses capture times and drops frames from the start:
//   DEBUG livesrc <camera> fell behind: dropped 1 frames (1 in total)
// With a queue (max-size-buffers=10) livesrc's push is answered as soon as
// the frame is enqueued: the queue absorbs the difference (its level climbs
// in the "t=" lines below) until it is full. Then it holds the answer
// (back-pressure), and livesrc falls behind and drops frames just the same:
// a queue buys time and smooths bursts, it cannot make a slow consumer fast.
// The frames that wait in the queue render late at the synced sink.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "elements/fakesink.hpp"
#include "runtime/base_source.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;

int main(int argc, char** argv) {
  const bool with_queue = !(argc > 1 && std::string(argv[1]) == "noqueue");
  const double seconds = argc > 2 ? std::atof(argv[2]) : 3.0;
  if (!std::getenv("GSTMINI_DEBUG")) debug_set_threshold_from_string("*:3,livesrc:5");

  Pipeline pipeline(with_queue ? "queue-pipeline" : "no-queue-pipeline");
  auto src = make_element("livesrc", "camera");
  auto queue = make_element("queue", "queue");
  auto slow = make_element("identity", "slow");
  auto sink = std::make_shared<FakeSink>("sink");
  src->set("framerate", "30/1");
  queue->set("max-size-buffers", 10);
  slow->set("sleep-time", 50000);  // µs per buffer: at most 20 buffers/s
  sink->set("sync", true);
  pipeline.add_many(src, slow, sink);
  if (with_queue) {
    pipeline.add(queue);
    pipeline.link_many({src, queue, slow, sink});
  } else {
    pipeline.link_many({src, slow, sink});
  }

  std::mutex mutex;
  std::vector<ClockTimeDiff> lateness;
  sink->set_handoff([&](const Buffer&, const FakeSink& s) {
    std::lock_guard<std::mutex> lock(mutex);
    lateness.push_back(s.lateness());
  });

  std::printf("%s: livesrc 30 fps ! %sidentity sleep-time=50 ms ! fakesink sync=true\n",
              pipeline.name().c_str(), with_queue ? "queue max-size-buffers=10 ! " : "");
  pipeline.set_state(State::Playing);

  // Like g_object_get() from the application: read the counters while it runs.
  const auto start = std::chrono::steady_clock::now();
  for (double t = 0.5; t <= seconds + 1e-9; t += 0.5) {
    std::this_thread::sleep_until(start + std::chrono::duration<double>(t));
    std::printf("t=%.1fs  rendered %3llu  queue level %2llu/10  source dropped %3llu\n", t,
                static_cast<unsigned long long>(sink->rendered()),
                static_cast<unsigned long long>(
                    with_queue ? queue->get<std::uint64_t>("current-level-buffers") : 0),
                static_cast<unsigned long long>(src->get<std::uint64_t>("frames-dropped")));
    std::fflush(stdout);
  }
  pipeline.set_state(State::Null);

  std::lock_guard<std::mutex> lock(mutex);
  std::sort(lateness.begin(), lateness.end());
  const double median_ms =
      lateness.empty() ? 0.0 : static_cast<double>(lateness[lateness.size() / 2]) / kMillisecond;
  const double max_ms =
      lateness.empty() ? 0.0 : static_cast<double>(lateness.back()) / kMillisecond;
  std::printf("summary (%s): %.0f s at 30 fps = %.0f capture times\n",
              with_queue ? "with queue" : "no queue", seconds, seconds * 30);
  std::printf(
      "  captured          %llu\n",
      static_cast<unsigned long long>(std::static_pointer_cast<Source>(src)->buffers_produced()));
  std::printf("  rendered          %llu\n", static_cast<unsigned long long>(sink->rendered()));
  std::printf("  source dropped    %llu\n",
              static_cast<unsigned long long>(src->get<std::uint64_t>("frames-dropped")));
  std::printf("  render lateness   median %.1f ms, max %.1f ms\n", median_ms, max_ms);
  return 0;
}
