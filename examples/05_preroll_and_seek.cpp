// Lesson 5: preroll, queries and a seek with a rate.
//
//   build/examples/05_preroll_and_seek          # seek to 3 s at rate 2
//   build/examples/05_preroll_and_seek 0.5      # ... at rate 0.5
//
// fakesrc makes 60 buffers of 100 ms (6 s of "media"); fakesink sync=true.
//  1. PAUSED: the sink answers ASYNC and holds the first buffer without
//     rendering it (preroll). ASYNC_DONE on the bus says it holds one; the
//     position is that buffer's, the duration comes from the source.
//  2. PLAYING for one second: a render every 100 ms of wall time.
//  3. A flushing SEEK to 3 s with a rate: FLUSH_START empties the pipeline,
//     the source pushes a new SEGMENT (start 3 s, rate R), running time
//     restarts at 0, and renders come every 100 ms / R of wall time.
//  4. EOS at 6 s of media.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "elements/fakesink.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;
using Wall = std::chrono::steady_clock;

int main(int argc, char** argv) {
  const double rate = argc > 1 ? std::atof(argv[1]) : 2.0;
  Pipeline pipeline("seek-lesson");
  auto src = make_element("fakesrc", "src");
  auto sink = std::make_shared<FakeSink>("sink");
  src->set("buffer-duration", 100 * kMillisecond);
  src->set("num-buffers", 60);
  sink->set("sync", true);
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);

  const auto start = Wall::now();
  auto wall = [&] { return std::chrono::duration<double>(Wall::now() - start).count(); };
  sink->set_handoff([&](const Buffer& b, const FakeSink& s) {
    std::printf("  wall %6.3f s  rendered pts %s  running time %s\n", wall(),
                format_time(b.pts).c_str(), format_time(s.render_running_time()).c_str());
  });

  // 1. Preroll.
  StateChangeReturn ret = pipeline.set_state(State::Paused);
  std::printf("set_state(PAUSED) -> %s\n", to_string(ret));
  auto done = pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::AsyncDone);
  std::printf("%s: the sink holds its first buffer\n", done ? "ASYNC_DONE" : "no ASYNC_DONE?");
  ClockTime position = kClockTimeNone, duration = kClockTimeNone;
  pipeline.query_position(&position);
  pipeline.query_duration(&duration);
  std::printf("prerolled: position %s of %s\n", format_time(position).c_str(),
              format_time(duration).c_str());

  // 2. Play one second.
  pipeline.set_state(State::Playing);
  pipeline.bus().timed_pop_filtered(kSecond, MessageType::Error);

  // 3. Seek.
  std::printf("seek to 0:00:03 at rate %.2f (flushing)\n", rate);
  if (!pipeline.seek(rate, SeekFlags::Flush, SeekType::Set, 3 * kSecond)) {
    std::printf("seek refused\n");
    return 1;
  }
  auto end = pipeline.bus().timed_pop_filtered(20 * kSecond, MessageType::Eos | MessageType::Error);
  pipeline.query_position(&position);
  std::printf("%s at wall %.3f s, position %s\n", end ? describe(*end).c_str() : "timeout", wall(),
              format_time(position).c_str());
  pipeline.set_state(State::Null);
  return end && end->type == MessageType::Eos ? 0 : 1;
}
