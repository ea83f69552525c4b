// Sinks render at base_time + running_time(pts), woken by the clock; late
// buffers beyond max-lateness are dropped and counted. All on a TestClock.
#include <catch2/catch.hpp>

#include "test_util.hpp"

using namespace gstmini;

namespace {

// fakesrc whose SEGMENT has a chosen rate (the original's simple_sync lesson).
struct RateSrc : FakeSrc {
  RateSrc(std::string name, double rate) : FakeSrc(std::move(name)), rate_(rate) {}
  Segment initial_segment() const override {
    Segment s;
    s.rate = rate_;
    return s;
  }
  double rate_;
};

}  // namespace

TEST_CASE("a synced sink renders a buffer only when the clock reaches its running time", "[sync]") {
  test::ClockedPipeline s({test::timed_fakesrc(kSecond, 6)});
  s.pipeline->set_state(State::Playing);
  REQUIRE(s.clock->wait_for_pending(1));
  const ClockTime base = s.pipeline->base_time();
  CHECK(base == 1000 * kSecond);
  CHECK(s.clock->next_pending_time() == base + kSecond);  // buffer 1, pts 1 s
  CHECK(test::rendered_count(*s.rendered) == 1);          // buffer 0, pts 0, at once

  s.clock->set_time(base + kSecond - 1);  // 1 ns early: nothing fires
  CHECK(s.clock->pending_count() == 1);
  CHECK(test::rendered_count(*s.rendered) == 1);

  s.clock->set_time(base + kSecond);
  REQUIRE(s.rendered_n(2));
  CHECK(s.rendered->get().buffers[1].pts == kSecond);
  CHECK(s.rendered->get().lateness[1] == 0);
}

TEST_CASE("late buffers beyond max-lateness are dropped and counted", "[sync]") {
  test::ClockedPipeline s({test::timed_fakesrc(kSecond, 6)});
  s.sink->set("max-lateness", 20 * kMillisecond);
  s.pipeline->set_state(State::Playing);
  REQUIRE(s.clock->wait_for_pending(1));
  const ClockTime base = s.pipeline->base_time();

  // Jump to running time 4.5 s: buffers 1..3 (ending at 2, 3, 4 s) are too
  // late, buffer 4 (4..5 s) is late but within its duration, so rendered.
  s.clock->set_time(base + 4500 * kMillisecond);
  REQUIRE(s.rendered_n(2));
  REQUIRE(s.clock->wait_for_pending(1));  // now waiting for buffer 5
  CHECK(s.clock->next_pending_time() == base + 5 * kSecond);
  CHECK(s.sink->get<std::uint64_t>("dropped") == 3);
  CHECK(s.rendered->get().buffers[1].pts == 4 * kSecond);
  CHECK(s.rendered->get().lateness[1] == static_cast<ClockTimeDiff>(500 * kMillisecond));
}

TEST_CASE("sync=false renders every buffer at once", "[sync]") {
  test::ClockedPipeline s({test::timed_fakesrc(kSecond, 6)}, 1000 * kSecond, false);
  s.pipeline->set_state(State::Playing);
  auto msg = test::wait_eos_or_error(*s.pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(test::rendered_count(*s.rendered) == 6);
  CHECK(s.clock->now() == 1000 * kSecond);  // the clock never moved
}

TEST_CASE("a segment with rate 2 renders pts 2 s at running time 1 s", "[sync][segment]") {
  auto src = std::make_shared<RateSrc>("src", 2.0);
  src->set("buffer-duration", kSecond);
  test::ClockedPipeline s({src});
  s.pipeline->set_state(State::Playing);
  REQUIRE(s.clock->wait_for_pending(1));
  const ClockTime base = s.pipeline->base_time();
  CHECK(s.clock->next_pending_time() == base + 500 * kMillisecond);  // pts 1 s at rate 2
  s.clock->set_time(base + 500 * kMillisecond);
  REQUIRE(s.clock->wait_for_pending(1));
  CHECK(s.clock->next_pending_time() == base + kSecond);  // pts 2 s
}

TEST_CASE("EOS is posted when the clock reaches the end of the last buffer", "[sync]") {
  test::ClockedPipeline s({test::timed_fakesrc(kSecond, 6)});
  s.pipeline->set_state(State::Playing);
  const ClockTime base = [&] {
    REQUIRE(s.clock->wait_for_pending(1));
    return s.pipeline->base_time();
  }();
  for (ClockTime t = 1; t <= 5; ++t) {
    s.clock->set_time(base + t * kSecond);
    REQUIRE(s.rendered_n(t + 1));
    REQUIRE(s.clock->wait_for_pending(1));
  }
  CHECK(s.clock->next_pending_time() == base + 6 * kSecond);  // end of buffer 5
  CHECK_FALSE(s.pipeline->bus().timed_pop_filtered(0, MessageType::Eos));
  s.clock->set_time(base + 6 * kSecond);
  auto msg = test::wait_eos_or_error(*s.pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
}

TEST_CASE("PLAYING -> PAUSED -> PLAYING keeps running time continuous", "[sync][state]") {
  test::ClockedPipeline s({test::timed_fakesrc(kSecond, 6)});
  s.pipeline->set_state(State::Playing);
  REQUIRE(s.clock->wait_for_pending(1));
  const ClockTime base = s.pipeline->base_time();
  s.clock->set_time(base + 500 * kMillisecond);
  s.pipeline->set_state(State::Paused);
  CHECK(s.clock->pending_count() == 0);  // the wait was unscheduled
  s.clock->advance(10 * kSecond);        // time spent paused does not count
  s.pipeline->set_state(State::Playing);
  CHECK(s.pipeline->base_time() == base + 10 * kSecond);
  REQUIRE(s.clock->wait_for_pending(1));
  CHECK(s.clock->next_pending_time() == base + 11 * kSecond);
}
