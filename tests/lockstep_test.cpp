// The link window: 1 = lock-step (one buffer in flight per streaming domain),
// N = pipelined (at most N). A TestClock that does not move holds the sink on
// its second buffer, so what the source managed to create is exact.
#include <catch2/catch.hpp>

#include "elements/identity.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {

struct Fixture {
  std::shared_ptr<TestClock> clock = std::make_shared<TestClock>();
  std::shared_ptr<test::CountingSrc> src = test::make<test::CountingSrc>("src");
  std::shared_ptr<FakeSink> sink = test::make<FakeSink>("sink");
  std::shared_ptr<test::Watched<test::Rendered>> rendered = test::record_renders(*sink);

  std::unique_ptr<Pipeline> start(std::uint32_t window, bool with_identity) {
    PipelineOptions options;
    options.clock = clock;
    options.window = window;
    auto pipeline = std::make_unique<Pipeline>("p", options);
    src->set("buffer-duration", kSecond);
    src->set("num-buffers", 20);
    sink->set("sync", true);
    pipeline->add_many(src, sink);
    if (with_identity) {
      auto mid = make_element("identity", "mid");
      pipeline->add(mid);
      pipeline->link_many({src, mid, sink});
    } else {
      pipeline->link(src, sink);
    }
    pipeline->set_state(State::Playing);
    // Buffer 0 renders at running time 0; the sink then waits for buffer 1.
    REQUIRE(clock->wait_for_pending(1));
    return pipeline;
  }
};

}  // namespace

TEST_CASE("with window 1 the source creates the next buffer only after the sink answered",
          "[flow][window]") {
  Fixture f;
  auto pipeline = f.start(1, false);
  CHECK(test::rendered_count(*f.rendered) == 1);
  // Buffer 1 is the one buffer in flight (waiting in the sink); nothing else.
  CHECK(f.src->created.get() == 2);

  f.clock->advance(kSecond);
  REQUIRE(f.rendered->wait_until([](const test::Rendered& r) { return r.buffers.size() == 2; }));
  REQUIRE(f.clock->wait_for_pending(1));
  CHECK(f.src->created.get() == 3);
}

TEST_CASE("with window N the source runs at most N buffers ahead on a link", "[flow][window]") {
  Fixture f;
  auto pipeline = f.start(4, false);
  REQUIRE(f.src->created.wait_until([](std::uint64_t n) { return n >= 5; }));
  // A state change visits every actor, the source last: a barrier after
  // which the source has seen every answer the sink could give.
  pipeline->set_state(State::Paused);
  // The sink is stuck on buffer 1, so the source holds exactly 4 unanswered
  // buffers (1..4) after the rendered buffer 0.
  CHECK(f.src->created.get() == 5);
  CHECK(test::rendered_count(*f.rendered) == 1);
}

TEST_CASE("with window 1 a three-element chain has one buffer in flight", "[flow][window]") {
  Fixture f;
  auto pipeline = f.start(1, true);
  pipeline->set_state(State::Paused);
  CHECK(f.src->created.get() == 2);
}
