#include "elements/video/video_pack.hpp"

#include <cstddef>

namespace gstmini::video {

namespace {

using Byte = std::uint8_t;

Byte mean2(unsigned a, unsigned b) { return static_cast<Byte>((a + b + 1) / 2); }
Byte mean4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return static_cast<Byte>((a + b + c + d + 2) / 4);
}

// Component order of the packed 4-byte RGB formats, as canvas indices
// (0 = A, 1 = R, 2 = G, 3 = B); x bytes are written as 0xff.
struct Order {
  int c[4];
  bool has_alpha;
};

Order rgb32_order(VideoFormat f) {
  switch (f) {
    case VideoFormat::RGBx:
      return {{1, 2, 3, -1}, false};
    case VideoFormat::BGRx:
      return {{3, 2, 1, -1}, false};
    case VideoFormat::xRGB:
      return {{-1, 1, 2, 3}, false};
    case VideoFormat::xBGR:
      return {{-1, 3, 2, 1}, false};
    case VideoFormat::RGBA:
      return {{1, 2, 3, 0}, true};
    case VideoFormat::BGRA:
      return {{3, 2, 1, 0}, true};
    case VideoFormat::ARGB:
      return {{0, 1, 2, 3}, true};
    default:
      return {{0, 3, 2, 1}, true};  // ABGR
  }
}

void pack_rgb(const VideoInfo& info, const Byte* canvas, Byte* dst, int y0) {
  const auto w = static_cast<std::size_t>(info.width);
  const int pixel = info.finfo().pixel_stride;
  const bool bgr = info.format == VideoFormat::BGR;
  const Order order = rgb32_order(info.format);
  for (int y = y0; y < info.height; ++y) {
    const Byte* s = canvas + static_cast<std::size_t>(y) * w * 4;
    Byte* d = dst + static_cast<std::size_t>(y) * info.stride[0];
    for (std::size_t x = 0; x < w; ++x, s += 4) {
      if (pixel == 3) {
        d[x * 3 + 0] = bgr ? s[3] : s[1];
        d[x * 3 + 1] = s[2];
        d[x * 3 + 2] = bgr ? s[1] : s[3];
      } else {
        for (int k = 0; k < 4; ++k)
          d[x * 4 + static_cast<std::size_t>(k)] = order.c[k] < 0 ? 0xff : s[order.c[k]];
      }
    }
  }
}

void pack_gray(const VideoInfo& info, const Byte* canvas, Byte* dst, int y0) {
  const auto w = static_cast<std::size_t>(info.width);
  for (int y = y0; y < info.height; ++y) {
    const Byte* s = canvas + static_cast<std::size_t>(y) * w * 4;
    Byte* d = dst + static_cast<std::size_t>(y) * info.stride[0];
    for (std::size_t x = 0; x < w; ++x) {
      const Byte v = s[x * 4 + 1];
      if (info.format == VideoFormat::GRAY8) {
        d[x] = v;
      } else {  // 16 bits: the 8-bit value repeated (v << 8 | v), either byte order
        d[x * 2] = v;
        d[x * 2 + 1] = v;
      }
    }
  }
}

void pack_422(const VideoInfo& info, const Byte* canvas, Byte* dst, int first_row) {
  const auto w = static_cast<std::size_t>(info.width);
  // Byte positions of Y0, U, Y1, V in a macropixel.
  int y0 = 0, u = 1, y1 = 2, v = 3;  // YUY2
  if (info.format == VideoFormat::UYVY) u = 0, y0 = 1, v = 2, y1 = 3;
  if (info.format == VideoFormat::YVYU) v = 1, u = 3;
  for (int y = first_row; y < info.height; ++y) {
    const Byte* s = canvas + static_cast<std::size_t>(y) * w * 4;
    Byte* d = dst + static_cast<std::size_t>(y) * info.stride[0];
    for (std::size_t x = 0; x < w; x += 2) {
      const Byte* a = s + x * 4;
      const Byte* b = x + 1 < w ? a + 4 : a;
      Byte* m = d + x * 2;
      m[y0] = a[1];
      m[y1] = b[1];
      m[u] = mean2(a[2], b[2]);
      m[v] = mean2(a[3], b[3]);
    }
  }
}

// Planar and semi-planar YUV: Y per pixel, chroma per 2x2 (4:2:0), 2x1
// (4:2:2) or 1x1 (4:4:4) block.
void pack_planar(const VideoInfo& info, const Byte* canvas, Byte* dst, int y0) {
  const auto w = static_cast<std::size_t>(info.width);
  const auto h = static_cast<std::size_t>(info.height);
  auto px = [&](std::size_t x, std::size_t y) {
    return canvas + (y < h ? y : h - 1) * w * 4 + (x < w ? x : w - 1) * 4;
  };
  for (auto y = static_cast<std::size_t>(y0); y < h; ++y) {
    Byte* d = dst + y * info.stride[0];
    for (std::size_t x = 0; x < w; ++x) d[x] = px(x, y)[1];
  }
  const VideoFormat f = info.format;
  const bool semi = f == VideoFormat::NV12 || f == VideoFormat::NV21;
  const std::size_t xs = f == VideoFormat::Y444 ? 1 : 2;
  const std::size_t ys = (f == VideoFormat::Y444 || f == VideoFormat::Y42B) ? 1 : 2;
  // Plane (or interleaved position) of U and V.
  const int u_plane = f == VideoFormat::YV12 ? 2 : 1;
  const int v_plane = f == VideoFormat::YV12 ? 1 : 2;
  const std::size_t u_pos = f == VideoFormat::NV21 ? 1 : 0;
  const std::size_t cw = (w + xs - 1) / xs;
  const std::size_t ch = (h + ys - 1) / ys;
  for (std::size_t cy = static_cast<std::size_t>(y0) / ys; cy < ch; ++cy) {
    for (std::size_t cx = 0; cx < cw; ++cx) {
      const std::size_t x = cx * xs, y = cy * ys;
      Byte uv[2];
      for (int k = 0; k < 2; ++k) {
        const int c = 2 + k;
        if (xs == 1 && ys == 1)
          uv[k] = px(x, y)[c];
        else if (ys == 1)
          uv[k] = mean2(px(x, y)[c], px(x + 1, y)[c]);
        else
          uv[k] = mean4(px(x, y)[c], px(x + 1, y)[c], px(x, y + 1)[c], px(x + 1, y + 1)[c]);
      }
      if (semi) {
        Byte* d = dst + info.offset[1] + cy * info.stride[1] + cx * 2;
        d[u_pos] = uv[0];
        d[1 - u_pos] = uv[1];
      } else {
        dst[info.offset[static_cast<std::size_t>(u_plane)] +
            cy * info.stride[static_cast<std::size_t>(u_plane)] + cx] = uv[0];
        dst[info.offset[static_cast<std::size_t>(v_plane)] +
            cy * info.stride[static_cast<std::size_t>(v_plane)] + cx] = uv[1];
      }
    }
  }
}

}  // namespace

void pack_canvas(const VideoInfo& info, const std::uint8_t* canvas, std::uint8_t* dst,
                 int first_row) {
  const int y0 = first_row > 0 ? first_row & ~1 : 0;  // whole 4:2:0 chroma rows
  if (info.finfo().is_rgb) return pack_rgb(info, canvas, dst, y0);
  if (info.finfo().is_gray) return pack_gray(info, canvas, dst, y0);
  switch (info.format) {
    case VideoFormat::YUY2:
    case VideoFormat::UYVY:
    case VideoFormat::YVYU:
      return pack_422(info, canvas, dst, y0);
    default:
      return pack_planar(info, canvas, dst, y0);
  }
}

}  // namespace gstmini::video
