// Queries through the pipeline: duration from the source, position from the
// sink's clock, seeking, latency summed over a live chain; the configured
// latency delays every render; the clock comes from the most upstream
// provider unless the application forces one.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "test_util.hpp"

using namespace gstmini;

namespace {

// A source that brings its own clock, like an audio device.
struct ClockedSrc : FakeSrc {
  explicit ClockedSrc(std::string name) : FakeSrc(std::move(name)) {}
  std::shared_ptr<Clock> provide_clock() const override { return clock; }
  std::shared_ptr<TestClock> clock = std::make_shared<TestClock>();
};

}  // namespace

TEST_CASE("the duration query is answered by the source through the sink", "[query]") {
  test::ClockedPipeline s({test::timed_fakesrc(kSecond, 10)});
  s.pipeline->set_state(State::Paused);
  REQUIRE(s.pipeline->get_state(nullptr, nullptr, 5 * kSecond) == StateChangeReturn::Success);
  ClockTime duration = kClockTimeNone;
  REQUIRE(s.pipeline->query_duration(&duration));
  CHECK(duration == 10 * kSecond);
  Query seeking(QueryType::Seeking);
  REQUIRE(s.pipeline->query(seeking));
  CHECK(seeking.seekable);
  CHECK(seeking.seek_end == 10 * kSecond);
}

TEST_CASE("the position is the prerolled buffer in PAUSED and follows the clock in PLAYING",
          "[query]") {
  test::ClockedPipeline s({test::timed_fakesrc(kSecond, 10)});
  s.pipeline->set_state(State::Paused);
  REQUIRE(s.pipeline->get_state(nullptr, nullptr, 5 * kSecond) == StateChangeReturn::Success);
  ClockTime position = kClockTimeNone;
  REQUIRE(s.pipeline->query_position(&position));
  CHECK(position == 0);
  s.pipeline->set_state(State::Playing);
  REQUIRE(s.clock->wait_for_pending(1));
  s.clock->set_time(s.pipeline->base_time() + 2500 * kMillisecond);
  REQUIRE(s.pipeline->query_position(&position));
  CHECK(position == 2500 * kMillisecond);
}

TEST_CASE("a live source reports one frame of latency; a queue adds its max-size-time",
          "[query][latency]") {
  auto cam = make_element("livesrc", "cam");
  cam->set("framerate", "10/1");
  test::ClockedPipeline direct({cam});
  direct.pipeline->set_state(State::Paused);
  bool live = false;
  ClockTime min = 0, max = 0;
  REQUIRE(direct.pipeline->query_latency(&live, &min, &max));
  CHECK(live);
  CHECK(min == 100 * kMillisecond);
  CHECK(max == 100 * kMillisecond);

  auto cam2 = make_element("livesrc", "cam");
  cam2->set("framerate", "10/1");
  test::ClockedPipeline queued({cam2, make_element("queue", "q")});
  queued.pipeline->set_state(State::Paused);
  REQUIRE(queued.pipeline->query_latency(&live, &min, &max));
  CHECK(live);
  CHECK(min == 100 * kMillisecond);
  CHECK(max == 100 * kMillisecond + kSecond);  // GStreamer's default max-size-time
}

TEST_CASE("sinks render at base_time + running_time + latency", "[latency][sync]") {
  auto cam = make_element("livesrc", "cam");
  cam->set("framerate", "10/1");
  test::ClockedPipeline s({cam});
  s.pipeline->set_state(State::Playing);
  // Frame 0 (pts 0) waits for the configured latency. The camera's push is
  // lock-step, so it waits too, as GStreamer's streaming thread would.
  REQUIRE(s.clock->wait_for_pending(1));
  const ClockTime base = s.pipeline->base_time();
  CHECK(s.pipeline->latency() == 100 * kMillisecond);
  CHECK(s.clock->next_pending_time() == base + 100 * kMillisecond);
  CHECK(test::rendered_count(*s.rendered) == 0);
  s.clock->set_time(base + 100 * kMillisecond);
  REQUIRE(s.rendered->wait_until([](const test::Rendered& r) { return !r.buffers.empty(); }));
  CHECK(s.rendered->get().buffers[0].pts == 0);
  CHECK(s.rendered->get().lateness[0] == 0);
  // Frame 1 is captured at once (its time has come) and waits 100 ms more.
  REQUIRE(s.clock->wait_for_pending(1));
  CHECK(s.clock->next_pending_time() == base + 200 * kMillisecond);
}

