// State changes: one step at a time, sinks first then upstream, up and down.
#include <catch2/catch.hpp>

#include <mutex>
#include <string>
#include <vector>

#include "elements/identity.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {

std::mutex log_mutex;
std::vector<std::string> change_log;

void record(const Element& e, StateChange change) {
  std::lock_guard<std::mutex> lock(log_mutex);
  change_log.push_back(e.name() + " " + to_string(change));
}

struct LoggedSrc : FakeSrc {
  using FakeSrc::FakeSrc;
  StateChangeReturn change_state(StateChange c) override {
    record(*this, c);
    return FakeSrc::change_state(c);
  }
};
struct LoggedIdentity : Identity {
  using Identity::Identity;
  StateChangeReturn change_state(StateChange c) override {
    record(*this, c);
    return Identity::change_state(c);
  }
};
struct LoggedSink : FakeSink {
  using FakeSink::FakeSink;
  StateChangeReturn change_state(StateChange c) override {
    record(*this, c);
    return FakeSink::change_state(c);
  }
};

std::vector<std::string> take_log() {
  std::lock_guard<std::mutex> lock(log_mutex);
  return std::exchange(change_log, {});
}

}  // namespace

TEST_CASE("state changes walk every step, sinks first then upstream", "[state]") {
  take_log();
  Pipeline pipeline("p");
  // Added source first on purpose: the order must come from the links.
  auto src = test::make<LoggedSrc>("src");
  auto mid = test::make<LoggedIdentity>("mid");
  auto sink = test::make<LoggedSink>("sink");
  pipeline.add_many(src, mid, sink);
  pipeline.link_many({src, mid, sink});
  src->set("num-buffers", 0);

  pipeline.set_state(State::Playing);
  State state = State::VoidPending;
  REQUIRE(pipeline.get_state(&state, nullptr, 5 * kSecond) == StateChangeReturn::Success);
  REQUIRE(state == State::Playing);
  CHECK(take_log() == std::vector<std::string>{"sink NULL_TO_READY", "mid NULL_TO_READY",
                                               "src NULL_TO_READY", "sink READY_TO_PAUSED",
                                               "mid READY_TO_PAUSED", "src READY_TO_PAUSED",
                                               "sink PAUSED_TO_PLAYING", "mid PAUSED_TO_PLAYING",
                                               "src PAUSED_TO_PLAYING"});

  REQUIRE(pipeline.set_state(State::Null) == StateChangeReturn::Success);
  CHECK(take_log() == std::vector<std::string>{"sink PLAYING_TO_PAUSED", "mid PLAYING_TO_PAUSED",
                                               "src PLAYING_TO_PAUSED", "sink PAUSED_TO_READY",
                                               "mid PAUSED_TO_READY", "src PAUSED_TO_READY",
                                               "sink READY_TO_NULL", "mid READY_TO_NULL",
                                               "src READY_TO_NULL"});
  CHECK(pipeline.current_state() == State::Null);
}

TEST_CASE("the bus reports each pipeline state change in order", "[state]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto sink = make_element("fakesink", "sink");
  src->set("num-buffers", 1);
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  CHECK(pipeline.set_state(State::Playing) == StateChangeReturn::Async);

  std::vector<std::pair<State, State>> changes;
  bool async_done = false;
  while (changes.size() < 3) {
    auto msg = pipeline.bus().timed_pop_filtered(
        5 * kSecond, MessageType::StateChanged | MessageType::AsyncDone);
    REQUIRE(msg);
    if (msg->type == MessageType::AsyncDone)
      async_done = true;
    else
      changes.emplace_back(msg->old_state, msg->new_state);
  }
  CHECK(changes == std::vector<std::pair<State, State>>{{State::Null, State::Ready},
                                                        {State::Ready, State::Paused},
                                                        {State::Paused, State::Playing}});
  CHECK(async_done);
}

TEST_CASE("a non-live pipeline prerolls: PAUSED is ASYNC until the sink holds a buffer",
          "[state][preroll]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto sink = std::make_shared<FakeSink>("sink");
  auto rendered = test::record_renders(*sink);
  test::Watched<int> prerolled;
  sink->set_preroll_handoff(
      [&](const Buffer&, const FakeSink&) { prerolled.update([](int& n) { ++n; }); });
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);

  CHECK(pipeline.set_state(State::Paused) == StateChangeReturn::Async);
  State state = State::VoidPending;
  CHECK(pipeline.get_state(&state, nullptr, 5 * kSecond) == StateChangeReturn::Success);
  CHECK(state == State::Paused);
  CHECK(prerolled.get() == 1);
  CHECK(test::rendered_count(*rendered) == 0);  // held, not rendered, in PAUSED
  pipeline.set_state(State::Null);
}

TEST_CASE("a live source answers NO_PREROLL and the pipeline does not wait for preroll",
          "[state][live]") {
  Pipeline pipeline("p");
  auto src = make_element("livesrc", "src");
  auto sink = make_element("fakesink", "sink");
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  CHECK(pipeline.set_state(State::Paused) == StateChangeReturn::NoPreroll);
  CHECK(pipeline.current_state() == State::Paused);
  pipeline.set_state(State::Null);
}
