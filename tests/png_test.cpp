// pngdec and pngenc: every PNG colour type decodes to GStreamer's format,
// from any blocksize; pngenc -> pngdec is bit-exact; bad files are errors
// naming pngdec, never a crash or a silent end.
#include <catch2/catch.hpp>

#include "elements/appsrc.hpp"
#include "file_test_util.hpp"
#include "png_test_util.hpp"
#include "test_util.hpp"

using namespace gstmini;
using test::Bytes;
using test::PngSpec;

namespace {

std::size_t round_up4(std::size_t v) { return (v + 3) / 4 * 4; }

// What pngdec gives for a pixel of `s` (GStreamer's choice of format).
struct Expected {
  std::string format;
  std::size_t bpp;
};
Expected expected_format(const PngSpec& s) {
  switch (s.color_type) {
    case PNG_COLOR_TYPE_GRAY:
      return s.depth == 16 ? Expected{"GRAY16_BE", 2} : Expected{"GRAY8", 1};
    case PNG_COLOR_TYPE_PALETTE:
      return s.trns ? Expected{"RGBA", 4} : Expected{"RGB", 3};
    case PNG_COLOR_TYPE_RGB:
      return s.depth == 16 ? Expected{"ARGB64", 8} : Expected{"RGB", 3};
    default:  // grey+alpha, RGBA
      return s.depth == 16 ? Expected{"ARGB64", 8} : Expected{"RGBA", 4};
  }
}

void put16le(Bytes& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v & 0xff));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
}

Bytes expected_pixel(const PngSpec& s, std::uint32_t x, std::uint32_t y) {
  auto v = [&](int c) { return test::png_sample(s, x, y, c); };
  const std::uint32_t max = (1u << s.depth) - 1;
  Bytes out;
  switch (s.color_type) {
    case PNG_COLOR_TYPE_GRAY:
      if (s.depth == 16)
        return {static_cast<std::uint8_t>(v(0) >> 8), static_cast<std::uint8_t>(v(0))};
      return {static_cast<std::uint8_t>(v(0) * 255 / max)};
    case PNG_COLOR_TYPE_PALETTE: {
      const std::uint32_t i = v(0);
      out = {test::palette_entry(i, 0), test::palette_entry(i, 1), test::palette_entry(i, 2)};
      if (s.trns) out.push_back(i < test::kTrnsEntries ? test::trns_entry(i) : 255);
      return out;
    }
    default:
      break;
  }
  const bool gray = s.color_type == PNG_COLOR_TYPE_GRAY_ALPHA;
  const std::uint32_t r = v(0), g = gray ? v(0) : v(1), b = gray ? v(0) : v(2);
  const bool alpha = s.color_type & PNG_COLOR_MASK_ALPHA;
  const std::uint32_t a = alpha ? v(gray ? 1 : 3) : max;
  if (s.depth == 16) {
    for (std::uint32_t c : {a, r, g, b}) put16le(out, c);  // ARGB64, native (little) endian
    return out;
  }
  out = {static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g), static_cast<std::uint8_t>(b)};
  if (alpha) out.push_back(static_cast<std::uint8_t>(a));
  return out;
}

std::string describe(const PngSpec& s) {
  return "color type " + std::to_string(s.color_type) + ", depth " + std::to_string(s.depth) +
         (s.trns ? ", tRNS" : "") + (s.interlace ? ", interlaced" : "");
}

std::vector<PngSpec> every_png_kind() {
  std::vector<PngSpec> kinds;
  for (bool interlace : {false, true}) {
    for (int d : {1, 2, 4, 8, 16}) kinds.push_back({PNG_COLOR_TYPE_GRAY, d, false, interlace});
    for (int d : {1, 2, 4, 8}) {
      kinds.push_back({PNG_COLOR_TYPE_PALETTE, d, false, interlace});
      kinds.push_back({PNG_COLOR_TYPE_PALETTE, d, true, interlace});
    }
    for (int t : {PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB_ALPHA})
      for (int d : {8, 16}) kinds.push_back({t, d, false, interlace});
  }
  return kinds;
}

}  // namespace

