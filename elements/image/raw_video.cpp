#include "elements/image/raw_video.hpp"

#include <cstring>
#include <utility>

namespace gstmini {

namespace {
std::uint64_t round_up(std::uint64_t value, std::uint64_t to) { return (value + to - 1) / to * to; }

RawVideoLayout packed(int components, std::uint64_t row_bytes, std::uint32_t height) {
  RawVideoLayout l;
  l.components = components;
  l.planes = 1;
  l.stride[0] = static_cast<std::size_t>(round_up(row_bytes, 4));
  l.size = l.stride[0] * std::uint64_t{height};
  return l;
}

// Three planes; chroma is width/xdiv by height/ydiv, strides as given.
RawVideoLayout planar(std::uint64_t luma_stride, std::uint64_t chroma_stride,
                      std::uint64_t luma_rows, std::uint64_t chroma_rows) {
  RawVideoLayout l;
  l.components = 3;
  l.planes = 3;
  l.stride[0] = static_cast<std::size_t>(luma_stride);
  l.stride[1] = l.stride[2] = static_cast<std::size_t>(chroma_stride);
  l.offset[1] = static_cast<std::size_t>(luma_stride * luma_rows);
  l.offset[2] = static_cast<std::size_t>(l.offset[1] + chroma_stride * chroma_rows);
  l.size = l.offset[2] + chroma_stride * chroma_rows;
  return l;
}
}  // namespace

std::optional<RawVideoLayout> raw_video_layout(const std::string& f, std::uint32_t width,
                                               std::uint32_t height) {
  const std::uint64_t w = width, h = height;
  if (f == "RGB" || f == "BGR") return packed(3, w * 3, height);
  if (f == "RGBA" || f == "BGRA" || f == "ARGB" || f == "ABGR") return packed(4, w * 4, height);
  if (f == "RGBx" || f == "BGRx" || f == "xRGB" || f == "xBGR") return packed(3, w * 4, height);
  if (f == "ARGB64") return packed(4, w * 8, height);
  if (f == "GRAY8") return packed(1, w, height);
  if (f == "GRAY16_BE" || f == "GRAY16_LE") return packed(1, w * 2, height);
  if (f == "YUY2" || f == "UYVY" || f == "YVYU") return packed(3, round_up(w, 2) * 2, height);
  if (f == "I420" || f == "YV12") {
    RawVideoLayout l =
        planar(round_up(w, 4), round_up(round_up(w, 2) / 2, 4), round_up(h, 2), round_up(h, 2) / 2);
    if (f == "YV12") std::swap(l.offset[1], l.offset[2]);  // V plane first
    return l;
  }
  if (f == "Y42B") return planar(round_up(w, 4), round_up(w, 8) / 2, h, h);
  if (f == "Y444") return planar(round_up(w, 4), round_up(w, 4), h, h);
  if (f == "Y41B") return planar(round_up(w, 4), round_up(w, 16) / 4, h, h);
  if (f == "NV12" || f == "NV21") {
    RawVideoLayout l;
    l.components = 3;
    l.planes = 2;
    l.stride[0] = l.stride[1] = static_cast<std::size_t>(round_up(w, 4));
    l.offset[1] = static_cast<std::size_t>(l.stride[0] * round_up(h, 2));
    l.size = l.offset[1] + l.stride[1] * (round_up(h, 2) / 2);
    return l;
  }
  return std::nullopt;
}

}  // namespace gstmini
