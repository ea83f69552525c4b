// Lesson 1: a synced sink renders each buffer when the clock reaches it.
//
//   build/examples/01_simple_sync        # rate 1.0: renders 1 s apart
//   build/examples/01_simple_sync 2      # rate 2.0: renders 0.5 s apart
//
// The Python original's simple_sync: a source pushes 5 buffers with PTS
// 0,1,2,3,4 s (duration 1 s) into fakesink sync=true. The sink turns each PTS
// into running time with the SEGMENT the source sent first,
//     running_time = (pts - segment.start) / segment.rate + segment.base
// and renders when the pipeline clock reads base_time + running_time.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "elements/fakesink.hpp"
#include "runtime/base_source.hpp"
#include "runtime/pipeline.hpp"

using namespace gstmini;

// A source written for this lesson: create() makes the next buffer,
// initial_segment() is the SEGMENT event pushed before the first one.
class ScriptedSrc : public Source {
 public:
  ScriptedSrc(std::string name, double rate) : Source(klass(), std::move(name)), rate_(rate) {}

  static const ElementClass& klass() {
    static const ElementClass k{"scriptedsrc",
                                "Scripted Source",
                                "Source",
                                "5 buffers, pts 0..4 s",
                                "examples",
                                {{"src", PadDirection::Src, PadPresence::Always, "ANY"}},
                                Source::base_properties()};
    return k;
  }

  FlowReturn create(Buffer& buffer) override {
    if (next_ == 5) return FlowReturn::Eos;  // basesrc then pushes EOS downstream
    buffer = Buffer(0);
    buffer.pts = next_ * kSecond;
    buffer.duration = kSecond;
    ++next_;
    return FlowReturn::Ok;
  }

  Segment initial_segment() const override {
    Segment segment;  // TIME, start 0, base 0
    segment.rate = rate_;
    return segment;
  }

 private:
  double rate_;
  std::uint64_t next_ = 0;
};

int main(int argc, char** argv) {
  const double rate = argc > 1 ? std::atof(argv[1]) : 1.0;
  if (rate <= 0) {
    std::fprintf(stderr, "usage: %s [rate > 0]\n", argv[0]);
    return 2;
  }
  // pipeline:4 logs the state changes and the base time; fakesink:5 logs
  // "prerolled" and, per buffer, "render buffer: running time R, clock time
  // C, lateness +L" where C = base time + R. GSTMINI_DEBUG overrides this.
  if (!std::getenv("GSTMINI_DEBUG")) debug_set_threshold_from_string("*:3,pipeline:4,fakesink:5");

  Pipeline pipeline("simple-pipeline");
  auto src = std::make_shared<ScriptedSrc>("src", rate);
  auto sink = std::make_shared<FakeSink>("sink");
  sink->set("sync", true);  // wait for the clock (fakesink's default is false)
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);

  // The handoff runs on the sink's actor, right after each render.
  const auto start = std::chrono::steady_clock::now();
  sink->set_handoff([start](const Buffer& buffer, const FakeSink& s) {
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("render: pts %.3f s  running time %.3f s  wall %.3f s  (late %.3f ms)\n",
                static_cast<double>(buffer.pts) / kSecond,
                static_cast<double>(s.render_running_time()) / kSecond, wall,
                static_cast<double>(s.lateness()) / kMillisecond);
    std::fflush(stdout);
  });

  std::printf("rate %.2f: expect renders every %.3f s of wall time\n", rate, 1.0 / rate);
  // NULL -> READY -> PAUSED: the sink answers ASYNC and holds buffer 0
  //   DEBUG fakesink <sink> prerolled
  // PAUSED -> PLAYING: base_time = what the clock reads now
  //   INFO pipeline <simple-pipeline> base time 0:53:58.941560126 (...)
  // so pts 0 renders at once and pts 1 s at running time 1/rate s:
  //   DEBUG fakesink <sink> render buffer: running time 0:00:00.500000000,
  //         clock time 0:54:04.448996375, lateness +0:00:00.000152431  (rate 2)
  pipeline.set_state(State::Playing);

  // The sink posts EOS once the clock passes the end of the last buffer
  // ("EOS reached", 5 s / rate after PLAYING).
  auto msg = pipeline.bus().timed_pop_filtered(30 * kSecond, MessageType::Eos | MessageType::Error);
  const double total =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  pipeline.set_state(State::Null);

  if (!msg || msg->type != MessageType::Eos) {
    std::printf("no EOS: %s\n", msg ? describe(*msg).c_str() : "timed out");
    return 1;
  }
  std::printf("EOS after %.3f s of wall time: %llu buffers rendered, 5 s of media at rate %.2f\n",
              total, static_cast<unsigned long long>(sink->rendered()), rate);
  return 0;
}