TEST_CASE("pngdec decodes every PNG colour type and depth to GStreamer's format", "[png]") {
  test::TempDir dir;
  const std::uint32_t w = 13, h = 7;  // odd: rows get stride padding
  for (const PngSpec& spec : every_png_kind()) {
    INFO(describe(spec));
    test::write_file(dir.file("in.png"), test::write_png(spec, w, h));
    auto run = test::run_launch("filesrc location=" + dir.file("in.png") +
                                " ! pngdec ! appsink name=sink");
    REQUIRE(run.end);
    REQUIRE(run.end->type == MessageType::Eos);
    REQUIRE(run.buffers.size() == 1);
    const Expected e = expected_format(spec);
    CHECK(test::caps_string(run.caps, "format") == e.format);
    CHECK(test::caps_int(run.caps, "width") == w);
    CHECK(test::caps_int(run.caps, "height") == h);
    const std::size_t stride = round_up4(w * e.bpp);
    const Buffer& frame = run.buffers[0];
    REQUIRE(frame.size() == stride * h);
    CHECK(frame.pts == 0);
    std::string first_difference;
    for (std::uint32_t y = 0; y < h && first_difference.empty(); ++y)
      for (std::uint32_t x = 0; x < w && first_difference.empty(); ++x) {
        const std::uint8_t* got = frame.data() + y * stride + x * e.bpp;
        if (Bytes(got, got + e.bpp) != expected_pixel(spec, x, y))
          first_difference = std::to_string(x) + "," + std::to_string(y);
      }
    CHECK(first_difference.empty());
  }
}

TEST_CASE("pngdec assembles the image from any blocksize", "[png]") {
  test::TempDir dir;
  const PngSpec spec{PNG_COLOR_TYPE_RGB_ALPHA, 8};
  test::write_file(dir.file("in.png"), test::write_png(spec, 40, 30));
  Buffer reference;
  for (int blocksize : {1, 3, 64, 4096, 1 << 20}) {
    INFO("blocksize " << blocksize);
    auto run = test::run_launch("filesrc blocksize=" + std::to_string(blocksize) + " location=" +
                                dir.file("in.png") + " ! pngdec ! appsink name=sink");
    REQUIRE(run.end);
    REQUIRE(run.end->type == MessageType::Eos);
    REQUIRE(run.buffers.size() == 1);
    if (reference.size() == 0) reference = run.buffers[0];
    CHECK(test::concat(run.buffers) == test::concat({reference}));
  }
}

TEST_CASE("multifilesrc ! pngdec gives one frame per file, timed by the caps framerate",
          "[png][multifile]") {
  test::TempDir dir;
  for (int i = 0; i < 3; ++i)
    test::write_file(
        dir.file("img" + std::to_string(i) + ".png"),
        test::write_png({PNG_COLOR_TYPE_GRAY, 8}, 8, 4 + static_cast<std::uint32_t>(i)));
  auto run = test::run_launch("multifilesrc location=" + dir.file("img%d.png") +
                              " caps=\"image/png, framerate=(fraction)25/1\" ! pngdec ! "
                              "appsink name=sink");
  REQUIRE(run.end);
  REQUIRE(run.end->type == MessageType::Eos);
  REQUIRE(run.buffers.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(run.buffers[i].pts == i * 40 * kMillisecond);
    CHECK(run.buffers[i].duration == 40 * kMillisecond);
    CHECK(run.buffers[i].size() == 8 * (4 + i));  // each file its own size: caps follow
  }
  CHECK(test::caps_int(run.caps, "height") == 6);
}

