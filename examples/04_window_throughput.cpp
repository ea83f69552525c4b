// Lesson 4: the link window — lock-step pushes vs pipelined pushes.
//
//   build/examples/04_window_throughput           # 200000 buffers per run
//   build/examples/04_window_throughput 1000000
//
// fakesrc ! identity ! fakesink sync=false, as fast as it goes, three ways:
//   window 1   GStreamer's semantics: a push completes when the whole chain
//              answered, so one buffer is in flight in the streaming domain
//              and every buffer costs two actor round trips.
//   window 64  up to 64 buffers in flight per link: fakesrc, identity and
//              fakesink run at the same time on different cores, and the
//              FlowReturn comes back with a later push.
//   list 64    window 1 but fakesrc buffers-per-list=64: one round trip
//              carries 64 buffers (GstBufferList) -- on the first link only:
//              identity, like GStreamer's basetransform, has no chain_list,
//              so it chains the list's buffers one by one and pushes them on
//              singly. (Drop the identity and lists go ~30x faster.)
// The log ("*:3,pipeline:4") shows the window each link got:
//   INFO pipeline <window-1> linked src:src to id:sink (window 1)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;

// Runs one pipeline to EOS; returns buffers per second (0 on failure).
static double run(const std::string& name, long long buffers, std::uint32_t window,
                  std::uint64_t per_list) {
  PipelineOptions options = PipelineOptions::from_env();
  options.window = window;
  Pipeline pipeline(name, options);
  auto src = make_element("fakesrc", "src");
  auto id = make_element("identity", "id");
  auto sink = make_element("fakesink", "sink");
  src->set("num-buffers", buffers);
  src->set("buffers-per-list", per_list);
  sink->set("sync", false);  // no clock: render as soon as a buffer arrives
  pipeline.add_many(src, id, sink);
  pipeline.link_many({src, id, sink});

  const auto start = std::chrono::steady_clock::now();
  pipeline.set_state(State::Playing);
  // fakesrc returns EOS after num-buffers; the sink posts EOS on the bus.
  auto msg =
      pipeline.bus().timed_pop_filtered(120 * kSecond, MessageType::Eos | MessageType::Error);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto rendered = sink->get<std::uint64_t>("rendered");
  pipeline.set_state(State::Null);
  if (!msg || msg->type != MessageType::Eos) {
    std::printf("%-10s failed: %s\n", name.c_str(), msg ? describe(*msg).c_str() : "timed out");
    return 0;
  }
  const double rate = static_cast<double>(rendered) / seconds;
  std::printf(
      "%-10s window %2u, buffers-per-list %2llu: %llu buffers in %.3f s = %.2f M buffers/s\n",
      name.c_str(), window, static_cast<unsigned long long>(per_list),
      static_cast<unsigned long long>(rendered), seconds, rate / 1e6);
  std::fflush(stdout);
  return rate;
}

int main(int argc, char** argv) {
  const long long buffers = argc > 1 ? std::atoll(argv[1]) : 200000;
  if (buffers <= 0) {
    std::fprintf(stderr, "usage: %s [num-buffers > 0]\n", argv[0]);
    return 2;
  }
  if (!std::getenv("GSTMINI_DEBUG")) debug_set_threshold_from_string("*:3,pipeline:4");

  std::printf("fakesrc num-buffers=%lld ! identity ! fakesink sync=false\n", buffers);
  const double lockstep = run("window-1", buffers, 1, 1);
  const double pipelined = run("window-64", buffers, 64, 1);
  const double lists = run("list-64", buffers, 1, 64);
  if (lockstep <= 0 || pipelined <= 0 || lists <= 0) return 1;

  std::printf("window 64 vs window 1:        x%.1f\n", pipelined / lockstep);
  std::printf("buffer lists of 64 vs single: x%.1f\n", lists / lockstep);
  return 0;
}
