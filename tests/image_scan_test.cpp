// The PNG and JPEG stream scanners: whole images found in any pieces,
// garbage skipped, broken structure reported.
#include <catch2/catch.hpp>

#include <vector>

#include "elements/image/image_scan.hpp"

using namespace gstmini;
using Bytes = std::vector<std::uint8_t>;

namespace {
const Bytes kPng = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0,    0,    0,    2,
                    'a',  'b', 'c', 'd', 1,    2,    9,    9,    9,    9,  // 2-byte chunk
                    0,    0,   0,   0,   'I',  'E',  'N',  'D',  0xae, 0x42, 0x60, 0x82};
const Bytes kJpeg = {0xff, 0xd8, 0xff, 0xe0, 0,    4,    1,    2,  // SOI, APP0
                     0xff, 0xda, 0,    3,    7,                    // SOS
                     0x11, 0xff, 0x00, 0x22, 0xff, 0xd3, 0x33,     // data, stuffed FF, RST3
                     0xff, 0xff, 0xd9};                            // fill byte, EOI

// Feeds `stream` in pieces of `piece` bytes as a decoder would; returns the
// sizes of the images found and the skipped byte count.
template <class Scanner>
std::vector<std::size_t> images_in(const Bytes& stream, std::size_t piece, std::size_t* skipped) {
  Scanner scanner;
  Bytes adapter;
  std::vector<std::size_t> images;
  *skipped = 0;
  for (std::size_t at = 0; at < stream.size(); at += piece) {
    adapter.insert(
        adapter.end(), stream.begin() + static_cast<std::ptrdiff_t>(at),
        stream.begin() + static_cast<std::ptrdiff_t>(std::min(stream.size(), at + piece)));
    for (;;) {
      if (adapter.empty()) break;
      ScanResult r = scanner.scan(adapter.data(), adapter.size());
      if (r.status == ScanResult::Status::NeedData) break;
      REQUIRE(r.status != ScanResult::Status::Corrupt);
      if (r.status == ScanResult::Status::Image) images.push_back(r.size);
      if (r.status == ScanResult::Status::Skip) *skipped += r.size;
      adapter.erase(adapter.begin(), adapter.begin() + static_cast<std::ptrdiff_t>(r.size));
    }
  }
  return images;
}
}  // namespace

TEST_CASE("the PNG scanner finds each image of a stream, whatever the piece size", "[image-scan]") {
  Bytes stream = {'x', 0x89, 'y'};  // garbage, including a false start
  stream.insert(stream.end(), kPng.begin(), kPng.end());
  stream.insert(stream.end(), kPng.begin(), kPng.end());
  for (std::size_t piece : {1, 2, 5, 100}) {
    std::size_t skipped = 0;
    auto images = images_in<PngScanner>(stream, piece, &skipped);
    CHECK(images == std::vector<std::size_t>{kPng.size(), kPng.size()});
    CHECK(skipped == 3);
  }
}

TEST_CASE("the JPEG scanner finds EOI past stuffed bytes, restart markers and fill bytes",
          "[image-scan]") {
  Bytes stream = kJpeg;
  stream.insert(stream.end(), kJpeg.begin(), kJpeg.end());
  for (std::size_t piece : {1, 3, 100}) {
    std::size_t skipped = 0;
    auto images = images_in<JpegScanner>(stream, piece, &skipped);
    CHECK(images == std::vector<std::size_t>{kJpeg.size(), kJpeg.size()});
    CHECK(skipped == 0);
  }
}

TEST_CASE("the scanners report a broken structure instead of waiting forever", "[image-scan]") {
  Bytes png = kPng;
  png[8] = 0xff;  // chunk length > 2^31 - 1
  PngScanner p;
  ScanResult r = p.scan(png.data(), png.size());
  CHECK(r.status == ScanResult::Status::Corrupt);
  CHECK_THAT(r.error, Catch::Contains("larger than PNG allows"));

  Bytes jpeg = kJpeg;
  jpeg[2] = 0x00;  // not a marker after SOI
  JpegScanner j;
  r = j.scan(jpeg.data(), jpeg.size());
  CHECK(r.status == ScanResult::Status::Corrupt);
}

TEST_CASE("read_png_header reads the IHDR fields", "[image-scan]") {
  Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0,  0, 13, 'I', 'H', 'D',
               'R',  0,   1,   0,   0,    0,    0,    0,    7, 16, 6, 0,  0,   1};
  auto h = read_png_header(png.data(), png.size());
  REQUIRE(h);
  CHECK(h->width == 65536);
  CHECK(h->height == 7);
  CHECK(h->bit_depth == 16);
  CHECK(h->color_type == 6);
  CHECK(h->interlace == 1);
  CHECK_FALSE(read_png_header(png.data(), 20));
}
