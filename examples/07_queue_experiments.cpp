// Lesson 7: the Python original's queue experiments, one command each.
//
//   build/examples/07_queue_experiments --experiment NAME [--seconds S]
//
// The pipeline is the original's full_pipeline.py with its HLS segmenter and
// S3 upload folded into one stand-in, "uploader":
//
//   livesrc framerate=30/1 ! queue max-size-buffers=10 leaky=upstream
//       ! uploader ! fakesink sync=true
//
// uploader passes each frame on at once, but after every 30th frame (one
// second of video, a "segment") it blocks for 400 ms, as an upload would.
// 400 ms is 12 capture slots: whatever sits between the camera and the
// upload has to absorb 12 frames, or something gives. The experiments (the
// original README's list) change one thing each:
//
//   baseline        the original: queue of 10, leaky=upstream. 12 frames
//                   arrive during a stall, 10 fit: the queue drops the
//                   newest ~2 per stall, the camera never waits.
//   noqueue         remove the queue: camera, uploader and sink are one
//                   streaming domain, the camera's push waits 400 ms and
//                   the camera misses ~12 capture slots per stall.
//   nosync          fakesink sync=false: the sink renders on arrival
//                   instead of waiting for base_time + pts + latency (it
//                   reports no latency, so none is configured): frames
//                   render right after capture, not a frame later. With a
//                   live source that is all that changes: the camera paces
//                   the stream and the stall hurts just the same.
//   small-upstream  queue of 3, leaky=upstream: ~9 new frames dropped per
//                   stall; the next kept frame is marked DISCONT.
//   large-blocking  queue of 100, leaky=no: nothing is dropped anywhere, the
//                   queue peaks at ~12, and the frames that waited render
//                   up to 400 ms late: latency instead of loss.
//   downstream      queue of 10, leaky=downstream: as many drops as
//                   baseline, but the *oldest* frames go, so what is
//                   rendered after a stall is fresher (compare max lateness).
//   all             every experiment in turn, summaries only.
//
// Look at: "source dropped" (the camera fell behind: back-pressure reached
// it), "queue level" and "queue dropped" (the queue absorbed or leaked),
// "late" (rendered more than a frame after its time) and DISCONT.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "elements/fakesink.hpp"
#include "runtime/base_source.hpp"
#include "runtime/base_transform.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;

namespace {

constexpr int kFramesPerSegment = 30;
constexpr auto kUploadTime = std::chrono::milliseconds(400);

// Blocks its worker for kUploadTime after every kFramesPerSegment frames
// (like identity sleep-time, which sleeps on every buffer).
class Uploader : public Transform {
 public:
  explicit Uploader(std::string name) : Transform(klass(), std::move(name)) {}
  FlowReturn transform_ip(Buffer&) override {
    if (++frames_ % kFramesPerSegment == 0) std::this_thread::sleep_for(kUploadTime);
    return FlowReturn::Ok;
  }

