// funnel merges branches and sends EOS once all ended; valve drops while
// drop=true and answers OK so upstream goes on.
#include <catch2/catch.hpp>

#include "test_util.hpp"

using namespace gstmini;

TEST_CASE("a funnel passes every buffer of every branch and one EOS after the last", "[funnel]") {
  Pipeline pipeline("p");
  auto a = make_element("fakesrc", "a");
  auto b = make_element("fakesrc", "b");
  auto funnel = make_element("funnel", "f");
  auto sink = test::make<FakeSink>("sink");
  a->set("num-buffers", 30);
  b->set("num-buffers", 50);
  pipeline.add_many(a, b, funnel, sink);
  pipeline.link(a, funnel);  // requests sink_0
  pipeline.link(b, funnel);  // requests sink_1
  pipeline.link(funnel, sink);
  CHECK(funnel->count_pads(PadDirection::Sink) == 2);
  pipeline.set_state(State::Playing);
  auto msg = test::wait_eos_or_error(pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(sink->get<std::uint64_t>("rendered") == 80);
}

TEST_CASE("a closed valve drops buffers but lets the stream end", "[valve]") {
  Pipeline pipeline("p");
  auto src = test::make<test::CountingSrc>("src");
  auto valve = make_element("valve", "v");
  auto sink = make_element("fakesink", "sink");
  src->set("num-buffers", 20);
  valve->set("drop", true);
  auto msg = test::play_until_end(pipeline, {src, valve, sink});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);  // EOS (an event) passes
  CHECK(src->created.get() == 20);
  CHECK(sink->get<std::uint64_t>("rendered") == 0);
}
