// Lesson 2: a live source and a synced sink (the blog's first full pipeline).
//
//   build/examples/02_live_pipeline            # livesrc framerate=30/1 for 3 s
//   build/examples/02_live_pipeline 60/1 5     # 60 fps for 5 s
//   build/examples/02_live_pipeline --queue    # livesrc ! queue ! fakesink
//
// livesrc is camera-like: it asks the pipeline clock to wake it every
// 1/framerate, captures a frame and stamps it with its capture slot n/fps
// (like a camera's hardware timestamp). A frame exists only once its period
// is over, so the camera reports one frame of latency; on PAUSED->PLAYING
// the pipeline asks every sink for the latency upstream and configures it
// (LATENCY event). fakesink sync=true then renders a frame when the clock reads
//     base_time + running_time + latency
// and its lateness is how late the clock's wake-up reached the sink.
// Without --queue the camera's push is lock-step: it waits while the sink
// waits; with --queue the queue answers on enqueue and the camera runs free.
//
// The log (default "*:3,livesrc:4,fakesink:5", or GSTMINI_DEBUG):
//   INFO  livesrc <camera> captured frame 30, pts 0:00:01.000000000     once a second
//   DEBUG fakesink <sink> render buffer: running time R, clock time C, lateness +L
//   INFO  livesrc <camera> captured 91 frames, dropped 0                at PAUSED->READY
// The call-stack flow of every push (the blog's PUSHING / RECEIVED /
// RETURNING trace, as messages between the two actors):
//   GSTMINI_DEBUG="*:3,livesrc:6,fakesink:6" build/examples/02_live_pipeline
//   LOG  livesrc <camera> PUSHING buffer 1 (0:00:00.033495580) to sink:sink
//   LOG fakesink <sink>   chain — RECEIVED buffer pts 0:00:00.033495580 from camera:src
//   DEBUG fakesink <sink>   render buffer: running time 0:00:00.033495580, ...
//   LOG fakesink <sink>   RETURNING ok to caller
//   LOG  livesrc <camera> PUSH RETURNED: ok
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "elements/fakesink.hpp"
#include "runtime/base_source.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;

static double percentile_us(std::vector<ClockTimeDiff> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return static_cast<double>(v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))]) /
         1000.0;
}

int main(int argc, char** argv) {
  // --queue puts a queue between camera and sink: two streaming domains.
  const bool with_queue = argc > 1 && std::string(argv[1]) == "--queue";
  if (with_queue) --argc, ++argv;
  const std::string framerate = argc > 1 ? argv[1] : "30/1";  // "60" means 60/1
  const double seconds = argc > 2 ? std::atof(argv[2]) : 3.0;
  if (!std::getenv("GSTMINI_DEBUG")) debug_set_threshold_from_string("*:3,livesrc:4,fakesink:5");

  Pipeline pipeline("live-pipeline");
  auto src = make_element("livesrc", "camera");  // is-live=true: no preroll
  auto sink = std::make_shared<FakeSink>("sink");
  src->set("framerate", framerate);
  sink->set("sync", true);
  pipeline.add_many(src, sink);
  if (with_queue) {
    // The queue answers the camera's push on enqueue: the camera never waits
    // for the sink's clock; the sink's side runs as its own domain.
    auto queue = make_element("queue", "queue");
    pipeline.add(queue);
    pipeline.link_many({src, queue, sink});
  } else {
    pipeline.link(src, sink);
  }

  // How late each render was (clock now - base_time - running time).
  std::mutex mutex;
  std::vector<ClockTimeDiff> lateness;
  sink->set_handoff([&](const Buffer&, const FakeSink& s) {
    std::lock_guard<std::mutex> lock(mutex);
    lateness.push_back(s.lateness());
  });

  // A live pipeline answers NO_PREROLL on the way to PAUSED and starts
  // capturing at PLAYING, when base_time is taken: frame 0 has pts 0.
  pipeline.set_state(State::Playing);
  std::printf("live-pipeline: livesrc framerate=%s ! %sfakesink sync=true, running %.1f s\n",
              framerate.c_str(), with_queue ? "queue ! " : "", seconds);
  std::fflush(stdout);

  // A live source never ends by itself: run for a while, stop on any ERROR.
  auto error =
      pipeline.bus().timed_pop_filtered(static_cast<ClockTime>(seconds * 1e9), MessageType::Error);
  pipeline.set_state(State::Null);  // livesrc logs "captured N frames, dropped M"
  if (error) {
    std::printf("error: %s\n", describe(*error).c_str());
    return 1;
  }

  const auto captured = std::static_pointer_cast<Source>(src)->buffers_produced();
  std::lock_guard<std::mutex> lock(mutex);
  std::printf("frames captured:  %llu\n", static_cast<unsigned long long>(captured));
  std::printf("frames rendered:  %llu\n", static_cast<unsigned long long>(sink->rendered()));
  std::printf("latency:          %s (configured by the pipeline from the camera's)\n",
              format_time(pipeline.latency()).c_str());
  std::printf("frames dropped:   %llu at the source (fell behind), %llu at the sink (too late)\n",
              static_cast<unsigned long long>(src->get<std::uint64_t>("frames-dropped")),
              static_cast<unsigned long long>(sink->dropped()));
  std::printf("render lateness:  median %.0f us, p99 %.0f us, max %.0f us (%zu renders)\n",
              percentile_us(lateness, 0.5), percentile_us(lateness, 0.99),
              percentile_us(lateness, 1.0), lateness.size());
  return 0;
}