 private:
  static const ElementClass& klass() {
    static const ElementClass k{"uploader", "Uploader",
                                "Filter",   "Stalls like an upload",
                                "example",  transform_pad_templates(),
                                {}};
    return k;
  }
  std::uint64_t frames_ = 0;
};

struct Experiment {
  const char* name;
  bool queue;
  std::uint64_t max_buffers;
  const char* leaky;
  bool sync;
};

const Experiment kExperiments[] = {
    {"baseline", true, 10, "upstream", true},  {"noqueue", false, 0, "no", true},
    {"nosync", true, 10, "upstream", false},   {"small-upstream", true, 3, "upstream", true},
    {"large-blocking", true, 100, "no", true}, {"downstream", true, 10, "downstream", true},
};

struct Render {
  ClockTime pts;
  ClockTime running_time;
  bool discont;
};

unsigned long long u(std::uint64_t v) { return static_cast<unsigned long long>(v); }

void run(const Experiment& e, double seconds, bool progress) {
  Pipeline pipeline(e.name);
  auto camera = make_element("livesrc", "camera");
  auto queue = make_element("queue", "queue");
  auto uploader = std::make_shared<Uploader>("uploader");
  auto sink = std::make_shared<FakeSink>("sink");
  camera->set("framerate", "30/1");
  camera->set("frame-size", 1000);
  queue->set("max-size-buffers", e.max_buffers);
  queue->set("max-size-bytes", 0);  // only the buffer count limits, as in the original
  queue->set("max-size-time", 0);
  queue->set_property_from_string("leaky", e.leaky);
  sink->set("sync", e.sync);
  pipeline.add_many(camera, uploader, sink);
  if (e.queue) {
    pipeline.add(queue);
    pipeline.link_many({camera, queue, uploader, sink});
  } else {
    pipeline.link_many({camera, uploader, sink});
  }

  std::mutex mutex;
  std::vector<Render> renders;
  sink->set_handoff([&](const Buffer& b, const FakeSink& s) {
    std::lock_guard<std::mutex> lock(mutex);
    renders.push_back({b.pts, s.running_time_now(), b.has_flag(BufferFlags::Discont)});
  });

  std::printf("== %s: livesrc 30 fps ! ", e.name);
  if (e.queue) std::printf("queue max-size-buffers=%llu leaky=%s ! ", u(e.max_buffers), e.leaky);
  std::printf("uploader (400 ms every 30 frames) ! fakesink sync=%s\n", e.sync ? "true" : "false");
  pipeline.set_state(State::Playing);

  // Like g_object_get() from the application: sample the level every 5 ms.
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t peak = 0, interval_peak = 0;
  double next_report = 0.5;
  for (auto now = start; now - start < std::chrono::duration<double>(seconds);
       now = std::chrono::steady_clock::now()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const std::uint64_t level = e.queue ? queue->get<std::uint64_t>("current-level-buffers") : 0;
    peak = std::max(peak, level);
    interval_peak = std::max(interval_peak, level);
    const double t =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (progress && t >= next_report) {
      std::printf(
          "t=%.1fs  rendered %3llu  queue peak %3llu  queue dropped %3llu  source dropped %3llu\n",
          next_report, u(sink->rendered()), u(interval_peak),
          u(e.queue ? queue->get<std::uint64_t>("dropped") : 0),
          u(camera->get<std::uint64_t>("frames-dropped")));
      std::fflush(stdout);
      interval_peak = 0;
      next_report += 0.5;
    }
  }
  // The window is over: count what happened in it (NULL takes up to one
  // upload to reach the uploader, and the camera goes on meanwhile).
  const ClockTime latency = pipeline.latency();
  const std::uint64_t captured = std::static_pointer_cast<Source>(camera)->buffers_produced();
  const std::uint64_t source_dropped = camera->get<std::uint64_t>("frames-dropped");
  const std::uint64_t queue_dropped = e.queue ? queue->get<std::uint64_t>("dropped") : 0;
  std::vector<Render> got;
  {
    std::lock_guard<std::mutex> lock(mutex);
    got = renders;
  }
  pipeline.set_state(State::Null);

  std::vector<double> after_capture;
  std::uint64_t late = 0, discont = 0;
  double late_sum = 0;
  for (const Render& r : got) {
    const double ms =
        (static_cast<double>(r.running_time) - static_cast<double>(r.pts)) / kMillisecond;
    after_capture.push_back(ms);
    const double behind = ms - static_cast<double>(latency) / kMillisecond;  // vs its due time
    if (behind > 1000.0 / 30) {
      ++late;
      late_sum += behind;
    }
    if (r.discont) ++discont;
  }
  std::sort(after_capture.begin(), after_capture.end());
  auto at = [&](double q) {
    return after_capture.empty()
               ? 0.0
               : after_capture[static_cast<std::size_t>(q * (after_capture.size() - 1))];
  };
  std::printf("summary %s: %.0f s at 30 fps = %.0f capture slots\n", e.name, seconds, seconds * 30);
  std::printf("  camera: captured %llu, dropped %llu (fell behind: back-pressure reached it)\n",
              u(captured), u(source_dropped));
  if (e.queue)
    std::printf("  queue:  peak level %llu of %llu, dropped %llu (leaky=%s)\n", u(peak),
                u(e.max_buffers), u(queue_dropped), e.leaky);
  else
    std::printf("  queue:  none\n");
  std::printf("  sink:   rendered %llu, DISCONT %llu, latency configured %.1f ms\n", u(got.size()),
              u(discont), static_cast<double>(latency) / kMillisecond);
  std::printf(
      "          rendered after capture (running time - pts): median %.1f ms, max %.1f ms\n",
      at(0.5), at(1));
  std::printf("          late (> 1 frame after base_time + pts + latency): %llu, mean %.1f ms\n",
              u(late), late ? late_sum / static_cast<double>(late) : 0.0);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::string name = "baseline";
  double seconds = 3.0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--experiment") == 0) {
      name = argv[i + 1];
    } else if (std::strcmp(argv[i], "--seconds") == 0) {
      seconds = std::atof(argv[i + 1]);
    } else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (seconds <= 0) {
    std::fprintf(stderr, "--seconds must be > 0\n");
    return 2;
  }
  if (!std::getenv("GSTMINI_DEBUG")) debug_set_threshold_from_string("*:2");
  bool found = false;
  for (const Experiment& e : kExperiments) {
    if (name != "all" && name != e.name) continue;
    run(e, seconds, name != "all");
    found = true;
  }
  if (!found) {
    std::fprintf(stderr,
                 "unknown experiment \"%s\": baseline, noqueue, nosync, small-upstream, "
                 "large-blocking, downstream or all\n",
                 name.c_str());
    return 2;
  }
  return 0;
}
