#include "elements/video/videotestsrc.hpp"

#include <limits>

namespace gstmini {

namespace {

__extension__ typedef unsigned __int128 U128;  // frame times without overflow

constexpr std::int64_t kDefaultPattern = 0;  // smpte
constexpr std::uint64_t kDefaultForeground = 0xffffffff;
constexpr std::uint64_t kDefaultBackground = 0xff000000;

// GStreamer's template order (best first), limited to what gstmini packs.
const std::vector<VideoFormat>& src_formats() {
  static const std::vector<VideoFormat> formats = {
      VideoFormat::ABGR,      VideoFormat::BGRA, VideoFormat::ARGB, VideoFormat::RGBA,
      VideoFormat::Y444,      VideoFormat::xBGR, VideoFormat::BGRx, VideoFormat::xRGB,
      VideoFormat::RGBx,      VideoFormat::BGR,  VideoFormat::RGB,  VideoFormat::Y42B,
      VideoFormat::UYVY,      VideoFormat::YVYU, VideoFormat::YUY2, VideoFormat::I420,
      VideoFormat::YV12,      VideoFormat::NV21, VideoFormat::NV12, VideoFormat::GRAY16_LE,
      VideoFormat::GRAY16_BE, VideoFormat::GRAY8};
  return formats;
}

std::vector<EnumValue> pattern_values() {
  return {{0, "smpte", "SMPTE 100% color bars"},
          {1, "snow", "Random (television snow)"},
          {2, "black", "100% Black"},
          {3, "white", "100% White"},
          {4, "red", "Red"},
          {5, "green", "Green"},
          {6, "blue", "Blue"},
          {7, "checkers-1", "Checkers 1px"},
          {8, "checkers-2", "Checkers 2px"},
          {9, "checkers-4", "Checkers 4px"},
          {10, "checkers-8", "Checkers 8px"},
          {13, "smpte75", "SMPTE 75% color bars"},
          {17, "solid-color", "Solid color"},
          {18, "ball", "Moving ball"},
          {19, "smpte100", "SMPTE 100% color bars"},
          {20, "bar", "Bar"},
          {23, "gradient", "Gradient"},
          {24, "colors", "Colors"}};
}

}  // namespace

const ElementClass& VideoTestSrc::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{
        "videotestsrc",
        "Video test source",
        "Source/Video",
        "Creates a test video stream",
        "gstmini (after David A. Schleef's GStreamer element)",
        {{"src", PadDirection::Src, PadPresence::Always, video_caps_make(src_formats())}},
        Source::base_properties()};
    const auto max_i64 = std::numeric_limits<std::int64_t>::max();
    const auto max_i32 = std::numeric_limits<std::int32_t>::max();
    k.properties.push_back(PropertySpec::enumeration("pattern", kDefaultPattern, pattern_values(),
                                                     "Type of test pattern to generate"));
    k.properties.push_back(PropertySpec::integer(
        "timestamp-offset", 0, 0, max_i64, "An offset added to timestamps set on buffers (in ns)"));
    k.properties.push_back(PropertySpec::uint64("foreground-color", kDefaultForeground, 0,
                                                0xffffffff,
                                                "Foreground color to use (big-endian ARGB)"));
    k.properties.push_back(PropertySpec::uint64("background-color", kDefaultBackground, 0,
                                                0xffffffff,
                                                "Background color to use (big-endian ARGB)"));
    k.properties.push_back(PropertySpec::integer(
        "horizontal-speed", 0, -max_i32 - 1, max_i32,
        "Scroll image number of pixels per frame (positive is scroll to the left)"));
    return k;
  }();
  return klass;
}

VideoTestSrc::VideoTestSrc(std::string name) : Source(element_class(), std::move(name)) {}

void VideoTestSrc::load_settings() {
  if (!settings_changed(&settings_seen_)) return;
  settings_.pattern = static_cast<video::Pattern>(get<std::int64_t>("pattern"));
  settings_.foreground = static_cast<std::uint32_t>(get<std::uint64_t>("foreground-color"));
  settings_.background = static_cast<std::uint32_t>(get<std::uint64_t>("background-color"));
  settings_.horizontal_speed = static_cast<int>(get<std::int64_t>("horizontal-speed"));
  timestamp_offset_ = static_cast<ClockTime>(get<std::int64_t>("timestamp-offset"));
  still_ = Buffer();  // repaint with the new settings
  last_ = Buffer();
}

