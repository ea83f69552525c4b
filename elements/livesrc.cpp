#include "elements/livesrc.hpp"

#include <limits>

namespace gstmini {

const ElementClass& LiveSrc::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"livesrc",
                   "Live camera-like source",
                   "Source/Video",
                   "Captures a frame every 1/framerate on the pipeline clock, like a camera",
                   "gstmini",
                   {{"src", PadDirection::Src, PadPresence::Always, "video/x-raw"}},
                   Source::base_properties()};
    for (PropertySpec& spec : k.properties)
      if (spec.name == "is-live") spec.default_value = true;
    const auto max_u64 = std::numeric_limits<std::uint64_t>::max();
    k.properties.push_back(PropertySpec::fraction("framerate", "30/1", "Frames per second"));
    k.properties.push_back(PropertySpec::uint64("frame-size", 320 * 240 * 3, 0, max_u64,
                                                "Bytes per frame (0 = empty buffers)"));
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
