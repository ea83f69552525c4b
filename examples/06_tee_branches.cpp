// Lesson 6: one camera, two branches, and where back-pressure goes.
//
//   build/examples/06_tee_branches              # queues that block (leaky=no)
//   build/examples/06_tee_branches downstream   # queues that drop old frames
//   build/examples/06_tee_branches noqueue      # no queue on either branch
//
//   livesrc ! tee name=t  t. ! queue ! fakesink name=fast
//                         t. ! queue ! identity sleep-time=100000 ! fakesink name=slow
//
// The tee's push completes when both branches answered. Each branch starts
// with a queue, so "answered" means "enqueued". The slow branch handles 10
// frames/s of the camera's 30: its queue fills. With leaky=no it then holds
// its answer, the tee waits, the camera misses capture slots and drops
// frames, and the fast branch starves too: back-pressure from one slow
// branch reaches the source and every other branch. With leaky=downstream
// the slow queue drops its oldest frames instead: the camera and the fast
// branch run at full rate and only the slow branch loses frames.
//
// Without queues the whole graph is one streaming domain, and here this
// runtime differs from GStreamer in *how*, not in *what*: gstmini's tee sends
// the buffer to every branch at once (each element is its own actor, so the
// branches work in parallel) and its push completes when all branches'
// FlowReturns are back; GStreamer's tee pushes into branch 0, waits for it to
// return, then branch 1, all in the camera's one streaming thread. Either
// way the camera waits for the slowest branch (here both give ~10 frames/s
// and ~60 dropped capture slots); a frame costs max(branch times) here and
// sum(branch times) in GStreamer, which shows once two branches are slow.
//
// Flow statistics are on: at EOS the example prints the table per link and
// element, and writes the samples (06_tee_branches-<leaky>.csv) and the
// chart (.html) to the current directory. Read in the table:
//   leaky=no:  "blocked%" of t:src_1 -> slow_queue:sink and of
//              camera:src -> t:sink near 100%: back-pressure reached the
//              camera, which drops capture slots (element "camera", dropped).
//   leaky=downstream: those links are hardly blocked, the camera drops
//              nothing, slow_queue's "dropped" counts what the slow branch lost.
#include <cstdio>
#include <fstream>
#include <string>

#include "elements/queue.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"
#include "runtime/stats/flow_chart.hpp"

using namespace gstmini;

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "no";
  const bool queues = mode != "noqueue";
  const std::string leaky = queues ? mode : "no";
  Pipeline pipeline("branches");
  const std::string samples = "06_tee_branches-" + mode + ".csv";
  StatsOptions stats;
  stats.file = samples;
  stats.interval = 20 * kMillisecond;
  stats.print_table = false;                            // printed below, with the lesson
  const bool own_stats = pipeline.enable_stats(stats);  // false: GSTMINI_TRACERS set them up
  auto camera = make_element("livesrc", "camera");
  auto tee = make_element("tee", "t");
  auto fast_queue = make_element("queue", "fast_queue");
  auto slow_queue = make_element("queue", "slow_queue");
  auto slow_work = make_element("identity", "slow_work");
  auto fast = make_element("fakesink", "fast");
  auto slow = make_element("fakesink", "slow");
  camera->set("framerate", "30/1");
  camera->set("frame-size", 1000);
  slow_work->set("sleep-time", 100000);  // µs per frame: at most 10 frames/s
  for (const auto& queue : {fast_queue, slow_queue}) {
    queue->set("max-size-buffers", 5);
    queue->set_property_from_string("leaky", leaky);
  }
  pipeline.add_many(camera, tee, slow_work, fast, slow);
  pipeline.link(camera, tee);
  if (queues) {
    pipeline.add_many(fast_queue, slow_queue);
    pipeline.link_many({tee, fast_queue, fast});             // tee's src_0
    pipeline.link_many({tee, slow_queue, slow_work, slow});  // tee's src_1
  } else {
    pipeline.link_many({tee, fast});             // src_0: the tee pushes straight in
    pipeline.link_many({tee, slow_work, slow});  // src_1
  }

  pipeline.set_state(State::Playing);
  auto error = pipeline.bus().timed_pop_filtered(3 * kSecond, MessageType::Error);
  if (!error) {
    // Like gst-launch-1.0 -e: EOS from the camera, then wait until both
    // sinks got it (the queues drain first).
    pipeline.send_event(Event::eos());
    error = pipeline.bus().timed_pop_filtered(10 * kSecond, MessageType::Eos | MessageType::Error);
    if (error && error->type == MessageType::Eos) error.reset();
  }
  const StatsSnapshot snapshot = pipeline.stats();
  pipeline.set_state(State::Null);
  if (error) {
    std::printf("%s\n", describe(*error).c_str());
    return 1;
  }
  auto stat = [](const ElementPtr& e, const char* name) {
    return static_cast<unsigned long long>(e->get<std::uint64_t>(name));
  };
  if (queues)
    std::printf("3 s at 30 fps, queues leaky=%s, max-size-buffers=5\n", leaky.c_str());
  else
    std::printf("3 s at 30 fps, no queues: one streaming domain, the tee waits for both\n");
  std::printf("  camera dropped       %llu of 90 capture slots\n", stat(camera, "frames-dropped"));
  std::printf("  fast branch rendered %llu\n", stat(fast, "rendered"));
  std::printf("  slow branch rendered %llu, its queue dropped %llu\n", stat(slow, "rendered"),
              queues ? stat(slow_queue, "dropped") : 0ULL);
  std::printf("\n%s", format_stats_table(snapshot).c_str());
  if (own_stats) {
    const std::string chart = "06_tee_branches-" + mode + ".html";
    std::ofstream(chart) << render_flow_chart(read_stats_file(samples), "06_tee_branches, " + mode);
    std::printf("\nsamples: %s\nchart:   %s\n", samples.c_str(), chart.c_str());
  }
  return 0;
}