TEST_CASE("a non-live pipeline configures no latency", "[latency]") {
  test::ClockedPipeline s({test::timed_fakesrc(kSecond, 10)});
  s.pipeline->set_state(State::Playing);
  REQUIRE(s.clock->wait_for_pending(1));
  CHECK(s.pipeline->latency() == 0);
  CHECK(s.clock->next_pending_time() == s.pipeline->base_time() + kSecond);
}

TEST_CASE("the pipeline uses the clock of the most upstream provider and announces it",
          "[clock][select]") {
  Pipeline pipeline("p", PipelineOptions{});
  auto src = test::make<ClockedSrc>("src");
  auto sink = make_element("fakesink", "sink");
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  pipeline.set_state(State::Playing);
  auto msg = pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::NewClock);
  REQUIRE(msg);
  CHECK(msg->source == "src");
  CHECK(msg->text == "GstTestClock");
  CHECK(pipeline.clock() == src->clock);
}

TEST_CASE("without a provider the pipeline picks the system clock; use_clock overrides",
          "[clock][select]") {
  Pipeline pipeline("p", PipelineOptions{});
  auto src = test::make<ClockedSrc>("src");
  auto sink = make_element("fakesink", "sink");
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  auto forced = std::make_shared<TestClock>();
  pipeline.use_clock(forced);
  pipeline.set_state(State::Playing);
  auto msg = pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::NewClock);
  REQUIRE(msg);
  CHECK(msg->source == "p");
  CHECK(pipeline.clock() == forced);

  Pipeline plain("q", PipelineOptions{});
  auto fakesrc = make_element("fakesrc", "src");
  auto fakesink = make_element("fakesink", "sink");
  plain.add_many(fakesrc, fakesink);
  plain.link(fakesrc, fakesink);
  plain.set_state(State::Playing);
  msg = plain.bus().timed_pop_filtered(5 * kSecond, MessageType::NewClock);
  REQUIRE(msg);
  CHECK(msg->text == "GstSystemClock");
}

namespace {
// A live fakesrc whose latency grows to 200 ms at frame 3 (posted from its
// own hook, as an element does when its latency changes).
struct GrowingLatencySrc : FakeSrc {
  using FakeSrc::FakeSrc;
  ClockTime latency() const override { return latency_; }
  FlowReturn create(Buffer& buffer) override {
    FlowReturn ret = FakeSrc::create(buffer);
    if (buffer.offset == 3) {
      latency_ = 200 * kMillisecond;
      post_latency_message();
    }
    return ret;
  }
  ClockTime latency_ = 0;
};

bool latency_becomes(const Pipeline& pipeline, ClockTime expected) {
  for (int i = 0; i < 5000 && pipeline.latency() != expected; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return pipeline.latency() == expected;
}
}  // namespace

TEST_CASE("a LATENCY message makes the pipeline configure the latency again", "[latency]") {
  auto src = test::make<GrowingLatencySrc>("src");
  src->set("is-live", true);
  src->set("buffer-duration", 100 * kMillisecond);
  test::ClockedPipeline s({src});
  s.pipeline->set_state(State::Playing);
  const ClockTime base = [&] {
    REQUIRE(s.rendered_n(1));
    return s.pipeline->base_time();
  }();
  CHECK(s.pipeline->latency() == 0);
  for (ClockTime n = 1; n <= 2; ++n) {
    REQUIRE(s.clock->wait_for_pending(1));
    s.clock->set_time(base + n * 100 * kMillisecond);
    REQUIRE(s.rendered_n(n + 1));
  }
  REQUIRE(s.clock->wait_for_pending(1));
  s.clock->set_time(base + 300 * kMillisecond);  // frame 3 raises the latency
  REQUIRE(s.pipeline->bus().timed_pop_filtered(5 * kSecond, MessageType::Latency));
  REQUIRE(latency_becomes(*s.pipeline, 200 * kMillisecond));
  // Frame 3 rendered with the old latency or waits for the new one: by
  // 500 ms it is out, and frame 4 (pts 400 ms) waits for 400 + 200 ms.
  s.clock->set_time(base + 500 * kMillisecond);
  REQUIRE(s.rendered_n(4));
  REQUIRE(s.clock->wait_for_pending(1));
  CHECK(s.clock->next_pending_time() == base + 600 * kMillisecond);
}
