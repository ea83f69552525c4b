// PNG files for the tests, written with libpng itself: every colour type
// and bit depth, optional tRNS and Adam7 interlacing, and the pixels
// pngdec must give for each (GStreamer's output format and layout).
#pragma once

#include <png.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gstmini::test {

struct PngSpec {
  int color_type;  // PNG_COLOR_TYPE_*
  int depth;       // 1, 2, 4, 8, 16
  bool trns = false;
  bool interlace = false;
};

// The sample of channel c at (x, y), in [0, 2^depth).
inline std::uint32_t png_sample(const PngSpec& s, std::uint32_t x, std::uint32_t y, int c) {
  const std::uint32_t max = (1u << s.depth) - 1;
  return (x * 37u + y * 101u + static_cast<std::uint32_t>(c) * 59u + x * y * 7u) % (max + 1);
}
inline int png_channels(const PngSpec& s) {
  switch (s.color_type) {
    case PNG_COLOR_TYPE_GRAY:
    case PNG_COLOR_TYPE_PALETTE:
      return 1;
    case PNG_COLOR_TYPE_GRAY_ALPHA:
      return 2;
    case PNG_COLOR_TYPE_RGB:
      return 3;
    default:
      return 4;
  }
}
inline std::uint8_t palette_entry(std::uint32_t i, int c) {
  return static_cast<std::uint8_t>((i * (37u + 54u * static_cast<std::uint32_t>(c)) + 11u) & 0xff);
}
inline std::uint8_t trns_entry(std::uint32_t i) { return static_cast<std::uint8_t>(i * 16u); }
constexpr std::uint32_t kTrnsEntries = 10;

inline std::vector<std::uint8_t> write_png(const PngSpec& s, std::uint32_t w, std::uint32_t h) {
  std::vector<std::uint8_t> out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(
      png, &out,
      [](png_structp p, png_bytep data, png_size_t n) {
        auto* v = static_cast<std::vector<std::uint8_t>*>(png_get_io_ptr(p));
        v->insert(v->end(), data, data + n);
      },
      nullptr);
  png_set_IHDR(png, info, w, h, s.depth, s.color_type,
               s.interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  std::vector<png_color> palette;
  if (s.color_type == PNG_COLOR_TYPE_PALETTE) {
    for (std::uint32_t i = 0; i < (1u << s.depth); ++i)
      palette.push_back({palette_entry(i, 0), palette_entry(i, 1), palette_entry(i, 2)});
    png_set_PLTE(png, info, palette.data(), static_cast<int>(palette.size()));
    if (s.trns) {
      std::vector<png_byte> alpha;
      for (std::uint32_t i = 0; i < kTrnsEntries && i < palette.size(); ++i)
        alpha.push_back(trns_entry(i));
      png_set_tRNS(png, info, alpha.data(), static_cast<int>(alpha.size()), nullptr);
    }
  }
  png_write_info(png, info);
  const int channels = png_channels(s);
  const std::size_t row_bytes =
      (std::size_t{w} * static_cast<std::size_t>(channels * s.depth) + 7) / 8;
  std::vector<std::vector<std::uint8_t>> rows(h, std::vector<std::uint8_t>(row_bytes, 0));
  std::vector<png_bytep> pointers;
  for (std::uint32_t y = 0; y < h; ++y) {
    for (std::uint32_t x = 0; x < w; ++x) {
      for (int c = 0; c < channels; ++c) {
        const std::uint32_t v = png_sample(s, x, y, c);
        const std::size_t bit =
            (std::size_t{x} * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)) *
            static_cast<std::size_t>(s.depth);
        if (s.depth == 16) {
          rows[y][bit / 8] = static_cast<std::uint8_t>(v >> 8);
          rows[y][bit / 8 + 1] = static_cast<std::uint8_t>(v & 0xff);
        } else {
          rows[y][bit / 8] |= static_cast<std::uint8_t>(v << (8 - s.depth - bit % 8));
        }
      }
    }
    pointers.push_back(rows[y].data());
  }
  png_write_image(png, pointers.data());
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

// A hand-made PNG: signature, IHDR with the given size, one IDAT, IEND;
// CRCs are right, so only the size can be wrong.
inline std::vector<std::uint8_t> png_with_header(std::uint32_t w, std::uint32_t h) {
  std::vector<std::uint8_t> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  auto chunk = [&](const char* type, const std::vector<std::uint8_t>& data) {
    auto be32 = [&](std::uint32_t v) {
      for (int i = 3; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    be32(static_cast<std::uint32_t>(data.size()));
    std::vector<std::uint8_t> body(type, type + 4);
    body.insert(body.end(), data.begin(), data.end());
    out.insert(out.end(), body.begin(), body.end());
    be32(static_cast<std::uint32_t>(crc32(0, body.data(), static_cast<uInt>(body.size()))));
  };
  std::vector<std::uint8_t> ihdr;
  for (std::uint32_t v : {w, h})
    for (int i = 3; i >= 0; --i) ihdr.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  ihdr.insert(ihdr.end(), {8, PNG_COLOR_TYPE_RGB, 0, 0, 0});
  chunk("IHDR", ihdr);
  std::vector<std::uint8_t> raw(64, 0), packed(128);
  uLongf packed_size = packed.size();
  compress(packed.data(), &packed_size, raw.data(), raw.size());
  packed.resize(packed_size);
  chunk("IDAT", packed);
  chunk("IEND", {});
  return out;
}

}  // namespace gstmini::test
