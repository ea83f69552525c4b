// jpegdec and jpegenc: round trips above a stated PSNR, every subsampling
// decoding to I420 as GStreamer's jpegdec does, and bad files as errors.
#include <turbojpeg.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "elements/appsrc.hpp"
#include "file_test_util.hpp"
#include "test_util.hpp"

using namespace gstmini;
using test::Bytes;

namespace {

std::size_t round_up(std::size_t v, std::size_t to) { return (v + to - 1) / to * to; }

// PSNR of two w x h planes (given strides), in dB.
double psnr(const std::uint8_t* a, std::size_t sa, const std::uint8_t* b, std::size_t sb, int w,
            int h) {
  double se = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const double d = double(a[std::size_t(y) * sa + std::size_t(x)]) -
                       double(b[std::size_t(y) * sb + std::size_t(x)]);
      se += d * d;
    }
  const double mse = se / (double(w) * double(h));
  return mse == 0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

// A smooth test picture (what a camera gives; JPEG is made for it).
std::uint8_t smooth(int x, int y, int c) {
  return static_cast<std::uint8_t>(128 +
                                   100 * std::sin(x * (0.05 + 0.02 * c) + y * 0.03 * (c + 1)));
}

struct I420 {
  int w, h;
  std::size_t ys, cs, uo, vo, size;
  explicit I420(int width, int height) : w(width), h(height) {
    ys = round_up(std::size_t(w), 4);
    cs = round_up(round_up(std::size_t(w), 2) / 2, 4);
    uo = ys * round_up(std::size_t(h), 2);
    vo = uo + cs * (round_up(std::size_t(h), 2) / 2);
    size = vo + cs * (round_up(std::size_t(h), 2) / 2);
  }
};

// appsrc (caps) ! the elements of `chain` ("jpegenc ! jpegdec") ! appsink,
// one frame through; returns what came out.
Buffer run_through(const std::string& caps, const Bytes& frame, const std::string& chain,
                   Caps* out_caps) {
  Pipeline pipeline("p");
  auto src = test::make<AppSrc>("src");
  src->set("caps", caps);
  std::vector<ElementPtr> elements{src};
  std::string rest = chain;
  for (std::size_t pos = 0; pos != std::string::npos;) {
    std::size_t bang = rest.find(" ! ", pos);
    std::istringstream spec(rest.substr(pos, bang == std::string::npos ? bang : bang - pos));
    std::string factory, property;
    spec >> factory;
    elements.push_back(make_element(factory));
    while (spec >> property) {  // "quality=95"
      auto eq = property.find('=');
      elements.back()->set_property_from_string(property.substr(0, eq), property.substr(eq + 1));
    }
    pos = bang == std::string::npos ? bang : bang + 3;
  }
  auto sink = test::make<AppSink>("sink");
  elements.push_back(sink);
  for (auto& e : elements) pipeline.add(e);
  pipeline.link_many(elements);
  pipeline.set_state(State::Playing);
  src->push_buffer(Buffer::wrap(frame));
  src->end_of_stream();
  auto out = sink->pull_sample();
  if (out_caps) *out_caps = sink->current_caps(*sink->find_pad("sink"));
  pipeline.set_state(State::Null);
  return out ? *out : Buffer();
}

}  // namespace

TEST_CASE("jpegenc -> jpegdec keeps an I420 picture above 35 dB PSNR at quality 85", "[jpeg]") {
  const int w = 99, h = 67;  // odd: chroma rounding and stride padding
  const I420 l(w, h);
  Bytes frame(l.size, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) frame[std::size_t(y) * l.ys + std::size_t(x)] = smooth(x, y, 0);
  for (int y = 0; y < (h + 1) / 2; ++y)
    for (int x = 0; x < (w + 1) / 2; ++x) {
      frame[l.uo + std::size_t(y) * l.cs + std::size_t(x)] = smooth(x, y, 1);
      frame[l.vo + std::size_t(y) * l.cs + std::size_t(x)] = smooth(x, y, 2);
    }
  Caps caps;
  Buffer out = run_through(
      "video/x-raw, format=(string)I420, width=(int)99, height=(int)67, "
      "framerate=(fraction)0/1",
      frame, "jpegenc ! jpegdec", &caps);
  REQUIRE(out.size() == l.size);
  CHECK(test::caps_string(caps, "format") == "I420");
  CHECK(test::caps_string(caps, "colorimetry") == "1:4:0:0");
  CHECK(psnr(frame.data(), l.ys, out.data(), l.ys, w, h) > 35.0);
  CHECK(psnr(frame.data() + l.uo, l.cs, out.data() + l.uo, l.cs, (w + 1) / 2, (h + 1) / 2) > 35.0);
  CHECK(psnr(frame.data() + l.vo, l.cs, out.data() + l.vo, l.cs, (w + 1) / 2, (h + 1) / 2) > 35.0);
}

