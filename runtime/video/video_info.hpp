// VideoInfo: the layout of one raw video frame (GstVideoInfo in small).
//
//   VideoInfo info;
//   if (VideoInfo::from_caps(caps, &info)) { info.size; info.stride[1]; ... }
//   VideoInfo::make(VideoFormat::I420, 321, 241).to_caps();
//
// A frame is `size` bytes; plane p starts at offset[p] and its rows are
// stride[p] bytes apart. The strides and offsets follow gst-plugins-base's
// video-info.c (fill_planes) exactly, so a buffer made here has the size a
// GStreamer element would make and read:
//   - packed RGB/YUV and gray rows are rounded up to 4 bytes, except 32-bit
//     pixels (RGBx, RGBA, ...), whose rows are width * 4;
//   - I420/YV12 chroma planes are RU4(RU2(width) / 2) wide and RU2(height) / 2
//     high; the luma plane is RU2(height) rows long when chroma follows it;
//   - NV12/NV21 interleave U and V in one plane with the luma's stride.
// Caps carry it as `video/x-raw, format, width, height, framerate,
// pixel-aspect-ratio` (the fields VideoInfo reads and writes).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/caps/caps.hpp"

namespace gstmini {

// GstVideoFormat, the formats gstmini's video elements handle.
enum class VideoFormat {
  Unknown,
  RGB,
  BGR,
  RGBx,
  BGRx,
  xRGB,
  xBGR,
  RGBA,
  BGRA,
  ARGB,
  ABGR,
  I420,
  YV12,
  Y42B,
  Y444,
  NV12,
  NV21,
  YUY2,
  UYVY,
  YVYU,
  GRAY8,
  GRAY16_BE,
  GRAY16_LE,
};

constexpr int kVideoMaxPlanes = 4;

// GstVideoFormatInfo's parts the elements need.
struct VideoFormatInfo {
  VideoFormat format;
  const char* name;  // the caps string, "I420"
  bool is_yuv;
  bool is_rgb;
  bool is_gray;
  bool has_alpha;
  int n_planes;
  int pixel_stride;  // bytes per pixel of plane 0 for packed formats (0: planar)
};

const VideoFormatInfo& video_format_info(VideoFormat format);
// "I420" -> I420; Unknown for a name not in the enum.
VideoFormat video_format_from_string(const std::string& name);
const char* to_string(VideoFormat format);
// Every known format, in GStreamer's order of preference (best first).
const std::vector<VideoFormat>& all_video_formats();

struct VideoInfo {
  VideoFormat format = VideoFormat::Unknown;
  int width = 0;
  int height = 0;
  Fraction framerate{0, 1};  // 0/1: variable / unknown (a still image)
  Fraction par{1, 1};        // pixel-aspect-ratio
  int n_planes = 0;
  std::array<std::size_t, kVideoMaxPlanes> stride{};
  std::array<std::size_t, kVideoMaxPlanes> offset{};
  std::size_t size = 0;  // bytes of one frame

  const VideoFormatInfo& finfo() const { return video_format_info(format); }
  bool valid() const { return format != VideoFormat::Unknown && width > 0 && height > 0; }
  // Rows of plane p (chroma planes of 4:2:0 formats have half the height).
  int plane_height(int plane) const;
  // Bytes of plane p's rows that carry pixels (the rest of stride is padding).
  std::size_t plane_row_bytes(int plane) const;

  // A fully laid-out info; false (and *out untouched) if a dimension is not
  // positive or the frame would exceed kMaxFrameBytes.
  static bool make(VideoFormat format, int width, int height, VideoInfo* out);
  static VideoInfo make(VideoFormat format, int width, int height);
  // From fixed `video/x-raw` caps; false (with *why) when a field is missing,
  // not fixed, or the format is unknown.
  static bool from_caps(const Caps& caps, VideoInfo* out, std::string* why = nullptr);
  // `video/x-raw, format=..., width=..., height=..., framerate=..., pixel-aspect-ratio=...`
  Caps to_caps() const;

  // Frames larger than this are refused (a corrupt header must not allocate
  // gigabytes): 16384 x 16384 x 4 x 2.
  static constexpr std::size_t kMaxFrameBytes = std::size_t{16384} * 16384 * 8;
};

bool operator==(const VideoInfo& a, const VideoInfo& b);
inline bool operator!=(const VideoInfo& a, const VideoInfo& b) { return !(a == b); }

// "video/x-raw, format=(string){ ... }, width=(int)[ 1, 2147483647 ],
// height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]":
// GST_VIDEO_CAPS_MAKE for a list of formats (template caps).
std::string video_caps_make(const std::vector<VideoFormat>& formats);
Caps video_caps_any_of(const std::vector<VideoFormat>& formats);

}  // namespace gstmini
