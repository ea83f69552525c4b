#include "runtime/video/video_info.hpp"

#include <limits>

namespace gstmini {

namespace {

constexpr VideoFormatInfo kFormats[] = {
    // format, name, yuv, rgb, gray, alpha, planes, pixel stride
    {VideoFormat::Unknown, "UNKNOWN", false, false, false, false, 0, 0},
    {VideoFormat::RGB, "RGB", false, true, false, false, 1, 3},
    {VideoFormat::BGR, "BGR", false, true, false, false, 1, 3},
    {VideoFormat::RGBx, "RGBx", false, true, false, false, 1, 4},
    {VideoFormat::BGRx, "BGRx", false, true, false, false, 1, 4},
    {VideoFormat::xRGB, "xRGB", false, true, false, false, 1, 4},
    {VideoFormat::xBGR, "xBGR", false, true, false, false, 1, 4},
    {VideoFormat::RGBA, "RGBA", false, true, false, true, 1, 4},
    {VideoFormat::BGRA, "BGRA", false, true, false, true, 1, 4},
    {VideoFormat::ARGB, "ARGB", false, true, false, true, 1, 4},
    {VideoFormat::ABGR, "ABGR", false, true, false, true, 1, 4},
    {VideoFormat::I420, "I420", true, false, false, false, 3, 0},
    {VideoFormat::YV12, "YV12", true, false, false, false, 3, 0},
    {VideoFormat::Y42B, "Y42B", true, false, false, false, 3, 0},
    {VideoFormat::Y444, "Y444", true, false, false, false, 3, 0},
    {VideoFormat::NV12, "NV12", true, false, false, false, 2, 0},
    {VideoFormat::NV21, "NV21", true, false, false, false, 2, 0},
    {VideoFormat::YUY2, "YUY2", true, false, false, false, 1, 2},
    {VideoFormat::UYVY, "UYVY", true, false, false, false, 1, 2},
    {VideoFormat::YVYU, "YVYU", true, false, false, false, 1, 2},
    {VideoFormat::GRAY8, "GRAY8", false, false, true, false, 1, 1},
    {VideoFormat::GRAY16_BE, "GRAY16_BE", false, false, true, false, 1, 2},
    {VideoFormat::GRAY16_LE, "GRAY16_LE", false, false, true, false, 1, 2},
};

constexpr std::size_t round_up(std::size_t v, std::size_t n) { return (v + n - 1) / n * n; }

// video-info.c's fill_planes for the formats above.
void fill_planes(VideoInfo& info) {
  const auto w = static_cast<std::size_t>(info.width);
  const auto h = static_cast<std::size_t>(info.height);
  info.stride = {};
  info.offset = {};
  info.n_planes = info.finfo().n_planes;
  switch (info.format) {
    case VideoFormat::RGB:
    case VideoFormat::BGR:
      info.stride[0] = round_up(w * 3, 4);
      info.size = info.stride[0] * h;
      break;
    case VideoFormat::RGBx:
    case VideoFormat::BGRx:
    case VideoFormat::xRGB:
    case VideoFormat::xBGR:
    case VideoFormat::RGBA:
    case VideoFormat::BGRA:
    case VideoFormat::ARGB:
    case VideoFormat::ABGR:
      info.stride[0] = w * 4;
      info.size = info.stride[0] * h;
      break;
    case VideoFormat::YUY2:
    case VideoFormat::UYVY:
    case VideoFormat::YVYU:
    case VideoFormat::GRAY16_BE:
    case VideoFormat::GRAY16_LE:
      info.stride[0] = round_up(w * 2, 4);
      info.size = info.stride[0] * h;
      break;
    case VideoFormat::GRAY8:
      info.stride[0] = round_up(w, 4);
      info.size = info.stride[0] * h;
      break;
    case VideoFormat::I420:
    case VideoFormat::YV12: {
      // Both list their planes Y, then the 2nd and 3rd plane; YV12's 2nd
      // plane is V (the caller picks U/V by format, the layout is the same).
      const std::size_t ch = round_up(h, 2) / 2;
      info.stride[0] = round_up(w, 4);
      info.stride[1] = round_up(round_up(w, 2) / 2, 4);
      info.stride[2] = info.stride[1];
      info.offset[1] = info.stride[0] * round_up(h, 2);
      info.offset[2] = info.offset[1] + info.stride[1] * ch;
      info.size = info.offset[2] + info.stride[2] * ch;
      break;
    }
    case VideoFormat::Y42B:
      info.stride[0] = round_up(w, 4);
      info.stride[1] = round_up(w, 8) / 2;
      info.stride[2] = info.stride[1];
      info.offset[1] = info.stride[0] * h;
      info.offset[2] = info.offset[1] + info.stride[1] * h;
      info.size = info.offset[2] + info.stride[2] * h;
      break;
    case VideoFormat::Y444:
      info.stride[0] = round_up(w, 4);
      info.stride[1] = info.stride[0];
      info.stride[2] = info.stride[0];
      info.offset[1] = info.stride[0] * h;
      info.offset[2] = info.offset[1] * 2;
      info.size = info.offset[1] * 3;
      break;
    case VideoFormat::NV12:
    case VideoFormat::NV21:
      info.stride[0] = round_up(w, 4);
      info.stride[1] = info.stride[0];
      info.offset[1] = info.stride[0] * round_up(h, 2);
      info.size = info.offset[1] + info.stride[0] * (round_up(h, 2) / 2);
      break;
    case VideoFormat::Unknown:
      info.size = 0;
      break;
  }
}

const CapsValue* field(const CapsStructure& s, const char* name) { return s.get(name); }

}  // namespace

const VideoFormatInfo& video_format_info(VideoFormat format) {
  return kFormats[static_cast<std::size_t>(format)];
}

const char* to_string(VideoFormat format) { return video_format_info(format).name; }

VideoFormat video_format_from_string(const std::string& name) {
  for (const VideoFormatInfo& f : kFormats)
    if (f.format != VideoFormat::Unknown && name == f.name) return f.format;
  return VideoFormat::Unknown;
}

const std::vector<VideoFormat>& all_video_formats() {
  static const std::vector<VideoFormat> formats = [] {
    std::vector<VideoFormat> v;
    for (const VideoFormatInfo& f : kFormats)
      if (f.format != VideoFormat::Unknown) v.push_back(f.format);
    return v;
  }();
  return formats;
}

int VideoInfo::plane_height(int plane) const {
  if (plane == 0) return height;
  if (format == VideoFormat::I420 || format == VideoFormat::YV12 || format == VideoFormat::NV12 ||
      format == VideoFormat::NV21)
    return (height + 1) / 2;
  return height;
}

std::size_t VideoInfo::plane_row_bytes(int plane) const {
  const auto w = static_cast<std::size_t>(width);
  const std::size_t half = (w + 1) / 2;
  switch (format) {
    case VideoFormat::I420:
    case VideoFormat::YV12:
    case VideoFormat::Y42B:
      return plane == 0 ? w : half;
    case VideoFormat::NV12:
    case VideoFormat::NV21:
      return plane == 0 ? w : half * 2;
    case VideoFormat::Y444:
    case VideoFormat::GRAY8:
      return w;
    case VideoFormat::YUY2:
    case VideoFormat::UYVY:
    case VideoFormat::YVYU:
      return half * 4;
    default:
      return w * static_cast<std::size_t>(finfo().pixel_stride);
  }
}

bool VideoInfo::make(VideoFormat format, int width, int height, VideoInfo* out) {
  if (format == VideoFormat::Unknown || width <= 0 || height <= 0) return false;
  // Bound before multiplying: width * height * 8 must not overflow.
  if (static_cast<std::size_t>(width) * static_cast<std::size_t>(height) > kMaxFrameBytes / 8)
    return false;
  VideoInfo info;
  info.format = format;
  info.width = width;
  info.height = height;
  fill_planes(info);
  *out = info;
  return true;
}

VideoInfo VideoInfo::make(VideoFormat format, int width, int height) {
  VideoInfo info;
  make(format, width, height, &info);
  return info;
}

bool VideoInfo::from_caps(const Caps& caps, VideoInfo* out, std::string* why) {
  auto fail = [why](std::string reason) {
    if (why) *why = std::move(reason);
    return false;
  };
  if (caps.is_any() || caps.size() != 1)
    return fail("caps are not one structure: " + caps.to_string());
  const CapsStructure& s = caps.structure(0);
  if (s.name() != "video/x-raw") return fail("not raw video: " + s.name());
  const CapsValue* format = field(s, "format");
  const CapsValue* width = field(s, "width");
  const CapsValue* height = field(s, "height");
  if (!format || !format->get_if<std::string>())
    return fail("no fixed format in " + caps.to_string());
  if (!width || !width->get_if<std::int64_t>() || !height || !height->get_if<std::int64_t>())
    return fail("no fixed width and height in " + caps.to_string());
  const VideoFormat f = video_format_from_string(*format->get_if<std::string>());
  if (f == VideoFormat::Unknown)
    return fail("unsupported format " + *format->get_if<std::string>());
  const std::int64_t w = *width->get_if<std::int64_t>();
  const std::int64_t h = *height->get_if<std::int64_t>();
  constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();
  VideoInfo info;
  if (w <= 0 || h <= 0 || w > kMaxInt || h > kMaxInt ||
      !make(f, static_cast<int>(w), static_cast<int>(h), &info))
    return fail("invalid or too large dimensions " + std::to_string(w) + "x" + std::to_string(h));
  if (const CapsValue* rate = field(s, "framerate")) {
    if (!rate->get_if<Fraction>()) return fail("framerate is not fixed in " + caps.to_string());
    info.framerate = *rate->get_if<Fraction>();
  }
  if (const CapsValue* par = field(s, "pixel-aspect-ratio")) {
    if (!par->get_if<Fraction>()) return fail("pixel-aspect-ratio is not fixed");
    info.par = *par->get_if<Fraction>();
    if (info.par.num <= 0) return fail("pixel-aspect-ratio must be positive");
  }
  *out = info;
  return true;
}

Caps VideoInfo::to_caps() const {
  CapsStructure s("video/x-raw");
  s.set("format", std::string(to_string(format)));
  s.set("width", width);
  s.set("height", height);
  s.set("framerate", framerate);
  s.set("pixel-aspect-ratio", par);
  return Caps(std::move(s));
}

bool operator==(const VideoInfo& a, const VideoInfo& b) {
  return a.format == b.format && a.width == b.width && a.height == b.height &&
         compare(a.framerate, b.framerate) == 0 && compare(a.par, b.par) == 0 && a.size == b.size &&
         a.stride == b.stride && a.offset == b.offset;
}

std::string video_caps_make(const std::vector<VideoFormat>& formats) {
  std::string list;
  for (VideoFormat f : formats) {
    if (!list.empty()) list += ", ";
    list += to_string(f);
  }
  if (formats.size() > 1) list = "{ " + list + " }";
  return "video/x-raw, format=(string)" + list +
         ", width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], "
         "framerate=(fraction)[ 0/1, 2147483647/1 ]";
}

Caps video_caps_any_of(const std::vector<VideoFormat>& formats) {
  return Caps::from_string(video_caps_make(formats));
}

}  // namespace gstmini
