// bench_throughput: buffers per second through fakesrc ! ... ! fakesink sync=false.
//
//   bench_throughput --buffers N [--window W] [--identities K] [--queues Q] [--list L] [--tee B]
//
// Builds fakesrc num-buffers=N [buffers-per-list=L] ! identity ! queue !
// identity ! ... ! fakesink sync=false, with K identities and Q queues
// interleaved (identity first), every link with window W (0, the default:
// the receivers' credit; 1: strict lock-step). Times
// PLAYING -> EOS on the bus with steady_clock and prints one line:
//   gstmini pipeline=<desc> window=W buffers=N seconds=S buffers_per_s=R
// <desc> has no spaces: "fakesrc!identity!queue!fakesink" (",list=L" when L > 1).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;

namespace {

[[noreturn]] void usage(const char* argv0) {
  std::fprintf(
      stderr,
      "usage: %s --buffers N [--window W] [--identities K] [--queues Q] [--list L] [--tee B]\n",
      argv0);
  std::exit(2);
}

struct Args {
  long long buffers = 1000000;
  long long window = 0;
  long long identities = 0;
  long long queues = 0;
  long long tee = 0;  // > 0: fakesrc ! tee, B branches of queue ! fakesink
  long long list = 1;
};

Args parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    if (i + 1 >= argc) usage(argv[0]);
    const char* value = argv[++i];
    char* end = nullptr;
    long long n = std::strtoll(value, &end, 10);
    if (*value == '\0' || *end != '\0' || n < 0) usage(argv[0]);
    const std::string key = argv[i - 1];
    if (key == "--buffers")
      args.buffers = n;
    else if (key == "--window")
      args.window = n;
    else if (key == "--identities")
      args.identities = n;
    else if (key == "--queues")
      args.queues = n;
    else if (key == "--tee")
      args.tee = n;
    else if (key == "--list")
      args.list = n;
    else
      usage(argv[0]);
  }
  if (args.buffers < 1 || args.window < 0 || args.list < 1) usage(argv[0]);
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse(argc, argv);

  PipelineOptions options = PipelineOptions::from_env();
  options.window = static_cast<std::uint32_t>(args.window);
  Pipeline pipeline("bench", options);

  std::vector<ElementPtr> chain;
  auto src = make_element("fakesrc", "src");
  src->set("num-buffers", args.buffers);
  src->set("buffers-per-list", args.list);
  chain.push_back(src);
  std::string desc = "fakesrc";
  if (args.list > 1) desc += ",list=" + std::to_string(args.list);
  for (long long i = 0; i < std::max(args.identities, args.queues); ++i) {
    if (i < args.identities) {
      chain.push_back(make_element("identity"));
      desc += "!identity";
    }
    if (i < args.queues) {
      chain.push_back(make_element("queue"));
      desc += "!queue";
    }
  }
  std::vector<ElementPtr> sinks;
  auto new_sink = [&] {
    auto sink = make_element("fakesink");
    sink->set("sync", false);
    sinks.push_back(sink);
    return sink;
  };
  if (args.tee > 0) {
    auto tee = make_element("tee", "t");
    chain.push_back(tee);
    for (const ElementPtr& e : chain) pipeline.add(e);
    pipeline.link_many(chain);
    desc += "!tee(" + std::to_string(args.tee) + "x queue!fakesink)";
    for (long long b = 0; b < args.tee; ++b) {
      auto queue = make_element("queue");
      auto sink = new_sink();
      pipeline.add_many(queue, sink);
      pipeline.link_many({tee, queue, sink});
    }
  } else {
    chain.push_back(new_sink());
    desc += "!fakesink";
    for (const ElementPtr& e : chain) pipeline.add(e);
    pipeline.link_many(chain);
  }

  const auto start = std::chrono::steady_clock::now();
  pipeline.set_state(State::Playing);
  auto msg =
      pipeline.bus().timed_pop_filtered(600 * kSecond, MessageType::Eos | MessageType::Error);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::uint64_t rendered = sinks.front()->get<std::uint64_t>("rendered");
  for (const ElementPtr& sink : sinks)
    rendered = std::min(rendered, sink->get<std::uint64_t>("rendered"));
  pipeline.set_state(State::Null);

  if (!msg || msg->type != MessageType::Eos) {
    std::fprintf(stderr, "bench_throughput: %s\n", msg ? describe(*msg).c_str() : "timed out");
    return 1;
  }
  if (rendered != static_cast<std::uint64_t>(args.buffers)) {
    std::fprintf(stderr, "bench_throughput: rendered %llu of %lld buffers\n",
                 static_cast<unsigned long long>(rendered), args.buffers);
    return 1;
  }
  std::printf("gstmini pipeline=%s window=%lld buffers=%lld seconds=%.6f buffers_per_s=%.0f\n",
              desc.c_str(), args.window, args.buffers, seconds,
              static_cast<double>(args.buffers) / seconds);
  return 0;
}
