// x264enc and avdec_h264 on a known I420 source: keyframe flags agree with
// the NAL units, caps, latency, draining at EOS, B-frame DTS, and the decoded
// pictures match the source (PSNR).
#include <catch2/catch.hpp>

#include "elements/appsink.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "tests/encoded_video_util.hpp"

namespace gstmini::test {
namespace {

constexpr int kWidth = 160;
constexpr int kHeight = 120;

struct Pulled {
  std::vector<Buffer> buffers;
  Caps caps;
  bool live = false;
  ClockTime min_latency = kClockTimeNone;
};

// appsrc ! <middle> ! appsink, `frames` pattern frames. `live`: a live
// appsrc and a synced appsink, so the pipeline reports its latency (a
// non-live branch does not count in a LATENCY answer, as in GstBin).
Pulled run_to_appsink(const std::string& middle, int frames, bool live = false) {
  const std::string is_live = live ? "true" : "false";
  auto pipeline = parse_launch("appsrc name=src block=true is-live=" + is_live + " caps=\"" +
                               i420_caps(kWidth, kHeight) + "\" ! " + middle +
                               " ! appsink name=sink sync=" + is_live);
  auto sink = std::dynamic_pointer_cast<AppSink>(pipeline->get_by_name("sink"));
  pipeline->set_state(State::Playing);
  std::thread feeder = feed_frames(pipeline->get_by_name("src"), kWidth, kHeight, frames);
  Pulled pulled;
  while (auto b = sink->pull_sample()) pulled.buffers.push_back(std::move(*b));
  pulled.caps = sink->current_caps(*sink->first_pad(PadDirection::Sink));
  ClockTime max_latency = 0;
  pipeline->query_latency(&pulled.live, &pulled.min_latency, &max_latency);
  pipeline->set_state(State::Null);
  feeder.join();
  return pulled;
}

// Whether an Annex B access unit holds an IDR slice (NAL type 5).
bool has_idr_nal(const Buffer& b) {
  const std::uint8_t* d = b.data();
  for (std::size_t i = 0; i + 3 < b.size(); ++i)
    if (d[i] == 0 && d[i + 1] == 0 && d[i + 2] == 1 && (d[i + 3] & 0x1f) == 5) return true;
  return false;
}

}  // namespace

TEST_CASE("x264enc flags exactly its IDR access units as keyframes and drains at EOS", "[x264]") {
  // Not zerolatency: the medium preset's lookahead holds frames until EOS.
  Pulled out = run_to_appsink("x264enc key-int-max=10", 35, true);
  REQUIRE(out.buffers.size() == 35);
  std::size_t keyframes = 0;
  for (const Buffer& b : out.buffers) {
    const bool key = !b.has_flag(BufferFlags::DeltaUnit);
    CHECK(key == has_idr_nal(b));
    keyframes += key;
  }
  CHECK(!out.buffers.front().has_flag(BufferFlags::DeltaUnit));
  CHECK(keyframes >= 4);  // frames 0, 10, 20, 30 at least
  REQUIRE(!out.caps.is_empty());
  const CapsStructure& s = out.caps.structure(0);
  CHECK(s.name() == "video/x-h264");
  CHECK(*s.get("stream-format")->get_if<std::string>() == "byte-stream");
  CHECK(*s.get("alignment")->get_if<std::string>() == "au");
  CHECK(*s.get("profile")->get_if<std::string>() == "high");
  CHECK(*s.get("width")->get_if<std::int64_t>() == kWidth);
  // The lookahead is reported as latency: whole frames of 1/30 s.
  REQUIRE(is_valid(out.min_latency));
  CHECK(out.min_latency > 0);
  CHECK(out.min_latency % (kSecond / 30) == 0);
}

TEST_CASE("x264enc with tune=zerolatency adds no latency and emits a frame per frame", "[x264]") {
  Pulled out = run_to_appsink("x264enc speed-preset=ultrafast tune=zerolatency", 10, true);
  REQUIRE(out.buffers.size() == 10);
  CHECK(out.live);
  CHECK(out.min_latency == 0);
  for (std::size_t i = 0; i < out.buffers.size(); ++i) {
    CHECK(out.buffers[i].pts == i * kSecond / 30);
    CHECK(out.buffers[i].dts == out.buffers[i].pts);  // no reordering
  }
  CHECK(*out.caps.structure(0).get("profile")->get_if<std::string>() == "constrained-baseline");
}

TEST_CASE("x264enc with B-frames sets increasing DTS no later than PTS", "[x264]") {
  Pulled out = run_to_appsink("x264enc speed-preset=ultrafast bframes=2 b-adapt=false", 30);
  REQUIRE(out.buffers.size() == 30);
  bool reordered = false;
  for (std::size_t i = 0; i < out.buffers.size(); ++i) {
    const Buffer& b = out.buffers[i];
    REQUIRE(is_valid(b.dts));
    CHECK(b.dts <= b.pts);
    reordered |= b.dts < b.pts;
    if (i > 0) CHECK(b.dts > out.buffers[i - 1].dts);
    // Shifted as GStreamer's encoders do (min-pts), running time unchanged.
    CHECK(b.pts >= 1000ull * 3600 * kSecond);
  }
  CHECK(reordered);
}

TEST_CASE("avdec_h264 decodes x264enc's stream back to the source above 38 dB PSNR", "[x264]") {
  Pulled out = run_to_appsink("x264enc speed-preset=ultrafast ! avdec_h264", 30);
  REQUIRE(out.buffers.size() == 30);
  const I420Layout layout = I420Layout::make(kWidth, kHeight);
  double worst = 99;
  for (const Buffer& b : out.buffers) {
    REQUIRE(b.size() == layout.size);
    const int n = static_cast<int>((b.pts * 30 + kSecond / 2) / kSecond);
    const auto source = pattern_frame(kWidth, kHeight, n);
    worst = std::min(worst, luma_psnr(b.data(), source.data(), kWidth, kHeight, layout.stride[0]));
  }
  INFO("worst luma PSNR " << worst << " dB");
  CHECK(worst > 38.0);
  CHECK(out.caps.structure(0).name() == "video/x-raw");
}

TEST_CASE("x264enc refuses a buffer that is not a frame of the negotiated size", "[x264]") {
  auto pipeline = parse_launch("appsrc name=src caps=\"" + i420_caps(kWidth, kHeight) +
                               "\" ! x264enc name=enc ! fakesink");
  auto src = std::dynamic_pointer_cast<AppSrc>(pipeline->get_by_name("src"));
  pipeline->set_state(State::Playing);
  for (int tries = 0; src->push_buffer(Buffer(100)) == AppSrc::Push::Flushing && tries < 500;
       ++tries)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto m = wait_error(*pipeline);
  pipeline->set_state(State::Null);
  REQUIRE(m);
  CHECK(m->source == "enc");
  CHECK(m->debug.find("100 bytes is not an I420 frame of 160x120") != std::string::npos);
}

}  // namespace gstmini::test