TEST_CASE("jpegenc takes packed RGB and grey; jpegdec gives I420 and GRAY8 back", "[jpeg]") {
  const int w = 32, h = 16;
  SECTION("GRAY8 round trip above 40 dB") {
    Bytes frame(std::size_t(w) * h);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) frame[std::size_t(y) * w + std::size_t(x)] = smooth(x, y, 0);
    Caps caps;
    Buffer out = run_through(
        "video/x-raw, format=(string)GRAY8, width=(int)32, height=(int)16, "
        "framerate=(fraction)0/1",
        frame, "jpegenc quality=95 ! jpegdec", &caps);
    CHECK(test::caps_string(caps, "format") == "GRAY8");
    REQUIRE(out.size() == frame.size());
    CHECK(psnr(frame.data(), w, out.data(), w, w, h) > 40.0);
  }
  SECTION("BGRx is encoded and decodes to I420 of the same size") {
    Bytes frame(std::size_t(w) * h * 4, 0x80);
    Caps caps;
    Buffer out = run_through(
        "video/x-raw, format=(string)BGRx, width=(int)32, height=(int)16, "
        "framerate=(fraction)0/1",
        frame, "jpegenc ! jpegdec", &caps);
    CHECK(test::caps_string(caps, "format") == "I420");
    CHECK(test::caps_int(caps, "width") == w);
    CHECK(out.size() == I420(w, h).size);
    CHECK(std::abs(int(out.data()[0]) - 0x80) <= 2);  // mid grey stays mid grey
  }
}

TEST_CASE("jpegdec turns 4:4:4 and 4:2:2 files into I420 with averaged chroma", "[jpeg]") {
  const int w = 64, h = 32;
  for (int subsamp : {TJSAMP_444, TJSAMP_422, TJSAMP_440}) {
    INFO("subsampling " << subsamp);
    const int cw = tjPlaneWidth(1, w, subsamp), ch = tjPlaneHeight(1, h, subsamp);
    Bytes y(std::size_t(w) * h), u(std::size_t(cw) * ch), v(u.size());
    for (int j = 0; j < h; ++j)
      for (int i = 0; i < w; ++i) y[std::size_t(j) * w + std::size_t(i)] = smooth(i, j, 0);
    for (int j = 0; j < ch; ++j)
      for (int i = 0; i < cw; ++i) {
        u[std::size_t(j) * cw + std::size_t(i)] = smooth(i * w / cw, j * h / ch, 1);
        v[std::size_t(j) * cw + std::size_t(i)] = smooth(i * w / cw, j * h / ch, 2);
      }
    tjhandle tj = tjInitCompress();
    const unsigned char* planes[3] = {y.data(), u.data(), v.data()};
    int strides[3] = {w, cw, cw};
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    REQUIRE(tjCompressFromYUVPlanes(tj, planes, w, strides, h, subsamp, &jpeg, &size, 100, 0) == 0);
    test::TempDir dir;
    test::write_file(dir.file("in.jpg"), Bytes(jpeg, jpeg + size));
    tjFree(jpeg);
    tjDestroy(tj);
    auto run = test::run_launch("filesrc location=" + dir.file("in.jpg") +
                                " blocksize=100 ! jpegdec ! appsink name=sink");
    REQUIRE(run.buffers.size() == 1);
    CHECK(test::caps_string(run.caps, "format") == "I420");
    const I420 l(w, h);
    const Buffer& out = run.buffers[0];
    REQUIRE(out.size() == l.size);
    CHECK(psnr(y.data(), std::size_t(w), out.data(), l.ys, w, h) > 40.0);
    // The expected 4:2:0 chroma: the source chroma at each 2x2 block's centre.
    Bytes u420(std::size_t(w / 2) * (h / 2));
    for (int j = 0; j < h / 2; ++j)
      for (int i = 0; i < w / 2; ++i)
        u420[std::size_t(j) * (w / 2) + std::size_t(i)] = smooth(i * 2, j * 2, 1);
    CHECK(psnr(u420.data(), std::size_t(w / 2), out.data() + l.uo, l.cs, w / 2, h / 2) > 30.0);
  }
}

