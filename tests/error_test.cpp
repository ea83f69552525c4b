// An exception in element code becomes an ERROR naming the element; the
// process survives, NULL works and every actor goes away.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "elements/identity.hpp"
#include "runtime/registry/registry.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {
struct ThrowingFilter : Identity {
  using Identity::Identity;
  FlowReturn transform_ip(Buffer&) override { throw std::runtime_error("decoder exploded"); }
};
struct RefusingSink : FakeSink {
  using FakeSink::FakeSink;
  bool start() override { return false; }
};
}  // namespace

TEST_CASE("an exception thrown in chain becomes an ERROR naming the element", "[error]") {
  {
    Pipeline pipeline("p");
    auto src = test::make<test::CountingSrc>("src");
    auto bad = test::make<ThrowingFilter>("bad");
    auto sink = make_element("fakesink", "sink");
    pipeline.add_many(src, bad, sink);
    pipeline.link_many({src, bad, sink});
    pipeline.set_state(State::Playing);

    auto msg = pipeline.bus().timed_pop_filtered(10 * kSecond, MessageType::Error);
    REQUIRE(msg);
    CHECK(msg->source == "bad");
    CHECK(msg->text == "decoder exploded");
    CHECK(msg->debug == "exception thrown in chain() of bad");
    // The source then reports the ERROR flow that came back to it.
    auto flow = pipeline.bus().timed_pop_filtered(10 * kSecond, MessageType::Error);
    REQUIRE(flow);
    CHECK(flow->source == "src");
    CHECK(pipeline.set_state(State::Null) == StateChangeReturn::Success);
    CHECK(src->created.get() == 1);
  }
  // Leaving the scope destroyed the actor system, which waits for every
  // actor: reaching this line means none was left behind.
  SUCCEED("pipeline torn down");
}

TEST_CASE("an element refusing a state change fails the change and NULL still works",
          "[error][state]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto sink = test::make<RefusingSink>("sink");
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  CHECK(pipeline.set_state(State::Playing) == StateChangeReturn::Failure);
  auto msg = pipeline.bus().timed_pop_filtered(kSecond, MessageType::Error);
  REQUIRE(msg);
  CHECK(msg->source == "sink");
  CHECK(pipeline.current_state() == State::Ready);
  CHECK(pipeline.set_state(State::Null) == StateChangeReturn::Success);
}

TEST_CASE("adding and linking mistakes are refused with a clear error", "[error][link]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto sink = make_element("fakesink", "sink");
  auto other = make_element("fakesink", "other");
  pipeline.add_many(src, sink);
  CHECK_THROWS_WITH(pipeline.add(make_element("fakesink", "sink")),
                    "name \"sink\" is not unique in pipeline p");
  CHECK_THROWS_WITH(pipeline.link(sink, src), "could not link sink to src: sink has no src pad");
  CHECK_THROWS_WITH(pipeline.link(src, other),
                    "could not link src to other: other is not in pipeline p");
  CHECK_THROWS_WITH(pipeline.link_pads(src, "src", sink, "nope"),
                    "could not link src:src to sink:nope: no pad \"nope\" on sink");
  pipeline.link(src, sink);
  REQUIRE(pipeline.links().size() == 1);
  LinkInfo made = pipeline.links().front();
  CHECK((made.src == "src" && made.src_pad == "src" && made.sink == "sink" &&
         made.sink_pad == "sink"));
  CHECK(made.window == 0);  // credit granted by the receiver
  pipeline.add(other);
  CHECK_THROWS_WITH(pipeline.link(src, other),
                    "could not link src to other: all src pads of src are linked");
  CHECK_THROWS_WITH(make_element("nosuchelement"), "no element \"nosuchelement\"");
}
