// videotestsrc against real GStreamer: for the same caps and pattern, one
// frame from gstmini and one from `gst-launch-1.0 videotestsrc ...` (run
// at test time) must be at least 35 dB PSNR apart (most are bit-exact;
// 4:2:0 chroma at bar edges is where they may differ).
#include <catch2/catch.hpp>

#include <cmath>

#include "runtime/video/video_info.hpp"
#include "video_test_util.hpp"

using namespace gstmini;
using namespace gstmini::test;

namespace {

constexpr double kMinPsnr = 35.0;

void compare_with_gstreamer(const std::string& source, const std::string& caps) {
  const std::string line = source + " num-buffers=1 ! " + caps;
  INFO(line);
  const Frame ours = gstmini_frame(line);
  INFO(ours.error);
  REQUIRE(ours.buffer);
  const std::vector<std::uint8_t> theirs = gst_frame(line);
  REQUIRE(theirs.size() == ours.buffer->size());
  const double db = psnr(*ours.buffer, theirs);
  INFO("PSNR " << db << " dB");
  CHECK(db >= kMinPsnr);
}

}  // namespace

TEST_CASE("videotestsrc frames match GStreamer's for every pattern and format", "[videotestsrc]") {
  if (!gst_launch_path()) {
    WARN("SKIPPED: gst-launch-1.0 is not installed (scripts/deps/video.txt installs it)");
    return;
  }
  struct Case {
    const char* source;
    const char* caps;
  };
  const Case cases[] = {
      {"videotestsrc", "video/x-raw,format=I420,width=320,height=240"},
      {"videotestsrc", "video/x-raw,format=RGB,width=321,height=241"},
      {"videotestsrc", "video/x-raw,format=I420,width=1280,height=720"},  // BT.709 bars
      {"videotestsrc", "video/x-raw,format=NV12,width=176,height=144"},
      {"videotestsrc", "video/x-raw,format=YUY2,width=170,height=96"},
      {"videotestsrc", "video/x-raw,format=GRAY8,width=160,height=120"},
      {"videotestsrc pattern=smpte75", "video/x-raw,format=BGRx,width=160,height=120"},
      {"videotestsrc pattern=smpte75", "video/x-raw,format=I420,width=160,height=120"},
      {"videotestsrc pattern=snow", "video/x-raw,format=RGBA,width=64,height=48"},
      {"videotestsrc pattern=black", "video/x-raw,format=I420,width=64,height=48"},
      {"videotestsrc pattern=white", "video/x-raw,format=RGBx,width=64,height=48"},
      {"videotestsrc pattern=red", "video/x-raw,format=NV12,width=64,height=48"},
      {"videotestsrc pattern=green", "video/x-raw,format=RGB,width=64,height=48"},
      {"videotestsrc pattern=blue", "video/x-raw,format=YUY2,width=64,height=48"},
      {"videotestsrc pattern=checkers-1", "video/x-raw,format=RGB,width=64,height=48"},
      {"videotestsrc pattern=checkers-2", "video/x-raw,format=I420,width=64,height=48"},
      {"videotestsrc pattern=checkers-4", "video/x-raw,format=GRAY8,width=64,height=48"},
      {"videotestsrc pattern=checkers-8", "video/x-raw,format=BGRx,width=64,height=48"},
      {"videotestsrc pattern=ball", "video/x-raw,format=I420,width=160,height=120"},
      {"videotestsrc pattern=solid-color foreground-color=0xff336699",
       "video/x-raw,format=I420,width=64,height=48"},
      {"videotestsrc pattern=solid-color foreground-color=0xff336699",
       "video/x-raw,format=RGBA,width=64,height=48"},
      {"videotestsrc pattern=gradient", "video/x-raw,format=RGB,width=64,height=48"},
      {"videotestsrc pattern=colors", "video/x-raw,format=I420,width=64,height=48"},
      {"videotestsrc horizontal-speed=5 pattern=checkers-8",
       "video/x-raw,format=RGB,width=64,height=48"},
  };
  for (const Case& c : cases) compare_with_gstreamer(c.source, c.caps);
}

TEST_CASE("videotestsrc negotiates GStreamer's defaults: 320x240 at 30/1", "[videotestsrc]") {
  const Frame frame = gstmini_frame("videotestsrc num-buffers=1 ! video/x-raw,format=I420");
  REQUIRE(frame.buffer);
  VideoInfo info;
  REQUIRE(VideoInfo::from_caps(frame.caps, &info));
  CHECK(info.width == 320);
  CHECK(info.height == 240);
  CHECK(info.framerate.num == 30);
  CHECK(info.framerate.den == 1);
  CHECK(frame.buffer->size() == info.size);
}

TEST_CASE("videotestsrc stamps frame n at timestamp-offset + n / framerate", "[videotestsrc]") {
  auto pipeline = parse_launch(
      "videotestsrc num-buffers=3 timestamp-offset=1000 ! video/x-raw,framerate=25/1 "
      "! appsink name=out sync=false");
  auto sink = std::dynamic_pointer_cast<AppSink>(pipeline->get_by_name("out"));
  pipeline->set_state(State::Playing);
  for (std::uint64_t n = 0; n < 3; ++n) {
    auto buffer = sink->try_pull_sample(10 * kSecond);
    REQUIRE(buffer);
    CHECK(buffer->pts == 1000 + n * 40 * kMillisecond);
    CHECK(buffer->duration == 40 * kMillisecond);
    CHECK(buffer->offset == n);
  }
  CHECK_FALSE(sink->try_pull_sample(10 * kSecond));  // EOS after num-buffers
  pipeline->set_state(State::Null);
}

TEST_CASE("a still videotestsrc pattern is painted once and shared, not copied", "[videotestsrc]") {
  auto pipeline =
      parse_launch("videotestsrc num-buffers=2 pattern=red ! appsink name=out sync=false");
  auto sink = std::dynamic_pointer_cast<AppSink>(pipeline->get_by_name("out"));
  pipeline->set_state(State::Playing);
  auto a = sink->try_pull_sample(10 * kSecond);
  auto b = sink->try_pull_sample(10 * kSecond);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->data() == b->data());
  pipeline->set_state(State::Null);
}

TEST_CASE("videotestsrc refuses a 65536x65536 frame before allocating it", "[videotestsrc]") {
  auto pipeline = parse_launch(
      "videotestsrc name=src ! video/x-raw,format=RGBA,width=65536,height=65536 ! fakesink");
  pipeline->set_state(State::Playing);
  auto error = pipeline->bus().timed_pop_filtered(10 * kSecond, MessageType::Error);
  REQUIRE(error);
  CHECK(error->source == "src");
  CHECK(error->debug.find("65536x65536") != std::string::npos);
  pipeline->set_state(State::Null);
}
