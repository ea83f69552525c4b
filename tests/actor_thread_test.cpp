// Blocking calls from an actor thread (issue 9, item 6): an application
// callback that runs on an element's actor and calls back into the
// pipeline fails at once with BlockingCallError, reported as an ERROR
// naming the element, instead of stalling its worker thread.
#include <catch2/catch.hpp>

#include <atomic>

#include "elements/appsink.hpp"
#include "elements/fakesink.hpp"
#include "runtime/actor_thread.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {

std::optional<Message> error_from(Pipeline& pipeline, const std::string& element) {
  for (;;) {
    auto message = pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::Error);
    if (!message || message->source == element) return message;
  }
}

}  // namespace

TEST_CASE("application threads may block; a thread inside an ActorThreadScope may not",
          "[actor-thread]") {
  CHECK_FALSE(on_actor_thread());
  CHECK_NOTHROW(check_may_block("a test call"));
  {
    ActorThreadScope scope;
    CHECK(on_actor_thread());
    CHECK_THROWS_AS(check_may_block("a test call"), BlockingCallError);
  }
  CHECK_FALSE(on_actor_thread());
}

TEST_CASE("a handoff that calls the Pipeline API fails fast with an ERROR naming the sink",
          "[actor-thread]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto sink = test::make<FakeSink>("sink");
  std::atomic<bool> refused{false};
  sink->set_handoff([&](const Buffer&, const FakeSink&) {
    try {
      ClockTime position = 0;
      pipeline.query_position(&position);  // waits for the sink's own actor
    } catch (const BlockingCallError&) {
      refused = true;
      throw;
    }
  });
  pipeline.add(src);
  pipeline.add(sink);
  pipeline.link(src, sink);
  pipeline.set_state(State::Playing);
  auto error = error_from(pipeline, "sink");
  REQUIRE(error);
  CHECK(refused.load());
  CHECK_THAT(error->text, Catch::Contains("actor thread"));
  CHECK(pipeline.set_state(State::Null) == StateChangeReturn::Success);
}

TEST_CASE("a new-sample callback that pulls more than is queued fails fast", "[actor-thread]") {
  auto pipeline = parse_launch("fakesrc num-buffers=3 ! appsink name=sink");
  auto sink = std::dynamic_pointer_cast<AppSink>(pipeline->get_by_name("sink"));
  REQUIRE(sink);
  sink->set_new_sample_callback([](AppSink& s) {
    s.try_pull_sample(0);  // never waits: allowed
    s.pull_sample();       // the queue is empty now: would wait for this very actor
  });
  pipeline->set_state(State::Playing);
  auto error = error_from(*pipeline, "sink");
  REQUIRE(error);
  CHECK_THAT(error->text, Catch::Contains("AppSink::pull_sample"));
  pipeline->set_state(State::Null);
}
