// Lesson 8: an application's threads around a pipeline.
//
//   build/examples/08_app_threads                       # 4 producers, max-buffers 4
//   build/examples/08_app_threads --producers 8 --max-buffers 1
//   build/examples/08_app_threads --buffers 100000 --work-us 5
//
//   [producer threads] -> appsrc block=true max-buffers=N ! identity ! appsink
//                                                               -> [consumer thread]
//
// Several std::threads push numbered buffers into one appsrc. appsrc holds
// at most max-buffers; when it is full, push_buffer() blocks the calling
// thread until the pipeline took one (block=true). The pipeline is paced by
// the consumer: appsink keeps at most its max-buffers and then holds the
// next buffer unanswered, so back-pressure travels appsink -> identity ->
// appsrc -> the producers, the same credit mechanism as between elements.
// The consumer thread pulls with a timeout (try_pull_sample) until EOS.
//
// Look at: how long producers spent blocked in push_buffer (back-pressure
// reaching app threads), how full appsrc got, buffers/s end to end, and
// the check that every producer's buffers arrived once and in order
// (appsrc is one FIFO: order across producers is whatever the pushes
// raced to, order within one producer is kept).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "elements/appsink.hpp"
#include "elements/appsrc.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;
using WallClock = std::chrono::steady_clock;

namespace {

struct Options {
  unsigned producers = 4;
  std::uint64_t max_buffers = 4;
  std::uint64_t sink_max_buffers = 4;
  std::uint64_t buffers = 20000;  // per producer
  unsigned work_us = 0;           // consumer's work per buffer (busy wait)
};

bool parse(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const long long v = std::atoll(argv[i + 1]);
    if (v < 0) return false;
    if (flag == "--producers" && v > 0)
      o->producers = static_cast<unsigned>(v);
    else if (flag == "--max-buffers")
      o->max_buffers = static_cast<std::uint64_t>(v);
    else if (flag == "--sink-max-buffers")
      o->sink_max_buffers = static_cast<std::uint64_t>(v);
    else if (flag == "--buffers" && v > 0)
      o->buffers = static_cast<std::uint64_t>(v);
    else if (flag == "--work-us")
      o->work_us = static_cast<unsigned>(v);
    else
      return false;
  }
  return argc % 2 == 1;
}

double seconds(WallClock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse(argc, argv, &opt)) {
    std::fprintf(stderr,
                 "usage: %s [--producers N>0] [--max-buffers N] [--sink-max-buffers N] "
                 "[--buffers N>0 per producer] [--work-us N]\n",
                 argv[0]);
    return 2;
  }
  if (!std::getenv("GSTMINI_DEBUG")) debug_set_threshold_from_string("*:2");

  Pipeline pipeline("app-threads");
  auto src = std::make_shared<AppSrc>("src");
  auto sink = std::make_shared<AppSink>("sink");
  auto identity = make_element("identity", "identity");
  src->set("block", true);
  src->set("max-buffers", opt.max_buffers);
  sink->set("max-buffers", opt.sink_max_buffers);
  sink->set("sync", false);
  pipeline.add_many(src, identity, sink);
  pipeline.link_many({src, identity, sink});
  pipeline.set_state(State::Playing);
  std::printf(
      "%u producers x %llu buffers -> appsrc block=true max-buffers=%llu ! identity ! "
      "appsink max-buffers=4 -> 1 consumer (%u us of work per buffer)\n",
      opt.producers, static_cast<unsigned long long>(opt.buffers),
      static_cast<unsigned long long>(opt.max_buffers), opt.work_us);

  // Producers: offset = producer id, offset_end = its sequence number.
  struct ProducerStats {
    WallClock::duration blocked{};
    WallClock::duration longest{};
    std::uint64_t refused = 0;
  };
  std::vector<ProducerStats> stats(opt.producers);
  std::atomic<std::uint64_t> fullest{0};  // appsrc's level seen right after a push
  const auto start = WallClock::now();
  std::vector<std::thread> producers;
  for (unsigned p = 0; p < opt.producers; ++p) {
    producers.emplace_back([&, p] {
      for (std::uint64_t i = 0; i < opt.buffers; ++i) {
        Buffer b(64);
        b.offset = p;
        b.offset_end = i;
        const auto before = WallClock::now();
        if (src->push_buffer(std::move(b)) != AppSrc::Push::Queued) ++stats[p].refused;
        const auto took = WallClock::now() - before;
        stats[p].blocked += took;
        stats[p].longest = std::max(stats[p].longest, took);
        if (i % 64 == 0) {  // reading a property takes its lock: sample it
          const auto level = src->get<std::uint64_t>("current-level-buffers");
          std::uint64_t seen = fullest.load();
          while (level > seen && !fullest.compare_exchange_weak(seen, level)) {
          }
        }
      }
    });
  }

  // Consumer: pulls until EOS; checks each producer's sequence.
  std::vector<std::uint64_t> next(opt.producers, 0);
  std::uint64_t pulled = 0, out_of_order = 0, timeouts = 0;
  std::thread consumer([&] {
    for (;;) {
      auto buffer = sink->try_pull_sample(100 * kMillisecond);
      if (!buffer) {
        if (sink->is_eos()) break;
        ++timeouts;  // nothing for 100 ms: a stall, or the producers are slow
        continue;
      }
      ++pulled;
      if (buffer->offset >= opt.producers || buffer->offset_end != next[buffer->offset]++)
        ++out_of_order;
      if (opt.work_us) {
        const auto until = WallClock::now() + std::chrono::microseconds(opt.work_us);
        while (WallClock::now() < until) {
        }
      }
    }
  });

  for (std::thread& t : producers) t.join();
  const auto produced = WallClock::now();
  src->end_of_stream();  // after the last push: EOS follows every buffer
  consumer.join();
  const auto done = WallClock::now();
  auto eos = pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::Eos | MessageType::Error);
  pipeline.set_state(State::Null);

  const std::uint64_t total = opt.buffers * opt.producers;
  std::printf("producers (time spent blocked in push_buffer, out of %.3f s pushing):\n",
              seconds(produced - start));
  for (unsigned p = 0; p < opt.producers; ++p)
    std::printf("  producer %u: blocked %.3f s total, longest push %.3f ms, refused %llu\n", p,
                seconds(stats[p].blocked), seconds(stats[p].longest) * 1000,
                static_cast<unsigned long long>(stats[p].refused));
  std::printf("appsrc fullest level seen: %llu of max-buffers %llu\n",
              static_cast<unsigned long long>(fullest.load()),
              static_cast<unsigned long long>(opt.max_buffers));
  std::printf("consumer: pulled %llu of %llu, out of order or foreign %llu, empty pulls %llu\n",
              static_cast<unsigned long long>(pulled), static_cast<unsigned long long>(total),
              static_cast<unsigned long long>(out_of_order),
              static_cast<unsigned long long>(timeouts));
  std::printf("throughput: %.0f buffers/s end to end (%.3f s)\n",
              static_cast<double>(pulled) / seconds(done - start), seconds(done - start));
  std::printf("bus: %s\n", eos ? describe(*eos).c_str() : "no EOS within 5 s");
  const bool ok = pulled == total && out_of_order == 0 && eos && eos->type == MessageType::Eos;
  return ok ? 0 : 1;
}