bool VideoTestSrc::start() {
  settings_seen_ = 0;
  load_settings();
  painter_.reset();
  n_frames_ = 0;
  frame_base_ = 0;
  still_ = Buffer();
  return true;
}

Caps VideoTestSrc::fixate_caps(Caps caps) {
  CapsStructure s = caps.structure(0);
  s.fixate_field_nearest_int("width", 320);
  s.fixate_field_nearest_int("height", 240);
  s.fixate_field_nearest_fraction("framerate", Fraction{30, 1});
  if (s.has_field("pixel-aspect-ratio"))
    s.fixate_field_nearest_fraction("pixel-aspect-ratio", {1, 1});
  s.fixate();  // format: the first one both allow
  return Caps(std::move(s));
}

bool VideoTestSrc::set_caps(const Caps& caps) {
  std::string why;
  VideoInfo info;
  if (!VideoInfo::from_caps(caps, &info, &why)) {
    post_error("Could not negotiate format", why);
    return false;
  }
  info_ = info;
  still_ = Buffer();
  last_ = Buffer();
  return true;
}

ClockTime VideoTestSrc::frame_time(std::uint64_t n) const {
  if (info_.framerate.num <= 0) return 0;
  const auto num = static_cast<U128>(info_.framerate.num);
  const auto den = static_cast<U128>(info_.framerate.den);
  return static_cast<ClockTime>(static_cast<U128>(n) * den * kSecond / num);
}

ClockTime VideoTestSrc::next_due_time() {
  return segment().to_running_time(frame_time(frame_base_ + n_frames_));
}

ClockTime VideoTestSrc::latency() const {
  return is_live() && info_.framerate.num > 0 ? frame_time(1) : 0;
}

bool VideoTestSrc::do_seek(Segment& segment) {
  if (info_.framerate.num <= 0) return false;
  const auto num = static_cast<U128>(info_.framerate.num);
  const auto den = static_cast<U128>(info_.framerate.den) * kSecond;
  // The frame at or after the segment's start (gst_util_uint64_scale_ceil).
  frame_base_ =
      static_cast<std::uint64_t>((static_cast<U128>(segment.start) * num + den - 1) / den);
  n_frames_ = 0;
  return true;
}

FlowReturn VideoTestSrc::create(Buffer& buffer) {
  load_settings();
  if (!info_.valid()) return not_negotiated("videotestsrc has no caps: nothing to paint");
  // A still stream (framerate 0/1) is one frame long.
  if (info_.framerate.num == 0 && n_frames_ > 0) return FlowReturn::Eos;
  const std::uint64_t n = frame_base_ + n_frames_;
  if (video::PatternPainter::is_static(settings_)) {
    if (still_.size() != info_.size) {
      still_ = Buffer(info_.size);
      painter_.paint(info_, settings_, n, still_.map_writable());
    }
    buffer = still_;
  } else {
    // The last frame's memory again once downstream let go of it (else a
    // copy of it): only the rows that changed are painted.
    const bool has_last = last_.size() == info_.size;
    buffer = has_last ? std::move(last_) : Buffer(info_.size);
    painter_.paint(info_, settings_, n, buffer.map_writable(), has_last);
    last_ = buffer;
  }
  buffer.pts = timestamp_offset_ + frame_time(n);
  buffer.dts = buffer.pts;
  buffer.duration = info_.framerate.num > 0 ? frame_time(n + 1) - frame_time(n) : kClockTimeNone;
  buffer.offset = n;
  buffer.offset_end = n + 1;
  if (n_frames_ == 0) buffer.set_flag(BufferFlags::Discont);
  if (is_live()) buffer.set_flag(BufferFlags::Live);
  ++n_frames_;
  return FlowReturn::Ok;
}

}  // namespace gstmini
