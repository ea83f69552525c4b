// livesrc captures on the pipeline clock like a camera: one frame per
// period, stamped with its capture slot's running time; missed periods are
// dropped.
#include <catch2/catch.hpp>

#include "test_util.hpp"

using namespace gstmini;

namespace {
ElementPtr camera() {
  ElementPtr cam = make_element("livesrc", "cam");
  cam->set("framerate", "10/1");
  cam->set("frame-size", 16);
  return cam;
}
}  // namespace

TEST_CASE("a live source produces nothing until PLAYING", "[livesrc]") {
  ElementPtr cam = camera();
  test::ClockedPipeline s({cam}, 0, false);
  CHECK(s.pipeline->set_state(State::Paused) == StateChangeReturn::NoPreroll);
  CHECK(s.clock->pending_count() == 0);
  CHECK(test::rendered_count(*s.rendered) == 0);
}

TEST_CASE("a live source captures one frame per period on the clock", "[livesrc]") {
  ElementPtr cam = camera();
  test::ClockedPipeline s({cam}, 0, false);
  s.pipeline->set_state(State::Playing);
  REQUIRE(s.rendered_n(1));               // frame 0 at running time 0
  REQUIRE(s.clock->wait_for_pending(1));  // waiting to capture frame 1
  const ClockTime base = s.pipeline->base_time();
  CHECK(s.clock->next_pending_time() == base + 100 * kMillisecond);
  s.clock->set_time(base + 100 * kMillisecond);
  REQUIRE(s.rendered_n(2));
  Buffer frame = s.rendered->get().buffers[1];
  CHECK(frame.pts == 100 * kMillisecond);
  CHECK(frame.duration == 100 * kMillisecond);
  CHECK(frame.offset == 1);
  CHECK(frame.size() == 16);
  CHECK(frame.has_flag(BufferFlags::Live));
  CHECK_FALSE(frame.has_flag(BufferFlags::Discont));
}

TEST_CASE("frames whose period passed while the source was late are dropped and counted",
          "[livesrc]") {
  ElementPtr cam = camera();
  test::ClockedPipeline s({cam}, 0, false);
  s.pipeline->set_state(State::Playing);
  REQUIRE(s.rendered_n(1));
  REQUIRE(s.clock->wait_for_pending(1));
  const ClockTime base = s.pipeline->base_time();
  s.clock->set_time(base + 550 * kMillisecond);  // frames 1..4 are gone
  REQUIRE(s.rendered_n(2));
  Buffer frame = s.rendered->get().buffers[1];
  CHECK(frame.pts == 500 * kMillisecond);  // its capture slot, not the late wake-up
  CHECK(frame.offset == 5);
  CHECK(frame.has_flag(BufferFlags::Discont));
  CHECK(cam->get<std::uint64_t>("frames-dropped") == 4);
  REQUIRE(s.clock->wait_for_pending(1));
  CHECK(s.clock->next_pending_time() == base + 600 * kMillisecond);
}
