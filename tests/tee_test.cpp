// tee: request pads src_%u; every branch gets every buffer in order; the
// push completes when all branches answered; NOT_LINKED only if all are.
#include <catch2/catch.hpp>

#include "test_util.hpp"

using namespace gstmini;

TEST_CASE("linking a tee requests src_%u pads and every branch gets every buffer in order",
          "[tee][request]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto tee = make_element("tee", "t");
  auto a = test::make<FakeSink>("a");
  auto b = test::make<FakeSink>("b");
  auto got_a = test::record_renders(*a);
  auto got_b = test::record_renders(*b);
  src->set("num-buffers", 100);
  pipeline.add_many(src, tee, a, b);
  pipeline.link(src, tee);
  pipeline.link(tee, a);                        // the next free request pad: src_0
  pipeline.link_pads(tee, "src_5", b, "sink");  // a named one
  auto links = pipeline.links();
  REQUIRE(links.size() == 3);
  CHECK(links[1].src_pad == "src_0");
  CHECK(links[2].src_pad == "src_5");
  CHECK_THROWS_WITH(pipeline.link_pads(tee, "src_5", make_element("fakesink"), "sink"),
                    Catch::Contains("not in pipeline"));

  pipeline.set_state(State::Playing);
  auto msg = test::wait_eos_or_error(pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);  // EOS from both sinks
  for (const auto& got : {got_a, got_b}) {
    auto buffers = got->get().buffers;
    REQUIRE(buffers.size() == 100);
    for (std::size_t i = 0; i < buffers.size(); ++i) CHECK(buffers[i].offset == i);
  }
  CHECK(tee->get<std::uint64_t>("num-src-pads") == 2);
}

TEST_CASE("a tee whose branches are all unlinked is NOT_LINKED unless allow-not-linked", "[tee]") {
  Pipeline pipeline("p");
  auto src = test::make<test::CountingSrc>("src");
  auto tee = make_element("tee", "t");
  auto sink = make_element("fakesink", "sink");
  src->set("num-buffers", 10);
  pipeline.add_many(src, tee, sink);
  pipeline.link(src, tee);
  pipeline.link(tee, sink);
  pipeline.unlink(tee, sink);  // src_0 stays, unlinked
  pipeline.set_state(State::Playing);
  auto msg = test::wait_eos_or_error(pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Error);
  CHECK(msg->debug == "streaming stopped, reason not-linked (-1)");
  pipeline.set_state(State::Null);
  CHECK(src->created.get() == 1);  // the first push came back NOT_LINKED

  tee->set("allow-not-linked", true);
  pipeline.set_state(State::Playing);
  // Every push now comes back OK: the source gets through all ten buffers
  // (the count goes on from the first run's one).
  REQUIRE(src->created.wait_until([](std::uint64_t n) { return n >= 11; }));
  pipeline.set_state(State::Null);
  CHECK(src->created.get() == 11);
}
