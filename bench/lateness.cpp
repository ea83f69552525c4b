// bench_lateness: how late a synced sink renders live frames.
//
//   bench_lateness --seconds S --fps F
//
// Runs livesrc framerate=F/1 ! fakesink sync=true for S seconds and collects,
// from fakesink's handoff, for every render:
//  - lateness: clock time at render - (base_time + running time of the pts),
//    the sink's own figure (median_us, p99_us, max_us);
//  - lateness against the frame's schedule: clock time at render -
//    (base_time + n / F) for frame n (frame_median_us, frame_p99_us). livesrc
//    stamps a frame with the running time it woke up to capture it, so this
//    adds the source's clock wake-up to the sink's figure. It is the one to
//    compare with a GStreamer sink that waits on the clock for its frame.
// Prints one line:
//   gstmini lateness fps=F seconds=S count=N median_us=M p99_us=P max_us=X frame_median_us=..
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "elements/fakesink.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;

namespace {

[[noreturn]] void usage(const char* argv0) {
  std::fprintf(stderr, "usage: %s --seconds S --fps F\n", argv0);
  std::exit(2);
}

double pick_us(const std::vector<ClockTimeDiff>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
  return static_cast<double>(sorted[i]) / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 10;
  long long fps = 30;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--seconds")
      seconds = std::atof(argv[i + 1]);
    else if (key == "--fps")
      fps = std::atoll(argv[i + 1]);
    else
      usage(argv[0]);
  }
  if (argc % 2 == 0 || seconds <= 0 || fps <= 0) usage(argv[0]);

  Pipeline pipeline("bench-lateness");
  auto src = make_element("livesrc", "src");
  auto sink = std::make_shared<FakeSink>("sink");
  src->set("framerate", std::to_string(fps) + "/1");
  sink->set("sync", true);
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);

  std::mutex mutex;
  std::vector<ClockTimeDiff> lateness, vs_frame;
  lateness.reserve(static_cast<std::size_t>(seconds * static_cast<double>(fps)) + 16);
  vs_frame.reserve(lateness.capacity());
  const auto period_ns = static_cast<double>(kSecond) / static_cast<double>(fps);
  sink->set_handoff([&](const Buffer& buffer, const FakeSink& s) {
    const auto scheduled =
        static_cast<ClockTimeDiff>(static_cast<double>(buffer.offset) * period_ns);
    std::lock_guard<std::mutex> lock(mutex);
    lateness.push_back(s.lateness());
    vs_frame.push_back(static_cast<ClockTimeDiff>(s.render_running_time()) + s.lateness() -
                       scheduled);
  });

  pipeline.set_state(State::Playing);
  auto error =
      pipeline.bus().timed_pop_filtered(static_cast<ClockTime>(seconds * 1e9), MessageType::Error);
  pipeline.set_state(State::Null);
  if (error) {
    std::fprintf(stderr, "bench_lateness: %s\n", describe(*error).c_str());
    return 1;
  }

  std::lock_guard<std::mutex> lock(mutex);
  std::sort(lateness.begin(), lateness.end());
  std::sort(vs_frame.begin(), vs_frame.end());
  std::printf(
      "gstmini lateness fps=%lld seconds=%g count=%zu median_us=%.1f p99_us=%.1f max_us=%.1f "
      "frame_median_us=%.1f frame_p99_us=%.1f\n",
      fps, seconds, lateness.size(), pick_us(lateness, 0.5), pick_us(lateness, 0.99),
      pick_us(lateness, 1.0), pick_us(vs_frame, 0.5), pick_us(vs_frame, 0.99));
  return 0;
}