TEST_CASE("a stream of JPEGs in odd-sized pieces gives one frame per image", "[jpeg]") {
  const int w = 16, h = 16;
  Bytes gray(std::size_t(w) * h, 0x40);
  tjhandle tj = tjInitCompress();
  unsigned char* jpeg = nullptr;
  unsigned long size = 0;
  REQUIRE(tjCompress2(tj, gray.data(), w, w, h, TJPF_GRAY, &jpeg, &size, TJSAMP_GRAY, 90, 0) == 0);
  Bytes three;
  for (int i = 0; i < 3; ++i) three.insert(three.end(), jpeg, jpeg + size);
  tjFree(jpeg);
  tjDestroy(tj);
  test::TempDir dir;
  test::write_file(dir.file("three.jpg"), three);
  auto run = test::run_launch("filesrc location=" + dir.file("three.jpg") +
                              " blocksize=7 ! jpegdec ! appsink name=sink");
  REQUIRE(run.end);
  CHECK(run.end->type == MessageType::Eos);
  CHECK(run.buffers.size() == 3);
}

TEST_CASE("bad JPEG input is an error naming jpegdec, never a crash", "[jpeg][error]") {
  test::TempDir dir;
  Bytes gray(64 * 48, 0x80);
  tjhandle tj = tjInitCompress();
  unsigned char* jpeg = nullptr;
  unsigned long size = 0;
  REQUIRE(tjCompress2(tj, gray.data(), 64, 64, 48, TJPF_GRAY, &jpeg, &size, TJSAMP_GRAY, 90, 0) ==
          0);
  const Bytes good(jpeg, jpeg + size);
  tjFree(jpeg);
  tjDestroy(tj);
  std::size_t sof = 2;
  while (sof + 1 < good.size() && !(good[sof] == 0xff && good[sof + 1] == 0xc0)) ++sof;
  REQUIRE(sof + 9 < good.size());
  auto decode = [&](const Bytes& bytes) {
    test::write_file(dir.file("bad.jpg"), bytes);
    return test::run_launch("filesrc location=" + dir.file("bad.jpg") +
                            " ! jpegdec ! appsink name=sink");
  };
  SECTION("truncated") {
    auto run = decode(Bytes(good.begin(), good.begin() + std::ptrdiff_t(good.size() / 2)));
    REQUIRE(run.error());
    CHECK_THAT(run.end->source, Catch::StartsWith("jpegdec"));
    CHECK(run.error_text() == "Failed to decode JPEG image");
    CHECK_THAT(run.error_debug(), Catch::Contains("ended inside an image"));
  }
  SECTION("65500 x 65500 in the header is refused before allocating") {
    Bytes bad = good;  // 65500 is libjpeg's own limit: larger ones it refuses itself
    bad[sof + 5] = bad[sof + 7] = 0xff;
    bad[sof + 6] = bad[sof + 8] = 0xdc;
    auto run = decode(bad);
    REQUIRE(run.error());
    CHECK_THAT(run.end->source, Catch::StartsWith("jpegdec"));
    CHECK_THAT(run.error_debug(), Catch::Contains("refused before allocating"));
  }
  SECTION("zero size") {
    Bytes bad = good;
    bad[sof + 5] = bad[sof + 6] = bad[sof + 7] = bad[sof + 8] = 0;
    auto run = decode(bad);
    REQUIRE(run.error());
    CHECK(run.error_text() == "Failed to decode JPEG image");
  }
  SECTION("a broken marker structure") {
    Bytes bad = good;
    bad[2] = 0x12;  // the byte after SOI must start a marker
    auto run = decode(bad);
    REQUIRE(run.error());
    CHECK(run.error_text() == "Failed to decode JPEG image");
    CHECK_THAT(run.error_debug(), Catch::Contains("expected a marker"));
  }
}
