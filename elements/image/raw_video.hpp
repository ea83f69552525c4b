// Where the bytes of a raw video frame are (GstVideoInfo's offsets and
// strides), by GStreamer's rules: packed 3-byte RGB and 8/16-bit grey rows
// are rounded up to a multiple of 4 bytes, planar chroma planes likewise,
// I420 planes follow each other with the luma height rounded up to 2.
//
// Stands in for runtime/video/video_info.hpp (branch rawvideo) until that
// lands; the decoders and encoders only call raw_video_layout().
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace gstmini {

struct RawVideoLayout {
  int components = 0;                 // 1 (grey), 3 (YUV/RGB) or 4 (alpha)
  int planes = 0;                     // 1 for packed formats
  std::size_t offset[3] = {0, 0, 0};  // Y/U/V (planar) or plane 0
  std::size_t stride[3] = {0, 0, 0};
  std::uint64_t size = 0;  // bytes of one frame
};

// nullopt for a format this table does not know.
std::optional<RawVideoLayout> raw_video_layout(const std::string& format, std::uint32_t width,
                                               std::uint32_t height);

// The largest frame a decoder allocates: a header asking for more (65536 x
// 65536 RGB is 12 GiB) is refused before any allocation.
inline constexpr std::uint64_t kMaxFrameBytes = std::uint64_t{1} << 30;
// Image dimensions above this are refused outright (libpng's default limit).
inline constexpr std::uint32_t kMaxImageDimension = 1000000;

}  // namespace gstmini
