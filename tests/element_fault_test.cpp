// A dead element (issue 9, item 2): an element whose actor dies from an
// exception is posted as an ERROR naming it, the element upstream of it gets
// FlowReturn::Error instead of waiting forever, set_state(NULL) completes
// and destroying the pipeline returns (every actor gone). Each scenario runs
// in a child process with a deadline, so a hang fails instead of stalling.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "elements/fakesink.hpp"
#include "elements/fakesrc.hpp"
#include "isolated.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {

// Dies on its first render: ready_to_render() is not a guarded hook, so the
// exception ends the actor (the last line of defence, not the hook guard).
class DyingSink : public FakeSink {
 public:
  using FakeSink::FakeSink;
  bool ready_to_render() override { throw std::runtime_error("render device lost"); }
};

// Dies as its streaming task starts.
class DyingSrc : public FakeSrc {
 public:
  using FakeSrc::FakeSrc;
  bool ready_to_create() override { throw std::runtime_error("capture device lost"); }
};

// The first ERROR from `element` within a few seconds (others are skipped).
std::optional<Message> error_from(Pipeline& pipeline, const std::string& element) {
  for (;;) {
    auto message = pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::Error);
    if (!message || message->source == element) return message;
  }
}

void check_isolated(const std::string& name) {
  test::IsolatedRun run = test::run_isolated(name + " (child)");
  INFO(run.output);
  CHECK(run.exit_code == 0);
}

}  // namespace

TEST_CASE("a sink that dies gives an ERROR naming it and the upstream push returns ERROR",
          "[fault]") {
  check_isolated("a sink that dies gives an ERROR naming it and the upstream push returns ERROR");
}

TEST_CASE("a sink that dies gives an ERROR naming it and the upstream push returns ERROR (child)",
          "[.]") {
  {
    Pipeline pipeline("p");
    auto src = make_element("fakesrc", "src");
    auto identity = make_element("identity", "identity");
    auto sink = test::make<DyingSink>("sink");
    for (const ElementPtr& e : std::vector<ElementPtr>{src, identity, sink}) pipeline.add(e);
    pipeline.link_many({src, identity, sink});
    pipeline.set_state(State::Playing);

    auto died = error_from(pipeline, "sink");
    REQUIRE(died);
    CHECK(died->text == "render device lost");
    // identity's lock-step push got ERROR, so the source stopped with it.
    auto upstream = error_from(pipeline, "src");
    REQUIRE(upstream);
    CHECK(upstream->debug.find("reason error") != std::string::npos);

    CHECK(pipeline.set_state(State::Null) == StateChangeReturn::Success);
    CHECK(pipeline.current_state() == State::Null);
  }  // ~Pipeline: returns only once every actor has terminated
}

TEST_CASE("a source that dies while prerolling does not stop the pipeline from reaching NULL",
          "[fault]") {
  check_isolated(
      "a source that dies while prerolling does not stop the pipeline from reaching NULL");
}

TEST_CASE(
    "a source that dies while prerolling does not stop the pipeline from reaching NULL (child)",
    "[.]") {
  Pipeline pipeline("p");
  auto src = test::make<DyingSrc>("src");
  auto sink = make_element("fakesink", "sink");
  pipeline.add(src);
  pipeline.add(sink);
  pipeline.link(src, sink);
  // It dies inside its READY->PAUSED change (the streaming task starts there).
  CHECK(pipeline.set_state(State::Paused) == StateChangeReturn::Failure);
  auto died = error_from(pipeline, "src");
  REQUIRE(died);
  CHECK(died->text == "capture device lost");
  CHECK(pipeline.set_state(State::Null) == StateChangeReturn::Success);
  CHECK(pipeline.current_state() == State::Null);
}

TEST_CASE("going back to PLAYING with a dead sink fails and the pipeline still tears down",
          "[fault]") {
  check_isolated("going back to PLAYING with a dead sink fails and the pipeline still tears down");
}

TEST_CASE("going back to PLAYING with a dead sink fails and the pipeline still tears down (child)",
          "[.]") {
  // PAUSED->PLAYING sends the LATENCY event to every sink: the request to
  // the dead one must not take the pipeline actor down with it.
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto identity = make_element("identity", "identity");
  auto sink = test::make<DyingSink>("sink");
  for (const ElementPtr& e : std::vector<ElementPtr>{src, identity, sink}) pipeline.add(e);
  pipeline.link_many({src, identity, sink});
  // The prerolled buffer is rendered as the sink goes PLAYING: it dies there.
  pipeline.set_state(State::Playing);
  REQUIRE(error_from(pipeline, "sink"));
  State state = State::VoidPending;
  CHECK(pipeline.get_state(&state, nullptr, 5 * kSecond) == StateChangeReturn::Failure);
  CHECK(state == State::Paused);
  CHECK(pipeline.set_state(State::Paused) == StateChangeReturn::Success);  // where it is
  CHECK(pipeline.set_state(State::Playing) == StateChangeReturn::Failure);
  CHECK(pipeline.set_state(State::Null) == StateChangeReturn::Success);
}
