// A queue cuts the lock-step chain: upstream runs ahead by at most
// max-size-buffers while the downstream side is slow.
#include <catch2/catch.hpp>

#include "elements/queue.hpp"
#include "test_util.hpp"

using namespace gstmini;

TEST_CASE("a queue lets a fast source run ahead of a stuck sink by at most max-size-buffers",
          "[queue]") {
  auto clock = std::make_shared<TestClock>();
  PipelineOptions options;
  options.clock = clock;
  Pipeline pipeline("p", options);
  auto src = test::make<test::CountingSrc>("src");
  auto queue = make_element("queue", "q");
  auto sink = test::make<FakeSink>("sink");
  auto rendered = test::record_renders(*sink);
  src->set("buffer-duration", kSecond);
  queue->set("max-size-buffers", 3);
  sink->set("sync", true);
  pipeline.add_many(src, queue, sink);
  pipeline.link_many({src, queue, sink});
  pipeline.set_state(State::Playing);

  REQUIRE(clock->wait_for_pending(1));  // buffer 0 rendered, sink waits for buffer 1
  REQUIRE(src->created.wait_until([](std::uint64_t n) { return n >= 6; }));
  pipeline.set_state(State::Paused);  // barrier through every actor
  // 1 rendered + 1 waiting in the sink + 3 queued + 1 whose push is held.
  CHECK(src->created.get() == 6);
  CHECK(queue->get<std::uint64_t>("current-level-buffers") == 3);
  CHECK(test::rendered_count(*rendered) == 1);
}

TEST_CASE("a queue passes every buffer through in order", "[queue]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto queue = make_element("queue", "q");
  auto sink = test::make<FakeSink>("sink");
  auto rendered = test::record_renders(*sink);
  src->set("num-buffers", 500);
  src->set("buffer-duration", kMillisecond);
  queue->set("max-size-buffers", 4);
  auto msg = test::play_until_end(pipeline, {src, queue, sink});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  auto buffers = rendered->get().buffers;
  REQUIRE(buffers.size() == 500);
  for (std::size_t i = 0; i < buffers.size(); ++i) CHECK(buffers[i].offset == i);
}
