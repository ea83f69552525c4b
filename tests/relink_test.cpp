// Relinking (issue 9, items 4 and 10): a sink pad linked to a new peer
// starts clean, whatever the old peer's flushes and EOS left on it, and a
// flushing seek after EOS plays the stream again.
#include <catch2/catch.hpp>

#include "elements/fakesink.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {

ElementPtr seekable_fakesrc(const std::string& name, std::int64_t num_buffers) {
  ElementPtr src = make_element("fakesrc", name);
  src->set("buffer-duration", std::uint64_t{kMillisecond});
  src->set("num-buffers", num_buffers);
  return src;
}

bool flushing_seek_to_start(Pipeline& pipeline) {
  return pipeline.seek(1.0, SeekFlags::Flush, SeekType::Set, 0, SeekType::None, kClockTimeNone);
}

}  // namespace

TEST_CASE("a source linked to a sink after another source flushed it streams to the end",
          "[relink]") {
  Pipeline pipeline("p");
  auto first = seekable_fakesrc("first", 5);
  auto sink = test::make<FakeSink>("sink");
  auto rendered = test::record_renders(*sink);
  pipeline.add(first);
  pipeline.add(sink);
  pipeline.link(first, sink);
  pipeline.set_state(State::Playing);
  REQUIRE(pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::Eos));
  // Every flushing seek moves the link to a newer epoch, and EOS marks the
  // sink pad: neither may carry over to the next peer.
  for (int i = 0; i < 3; ++i) {
    REQUIRE(flushing_seek_to_start(pipeline));
    REQUIRE(pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::Eos));
  }
  pipeline.unlink(first, sink);
  auto second = seekable_fakesrc("second", 3);
  pipeline.add(second);
  pipeline.link(second, sink);
  const std::size_t before = test::rendered_count(*rendered);
  REQUIRE(pipeline.sync_state_with_parent(second) != StateChangeReturn::Failure);
  // Dropped as stale, its first push would never be answered.
  CHECK(rendered->wait_until(
      [&](const test::Rendered& r) { return r.buffers.size() >= before + 3; }));
  CHECK(test::rendered_count(*rendered) == before + 3);
  CHECK(pipeline.set_state(State::Null) == StateChangeReturn::Success);
}

TEST_CASE("a flushing seek after EOS plays the stream again", "[relink][seek]") {
  Pipeline pipeline("p");
  auto src = seekable_fakesrc("src", 5);
  auto sink = test::make<FakeSink>("sink");
  auto rendered = test::record_renders(*sink);
  pipeline.add(src);
  pipeline.add(sink);
  pipeline.link(src, sink);
  pipeline.set_state(State::Playing);
  REQUIRE(pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::Eos));
  CHECK(test::rendered_count(*rendered) == 5);
  REQUIRE(flushing_seek_to_start(pipeline));
  CHECK(pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::Eos));
  CHECK(test::rendered_count(*rendered) == 10);
  CHECK(rendered->get().buffers.back().pts == 4 * kMillisecond);
}

TEST_CASE("appsrc num-buffers=0 reaches EOS at once", "[relink][appsrc]") {
  auto pipeline = parse_launch("appsrc num-buffers=0 ! fakesink");
  pipeline->set_state(State::Playing);
  auto end = pipeline->bus().timed_pop_filtered(5 * kSecond, MessageType::Eos | MessageType::Error);
  REQUIRE(end);
  CHECK(end->type == MessageType::Eos);
  pipeline->set_state(State::Null);
}