TEST_CASE("pngenc -> pngdec gives back the same pixels for every format pngenc takes", "[png]") {
  struct Case {
    const char* format;
    std::size_t bpp;
  };
  for (Case c : {Case{"RGB", 3}, Case{"RGBA", 4}, Case{"GRAY8", 1}, Case{"GRAY16_BE", 2}}) {
    INFO(c.format);
    const std::uint32_t w = 21, h = 9;
    const std::size_t stride = round_up4(w * c.bpp);
    Bytes pixels(stride * h, 0);
    for (std::uint32_t y = 0; y < h; ++y)
      for (std::size_t i = 0; i < w * c.bpp; ++i)
        pixels[y * stride + i] = static_cast<std::uint8_t>((i * 13 + y * 71) & 0xff);
    Pipeline pipeline("p");
    auto src = test::make<AppSrc>("src");
    src->set("caps", std::string("video/x-raw, format=(string)") + c.format +
                         ", width=(int)21, height=(int)9, framerate=(fraction)0/1");
    auto enc = make_element("pngenc");
    enc->set("compression-level", std::uint64_t{9});
    auto dec = make_element("pngdec");
    auto sink = test::make<AppSink>("sink");
    sink->set("sync", false);  // the frame is stamped 5 s: no need to wait for it
    pipeline.add_many(src, enc, dec, sink);
    pipeline.link_many({src, enc, dec, sink});
    pipeline.set_state(State::Playing);
    Buffer frame = Buffer::wrap(pixels);
    frame.pts = 5 * kSecond;
    src->push_buffer(frame);
    src->end_of_stream();
    auto out = sink->pull_sample();
    REQUIRE(out);
    CHECK(out->pts == 5 * kSecond);
    CHECK(test::concat({*out}) == pixels);
    CHECK(test::caps_string(sink->current_caps(*sink->find_pad("sink")), "format") == c.format);
    pipeline.set_state(State::Null);
  }
}

TEST_CASE("pngenc snapshot=true ends the stream after one image", "[png]") {
  test::TempDir dir;
  auto run = test::run_launch(
      "fakesrc num-buffers=5 sizetype=fixed sizemax=48 ! "
      "capsfilter caps=\"video/x-raw, format=(string)RGB, width=(int)4, "
      "height=(int)4, framerate=(fraction)1/1\" ! pngenc snapshot=true ! "
      "appsink name=sink");
  REQUIRE(run.end);
  CHECK(run.end->type == MessageType::Eos);
  REQUIRE(run.buffers.size() == 1);
  CHECK(test::caps_int(run.caps, "width") == 4);
  CHECK(test::caps_string(run.caps, "format").empty());  // image/png
}

TEST_CASE("bad PNG input is an error naming pngdec, never a crash", "[png][error]") {
  test::TempDir dir;
  const Bytes good = test::write_png({PNG_COLOR_TYPE_RGB, 8}, 64, 48);
  auto decode = [&](const Bytes& bytes) {
    test::write_file(dir.file("bad.png"), bytes);
    return test::run_launch("filesrc location=" + dir.file("bad.png") +
                            " ! pngdec ! appsink name=sink");
  };
  SECTION("truncated") {
    auto run =
        decode(Bytes(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(good.size() / 2)));
    REQUIRE(run.error());
    CHECK_THAT(run.end->source, Catch::StartsWith("pngdec"));
    CHECK(run.error_text() == "Failed to decode PNG image");
    CHECK_THAT(run.error_debug(), Catch::Contains("ended inside an image"));
  }
  SECTION("corrupt image data") {
    Bytes bad = good;
    for (std::size_t i = 45; i < 60; ++i) bad[i] ^= 0x5a;  // inside IDAT: CRC mismatch
    auto run = decode(bad);
    REQUIRE(run.error());
    CHECK_THAT(run.end->source, Catch::StartsWith("pngdec"));
    CHECK(run.error_text() == "Failed to decode PNG image");
    CHECK_THAT(run.error_debug(), Catch::StartsWith("libpng error: IDAT"));
    CHECK(run.buffers.empty());
  }
  SECTION("zero size") {
    auto run = decode(test::png_with_header(0, 0));
    REQUIRE(run.error());
    CHECK(run.error_text() == "Failed to decode PNG image");
    CHECK_THAT(run.error_debug(), Catch::Contains("invalid image size 0x0"));
  }
  SECTION("65536 x 65536 is refused before allocating 12 GiB") {
    auto run = decode(test::png_with_header(65536, 65536));
    REQUIRE(run.error());
    CHECK_THAT(run.end->source, Catch::StartsWith("pngdec"));
    CHECK_THAT(run.error_debug(), Catch::Contains("65536x65536 RGB frame needs 12884901888 bytes"));
    CHECK_THAT(run.error_debug(), Catch::Contains("refused before allocating"));
  }
  SECTION("not a PNG at all") {
    auto run = decode(test::pattern_bytes(5000));
    REQUIRE(run.error());
    CHECK(run.error_text() == "No valid frames decoded before end of stream");
  }
}
