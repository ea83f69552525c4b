// I420 frame layout as GStreamer's video-info computes it (GstVideoInfo
// for GST_VIDEO_FORMAT_I420): Y plane, then U, then V; each row stride is
// rounded up to 4 bytes. Shared by the encoders and decoders that read or
// write raw I420 (x264enc, avdec_h264) until runtime/video/video_info lands.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace gstmini {

struct I420Layout {
  int width = 0;
  int height = 0;
  std::size_t stride[3] = {0, 0, 0};
  std::size_t offset[3] = {0, 0, 0};
  std::size_t size = 0;

  static constexpr std::size_t round_up_4(std::size_t v) { return (v + 3) & ~std::size_t{3}; }

  // GStreamer's strides; `packed` drops the row padding (livesrc's frames).
  static I420Layout make(int w, int h, bool packed = false) {
    I420Layout l;
    l.width = w;
    l.height = h;
    const auto cw = static_cast<std::size_t>((w + 1) / 2);
    const auto ch = static_cast<std::size_t>((h + 1) / 2);
    l.stride[0] = packed ? static_cast<std::size_t>(w) : round_up_4(static_cast<std::size_t>(w));
    l.stride[1] = l.stride[2] = packed ? cw : round_up_4(cw);
    l.offset[0] = 0;
    l.offset[1] = l.stride[0] * static_cast<std::size_t>(h);
    l.offset[2] = l.offset[1] + l.stride[1] * ch;
    l.size = l.offset[2] + l.stride[2] * ch;
    return l;
  }
  // The layout a buffer of `bytes` has: GStreamer's, or packed rows.
  static bool for_buffer(int w, int h, std::size_t bytes, I420Layout* out) {
    for (bool packed : {false, true}) {
      I420Layout l = make(w, h, packed);
      if (l.size == bytes) {
        *out = l;
        return true;
      }
    }
    return false;
  }
};

}  // namespace gstmini
