// VideoInfo: frame sizes, strides and offsets as GStreamer lays them out.
// The expected sizes are what Debian's GStreamer 1.22 writes for one frame:
//   gst-launch-1.0 videotestsrc num-buffers=1
//     ! video/x-raw,format=F,width=321,height=241 ! filesink location=f.raw
// (an odd size, so every rounding rule shows).
#include <catch2/catch.hpp>

#include "runtime/video/video_info.hpp"

using namespace gstmini;

TEST_CASE("video frame sizes match GStreamer's for an odd 321x241 frame", "[video_info]") {
  struct Expected {
    VideoFormat format;
    std::size_t size;
  };
  const Expected expected[] = {
      {VideoFormat::RGB, 232324},       {VideoFormat::BGR, 232324},
      {VideoFormat::RGBx, 309444},      {VideoFormat::BGRx, 309444},
      {VideoFormat::xRGB, 309444},      {VideoFormat::xBGR, 309444},
      {VideoFormat::RGBA, 309444},      {VideoFormat::BGRA, 309444},
      {VideoFormat::ARGB, 309444},      {VideoFormat::ABGR, 309444},
      {VideoFormat::I420, 118096},      {VideoFormat::YV12, 118096},
      {VideoFormat::NV12, 117612},      {VideoFormat::NV21, 117612},
      {VideoFormat::YUY2, 155204},      {VideoFormat::UYVY, 155204},
      {VideoFormat::YVYU, 155204},      {VideoFormat::GRAY8, 78084},
      {VideoFormat::GRAY16_BE, 155204}, {VideoFormat::GRAY16_LE, 155204},
      {VideoFormat::Y42B, 157132},      {VideoFormat::Y444, 234252},
  };
  for (const Expected& e : expected) {
    INFO(to_string(e.format));
    CHECK(VideoInfo::make(e.format, 321, 241).size == e.size);
  }
}

TEST_CASE("I420 planes: luma rows rounded to 4, chroma to half the rounded-up size",
          "[video_info]") {
  const VideoInfo info = VideoInfo::make(VideoFormat::I420, 321, 241);
  CHECK(info.n_planes == 3);
  CHECK(info.stride[0] == 324);
  CHECK(info.stride[1] == 164);
  CHECK(info.stride[2] == 164);
  CHECK(info.offset[1] == 324 * 242);
  CHECK(info.offset[2] == 324 * 242 + 164 * 121);
  CHECK(info.plane_height(1) == 121);
  CHECK(info.plane_row_bytes(1) == 161);
}

TEST_CASE("NV12 interleaves chroma with the luma stride", "[video_info]") {
  const VideoInfo info = VideoInfo::make(VideoFormat::NV12, 320, 240);
  CHECK(info.n_planes == 2);
  CHECK(info.stride[1] == 320);
  CHECK(info.offset[1] == 320 * 240);
  CHECK(info.size == 320 * 240 * 3 / 2);
}

TEST_CASE("video info reads and writes fixed raw video caps", "[video_info]") {
  const Caps caps = Caps::from_string(
      "video/x-raw, format=(string)RGB, width=(int)640, height=(int)480, "
      "framerate=(fraction)30/1, pixel-aspect-ratio=(fraction)1/1");
  VideoInfo info;
  REQUIRE(VideoInfo::from_caps(caps, &info));
  CHECK(info.format == VideoFormat::RGB);
  CHECK(info.width == 640);
  CHECK(info.height == 480);
  CHECK(info.framerate.num == 30);
  CHECK(info.stride[0] == 1920);
  CHECK(info.size == 1920 * 480);
  CHECK(info.to_caps() == caps);
  VideoInfo again;
  REQUIRE(VideoInfo::from_caps(info.to_caps(), &again));
  CHECK(again == info);
}

TEST_CASE("video info refuses caps that do not describe one frame layout", "[video_info]") {
  VideoInfo info;
  std::string why;
  CHECK_FALSE(VideoInfo::from_caps(
      Caps::from_string("video/x-raw, format=RGB, width=[1,10], height=4"), &info, &why));
  CHECK(why.find("width") != std::string::npos);
  CHECK_FALSE(VideoInfo::from_caps(Caps::from_string("video/x-raw, format=P010, width=4, height=4"),
                                   &info, &why));
  CHECK(why.find("P010") != std::string::npos);
  CHECK_FALSE(VideoInfo::from_caps(Caps::from_string("audio/x-raw, format=S16LE"), &info, &why));
  CHECK_FALSE(
      VideoInfo::from_caps(Caps::from_string("video/x-raw, format=RGB, width=0, height=4"), &info));
  // 65536 x 65536 is refused before anything is allocated.
  CHECK_FALSE(VideoInfo::from_caps(
      Caps::from_string("video/x-raw, format=RGBA, width=65536, height=65536"), &info, &why));
  CHECK(why.find("65536x65536") != std::string::npos);
}

TEST_CASE("template caps for a list of formats accept any size of those formats", "[video_info]") {
  const Caps templ = video_caps_any_of({VideoFormat::RGB, VideoFormat::I420});
  CHECK(VideoInfo::make(VideoFormat::I420, 7, 5).to_caps().is_subset(templ));
  CHECK_FALSE(VideoInfo::make(VideoFormat::NV12, 7, 5).to_caps().is_subset(templ));
  CHECK(video_format_from_string("GRAY16_LE") == VideoFormat::GRAY16_LE);
  CHECK(video_format_from_string("bogus") == VideoFormat::Unknown);
}
