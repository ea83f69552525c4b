// appsrc and appsink: application threads feed and drain a pipeline; their
// back-pressure is the pipeline's own, extended to the app thread.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "elements/appsink.hpp"
#include "elements/appsrc.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {
Buffer numbered(std::uint64_t n) {
  Buffer b(8);
  b.offset = n;
  return b;
}
}  // namespace

TEST_CASE("buffers pushed by the app reach the appsink in order, then EOS", "[app]") {
  Pipeline pipeline("p");
  auto src = test::make<AppSrc>("src");
  auto sink = test::make<AppSink>("sink");
  sink->set("sync", false);
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  pipeline.set_state(State::Playing);
  for (std::uint64_t i = 0; i < 50; ++i)
    REQUIRE(src->push_buffer(numbered(i)) == AppSrc::Push::Queued);
  src->end_of_stream();
  for (std::uint64_t i = 0; i < 50; ++i) {
    auto buffer = sink->pull_sample();
    REQUIRE(buffer);
    CHECK(buffer->offset == i);
  }
  CHECK_FALSE(sink->pull_sample());  // EOS
  CHECK(sink->is_eos());
  auto msg = test::wait_eos_or_error(pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(src->push_buffer(numbered(99)) == AppSrc::Push::Eos);
}

TEST_CASE("a pull with nothing to pull times out cleanly", "[app]") {
  Pipeline pipeline("p");
  auto src = test::make<AppSrc>("src");
  auto sink = test::make<AppSink>("sink");
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  pipeline.set_state(State::Playing);
  CHECK_FALSE(sink->try_pull_sample(10 * kMillisecond));
  CHECK_FALSE(sink->is_eos());
}

TEST_CASE("a blocking push waits for room and the consumer's pulls make it", "[app]") {
  Pipeline pipeline("p");
  auto src = test::make<AppSrc>("src");
  auto sink = test::make<AppSink>("sink");
  src->set("max-buffers", 2);
  src->set("block", true);
  sink->set("max-buffers", 1);
  sink->set("sync", false);
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  pipeline.set_state(State::Playing);

  std::atomic<int> pushed{0};
  std::thread producer([&] {
    for (std::uint64_t i = 0; i < 20; ++i)
      if (src->push_buffer(numbered(i)) == AppSrc::Push::Queued) ++pushed;
    src->end_of_stream();
  });
  // Nothing is pulled yet: at most 2 queued in appsrc, 1 being pushed,
  // 1 held by the full appsink and 1 in its queue can be in the pipeline.
  std::vector<std::uint64_t> got;
  while (auto buffer = sink->pull_sample()) got.push_back(buffer->offset);
  producer.join();
  CHECK(pushed == 20);
  REQUIRE(got.size() == 20);
  for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == i);
}

TEST_CASE("a non-blocking push into a full appsrc is refused, and accepted once there is room",
          "[app]") {
  auto src = test::make<AppSrc>("src");
  src->set("max-buffers", 2);
  test::ClockedPipeline s({src});  // synced sink on a clock that only moves when told
  auto timed = [](std::uint64_t n) {
    Buffer b = numbered(n);
    b.pts = n * kSecond;
    b.duration = kSecond;
    return b;
  };
  CHECK(src->push_buffer(timed(0)) == AppSrc::Push::Flushing);  // not started yet
  s.pipeline->set_state(State::Playing);
  REQUIRE(src->push_buffer(timed(0)) == AppSrc::Push::Queued);
  REQUIRE(src->push_buffer(timed(1)) == AppSrc::Push::Queued);
  REQUIRE(s.clock->wait_for_pending(1));  // the sink holds buffer 1: the loop waits
  CHECK(src->push_buffer(timed(2)) == AppSrc::Push::Queued);
  CHECK(src->push_buffer(timed(3)) == AppSrc::Push::Queued);
  CHECK(src->push_buffer(timed(4)) == AppSrc::Push::Full);  // refused, not lost
  CHECK(src->get<std::uint64_t>("current-level-buffers") == 2);
  s.clock->advance(kSecond);  // buffer 1 renders, the loop takes buffer 2
  REQUIRE(s.rendered_n(2));
  REQUIRE(s.clock->wait_for_pending(1));
  CHECK(src->push_buffer(timed(4)) == AppSrc::Push::Queued);
}

TEST_CASE("buffers from several producer threads all arrive exactly once, each producer's in order",
          "[app][threads]") {
  constexpr std::uint64_t kProducers = 4, kEach = 500;
  Pipeline pipeline("p");
  auto src = test::make<AppSrc>("src");
  auto sink = test::make<AppSink>("sink");
  src->set("max-buffers", 3);  // small: the producers block on each other
  src->set("block", true);
  sink->set("max-buffers", 2);
  sink->set("sync", false);
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  pipeline.set_state(State::Playing);

  // offset: the producer, offset_end: its sequence number.
  std::vector<std::thread> producers;
  std::atomic<std::uint64_t> refused{0};
  for (std::uint64_t p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (std::uint64_t i = 0; i < kEach; ++i) {
        Buffer b(16);
        b.offset = p;
        b.offset_end = i;
        if (src->push_buffer(std::move(b)) != AppSrc::Push::Queued) ++refused;
      }
    });
  }
  std::thread closer([&] {  // EOS once every producer is done
    for (std::thread& t : producers) t.join();
    src->end_of_stream();
  });

  std::vector<std::vector<std::uint64_t>> got(kProducers);
  std::uint64_t foreign = 0;
  while (auto buffer = sink->try_pull_sample(10 * kSecond)) {
    if (buffer->offset < kProducers)
      got[buffer->offset].push_back(buffer->offset_end);
    else
      ++foreign;
  }
  closer.join();
  CHECK(sink->is_eos());  // the loop ended on EOS, not on the timeout
  CHECK(refused == 0);
  CHECK(foreign == 0);
  for (std::uint64_t p = 0; p < kProducers; ++p) {
    INFO("producer " << p);
    REQUIRE(got[p].size() == kEach);
    for (std::uint64_t i = 0; i < kEach; ++i) REQUIRE(got[p][i] == i);  // once each, in order
  }
  auto msg = test::wait_eos_or_error(pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
}
