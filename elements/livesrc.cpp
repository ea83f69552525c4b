#include "elements/livesrc.hpp"

#include <algorithm>
#include <limits>

namespace gstmini {

const ElementClass& LiveSrc::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"livesrc",
                   "Live camera-like source",
                   "Source/Video",
                   "Captures a frame every 1/framerate on the pipeline clock, like a camera",
                   "gstmini",
                   {{"src", PadDirection::Src, PadPresence::Always,
                     "video/x-raw, format=(string){ RGB, RGBA, I420, GRAY8 }, "
                     "width=(int)[ 1, 16384 ], height=(int)[ 1, 16384 ], "
                     "framerate=(fraction)[ 1/1, 1000/1 ]"}},
                   Source::base_properties()};
    for (PropertySpec& spec : k.properties)
      if (spec.name == "is-live") spec.default_value = true;
    const auto max_u64 = std::numeric_limits<std::uint64_t>::max();
    k.properties.push_back(PropertySpec::fraction(
        "framerate", "30/1", "Frames per second (preferred; downstream caps may ask another)"));
    k.properties.push_back(PropertySpec::uint64(
        "frame-size", 0, 0, max_u64,
        "Bytes per frame (0 = from the negotiated caps: width x height x bytes per pixel)"));
    k.properties.push_back(PropertySpec::enumeration(
        "pattern", 0,
        {{0, "zero", "Frames of zero bytes (no drawing cost)"},
         {1, "gradient",
          "A diagonal luma ramp moving 4 pixels per frame (I420, GRAY8, RGB, RGBA)"}},
        "What the frames show"));
    k.properties.push_back(
        PropertySpec::uint64("frames-dropped", 0, 0, max_u64,
                             "Frames not captured because the pipeline fell behind")
            .read_only());
    return k;
  }();
  return klass;
}

LiveSrc::LiveSrc(std::string name) : Source(element_class(), std::move(name)) {}

bool LiveSrc::start() {
  if (!parse_fraction(get<std::string>("framerate"), &framerate_) || framerate_.num == 0) {
    post_error("framerate must be positive", "framerate=" + get<std::string>("framerate"));
    return false;
  }
  frame_size_ = static_cast<std::size_t>(get<std::uint64_t>("frame-size"));
  pattern_ = get<std::int64_t>("pattern");
  next_frame_ = 0;
  dropped_ = 0;
  discont_ = true;
  set_stat("frames-dropped", std::uint64_t{0});
  return true;
}

bool LiveSrc::stop() {
  GSTMINI_INFO_OBJECT(*this, "captured {} frames, dropped {}", buffers_produced(), dropped_);
  return true;
}

Caps LiveSrc::fixate_caps(Caps caps) {
  CapsStructure s = caps.structure(0);
  s.fixate_field_nearest_int("width", 320);
  s.fixate_field_nearest_int("height", 240);
  s.fixate_field_nearest_fraction("framerate", framerate_);
  s.fixate();  // format: the first one downstream allows
  return Caps(std::move(s));
}

namespace {

// Bytes of one frame (GStreamer's video-info sizes without row padding).
std::size_t frame_bytes(const std::string& format, std::int64_t width, std::int64_t height) {
  const auto pixels = static_cast<std::size_t>(width * height);
  if (format == "RGBA") return pixels * 4;
  if (format == "I420")
    return pixels + 2 * static_cast<std::size_t>(((width + 1) / 2) * ((height + 1) / 2));
  if (format == "GRAY8") return pixels;
  return pixels * 3;  // RGB
}

}  // namespace

bool LiveSrc::set_caps(const Caps& caps) {
  const CapsStructure& s = caps.structure(0);
  const auto* rate = s.get("framerate") ? s.get("framerate")->get_if<Fraction>() : nullptr;
  const auto* width = s.get("width") ? s.get("width")->get_if<std::int64_t>() : nullptr;
  const auto* height = s.get("height") ? s.get("height")->get_if<std::int64_t>() : nullptr;
  const auto* format = s.get("format") ? s.get("format")->get_if<std::string>() : nullptr;
  if (!rate || rate->num <= 0 || !width || !height || !format) return false;
  framerate_ = *rate;
  const auto configured = static_cast<std::size_t>(get<std::uint64_t>("frame-size"));
  frame_size_ = configured ? configured : frame_bytes(*format, *width, *height);
  format_ = *format;
  width_ = *width;
  height_ = *height;
  return true;
}

// Luma (or every byte of RGB/RGBA/GRAY8) = a diagonal ramp that slides 4
// pixels a frame; I420 chroma stays neutral (128). Rows are packed, as
// frame_bytes() sizes them.
void LiveSrc::draw_gradient(Buffer& buffer) const {
  std::uint8_t* data = buffer.map_writable();
  const std::size_t bpp = format_ == "RGBA" ? 4 : (format_ == "RGB" ? 3 : 1);
  const auto w = static_cast<std::size_t>(width_);
  const auto h = static_cast<std::size_t>(height_);
  if (w * h * bpp > buffer.size()) return;
  const std::size_t shift = static_cast<std::size_t>(next_frame_) * 4;
  for (std::size_t y = 0; y < h; ++y)
    for (std::size_t x = 0; x < w; ++x) {
      const auto v = static_cast<std::uint8_t>(16 + (x + y + shift) % 220);
      for (std::size_t c = 0; c < bpp; ++c) data[(y * w + x) * bpp + c] = v;
    }
  if (format_ == "I420" && buffer.size() > w * h)
    std::fill(data + w * h, data + buffer.size(), std::uint8_t{128});
}

ClockTime LiveSrc::frame_time(std::uint64_t n) const {
  return n * kSecond * static_cast<ClockTime>(framerate_.den) /
         static_cast<ClockTime>(framerate_.num);
}

ClockTime LiveSrc::next_due_time() { return frame_time(next_frame_); }

FlowReturn LiveSrc::create(Buffer& buffer) {
  ClockTime now = running_time_now();
  if (!is_valid(now)) now = frame_time(next_frame_);
  // Frames whose whole period has passed were never captured.
  std::uint64_t missed = 0;
  while (frame_time(next_frame_ + missed + 1) <= now) ++missed;
  if (missed) {
    dropped_ += missed;
    next_frame_ += missed;
    discont_ = true;
    set_stat("frames-dropped", dropped_);
    GSTMINI_DEBUG_OBJECT(*this, "fell behind: dropped {} frames ({} in total)", missed, dropped_);
  }
  buffer = Buffer(frame_size_);
  if (pattern_ == 1) draw_gradient(buffer);
  // Stamped with its capture slot on the pipeline clock, as a capture
  // device's hardware timestamp: late software does not move it.
  buffer.pts = frame_time(next_frame_);
  buffer.duration = frame_time(next_frame_ + 1) - frame_time(next_frame_);
  buffer.offset = next_frame_;
  buffer.offset_end = next_frame_ + 1;
  buffer.set_flag(BufferFlags::Live);
  if (discont_) buffer.set_flag(BufferFlags::Discont);
  discont_ = false;
  if (next_frame_ %
          static_cast<std::uint64_t>(std::max<std::int64_t>(1, framerate_.num / framerate_.den)) ==
      0)
    GSTMINI_INFO_OBJECT(*this, "captured frame {}, pts {}", next_frame_, format_time(buffer.pts));
  ++next_frame_;
  return FlowReturn::Ok;
}

}  // namespace gstmini
