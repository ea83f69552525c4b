// videoconvert and videoscale: negotiation through caps queries (both ways,
// fixating to the nearest format and size), passthrough without a copy, and
// output against GStreamer's own elements for the same caps.
//
// PSNR thresholds: libswscale and GStreamer's video converter round and
// filter differently (chroma siting, bilinear taps), so frames are close,
// not equal: >= 35 dB for a format conversion at the same size, >= 25 dB
// for a 4x downscale of colour bars (the bar edges are where the filters
// differ).
#include <catch2/catch.hpp>

#include "elements/video/videoconvert.hpp"
#include "runtime/video/video_info.hpp"
#include "video_test_util.hpp"

using namespace gstmini;
using namespace gstmini::test;

namespace {

constexpr double kConvertMinPsnr = 35.0;
constexpr double kScaleMinPsnr = 25.0;

VideoInfo info_of(const Frame& f) {
  VideoInfo info;
  REQUIRE(VideoInfo::from_caps(f.caps, &info));
  return info;
}

}  // namespace

TEST_CASE("videoconvert ! videoscale turn 720p I420 into 320x180 RGB as the caps ask",
          "[videoconvert]") {
  const std::string line =
      "videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=1280,height=720 ! videoconvert "
      "! videoscale ! video/x-raw,format=RGB,width=320,height=180";
  const Frame ours = gstmini_frame(line);
  INFO(ours.error);
  REQUIRE(ours.buffer);
  const VideoInfo info = info_of(ours);
  CHECK(info.format == VideoFormat::RGB);
  CHECK(info.width == 320);
  CHECK(info.height == 180);
  CHECK(ours.buffer->size() == info.size);
  if (!gst_launch_path()) {
    WARN("SKIPPED the comparison: gst-launch-1.0 is not installed");
    return;
  }
  const double db = psnr(*ours.buffer, gst_frame(line));
  INFO("PSNR " << db << " dB");
  CHECK(db >= kScaleMinPsnr);
}

TEST_CASE("videoconvert output matches GStreamer's videoconvert for the same caps",
          "[videoconvert]") {
  if (!gst_launch_path()) {
    WARN("SKIPPED: gst-launch-1.0 is not installed");
    return;
  }
  const char* lines[] = {
      "videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=320,height=240 ! videoconvert "
      "! video/x-raw,format=RGB",
      "videotestsrc num-buffers=1 ! video/x-raw,format=RGB,width=320,height=240 ! videoconvert "
      "! video/x-raw,format=I420",
      "videotestsrc num-buffers=1 ! video/x-raw,format=BGRx,width=320,height=240 ! videoconvert "
      "! video/x-raw,format=NV12",
      "videotestsrc num-buffers=1 pattern=ball ! video/x-raw,format=YUY2,width=320,height=240 "
      "! videoconvert ! video/x-raw,format=RGBA",
  };
  for (const char* line : lines) {
    INFO(line);
    const Frame ours = gstmini_frame(line);
    INFO(ours.error);
    REQUIRE(ours.buffer);
    const double db = psnr(*ours.buffer, gst_frame(line));
    INFO("PSNR " << db << " dB");
    CHECK(db >= kConvertMinPsnr);
  }
}

TEST_CASE("videoscale keeps the display aspect ratio when downstream fixes one side",
          "[videoconvert]") {
  const Frame ours = gstmini_frame(
      "videotestsrc num-buffers=1 ! video/x-raw,width=640,height=360 ! videoscale ! "
      "video/x-raw,width=320");
  REQUIRE(ours.buffer);
  const VideoInfo info = info_of(ours);
  CHECK(info.width == 320);
  CHECK(info.height == 180);
}

TEST_CASE("videoconvert and videoscale pass equal caps through without a copy", "[videoconvert]") {
  auto pipeline = parse_launch(
      "videotestsrc num-buffers=2 pattern=red ! video/x-raw,format=RGB,width=64,height=48 "
      "! videoconvert name=c ! videoscale name=s ! appsink name=out sync=false");
  auto sink = std::dynamic_pointer_cast<AppSink>(pipeline->get_by_name("out"));
  pipeline->set_state(State::Playing);
  auto a = sink->try_pull_sample(10 * kSecond);
  auto b = sink->try_pull_sample(10 * kSecond);
  REQUIRE(a);
  REQUIRE(b);
  // videotestsrc shares one frame for a still pattern: the same bytes here
  // mean neither element copied them.
  CHECK(a->data() == b->data());
  CHECK(std::dynamic_pointer_cast<Transform>(pipeline->get_by_name("c"))->passthrough());
  CHECK(std::dynamic_pointer_cast<Transform>(pipeline->get_by_name("s"))->passthrough());
  pipeline->set_state(State::Null);
}

TEST_CASE("videoconvert asked to change the size fails negotiation with an error",
          "[videoconvert]") {
  // videoconvert converts formats only: 64x48 in cannot become 32x24 out.
  auto pipeline = parse_launch(
      "videotestsrc num-buffers=1 ! video/x-raw,width=64,height=48 ! videoconvert ! "
      "video/x-raw,width=32,height=24 ! fakesink");
  pipeline->set_state(State::Playing);
  auto message = pipeline->bus().timed_pop_filtered(10 * kSecond, MessageType::Error);
  REQUIRE(message);
  CHECK(message->text.find("not-negotiated") != std::string::npos);
  pipeline->set_state(State::Null);
}

TEST_CASE("a format videoconvert does not know is refused when linking", "[videoconvert]") {
  CHECK_THROWS_WITH(
      parse_launch("videotestsrc ! videoconvert ! video/x-raw,format=P010_10LE ! fakesink"),
      Catch::Contains("no common format"));
}
