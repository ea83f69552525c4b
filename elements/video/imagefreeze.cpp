#include "elements/video/imagefreeze.hpp"

namespace gstmini {

namespace {

__extension__ typedef unsigned __int128 U128;

constexpr Fraction kDefaultFramerate{25, 1};

}  // namespace

const ElementClass& ImageFreeze::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"imagefreeze",
                   "Still frame stream generator",
                   "Filter/Video",
                   "Generates a still frame stream from an image",
                   "gstmini",
                   {{"sink", PadDirection::Sink, PadPresence::Always, "video/x-raw"},
                    {"src", PadDirection::Src, PadPresence::Always, "video/x-raw"}},
                   Source::base_properties()};
    return k;
  }();
  return klass;
}

ImageFreeze::ImageFreeze(std::string name) : Source(element_class(), std::move(name)) {}

Caps ImageFreeze::pad_caps(const Pad& pad) const {
  return pad.direction == PadDirection::Src ? Caps::any() : Source::pad_caps(pad);
}

Caps ImageFreeze::transform_caps(PadDirection, const Caps& caps) const {
  if (caps.is_any()) return caps;
  Caps result;
  for (const CapsStructure& s : caps.structures()) {
    CapsStructure free = s;
    free.set("framerate", *CapsValue::fraction_range({0, 1}, {2147483647, 1}));
    result.append(std::move(free));
  }
  return result;
}

bool ImageFreeze::start() {
  peer_caps_ = Caps::any();
  out_caps_ = Caps();
  framerate_ = kDefaultFramerate;
  picture_ = Buffer();
  have_picture_ = upstream_eos_ = false;
  n_ = 0;
  return true;
}

bool ImageFreeze::sink_event(const Pad&, Event event, Output&) {
  switch (event.type()) {
    case EventType::Caps: {
      // The picture's format at the framerate downstream prefers.
      Caps possible = transform_caps(PadDirection::Sink, event.parsed_caps());
      Caps common = peer_caps_.is_any() ? possible : peer_caps_.intersect(possible);
      if (common.is_empty()) {
        post_error(
            "not-negotiated: " + name() + " cannot output " + event.parsed_caps().to_string(),
            "downstream accepts " + peer_caps_.to_string());
        upstream_eos_ = true;
        wake();
        return false;
      }
      CapsStructure s = common.structure(0);
      if (const CapsValue* rate = s.get("framerate"); rate && !rate->is_fixed())
        s.fixate_field_nearest_fraction("framerate", kDefaultFramerate);
      s.fixate();
      if (const CapsValue* rate = s.get("framerate"); rate && rate->get_if<Fraction>())
        framerate_ = *rate->get_if<Fraction>();
      out_caps_ = Caps(std::move(s));
      // The base class pushes it after stream-start and before the segment.
      return decide_caps(out_caps_);
    }
    case EventType::Eos:
      // Once there is a picture the stream is ours; without one it ends.
      upstream_eos_ = true;
      wake();
      return true;
    default:
      return true;  // stream-start, segment, ...: the src side makes its own
  }
}

FlowReturn ImageFreeze::chain(const Pad&, Buffer buffer, Output&) {
  if (have_picture_) return FlowReturn::Eos;
  if (out_caps_.is_empty()) return not_negotiated("a picture arrived before its caps");
  picture_ = std::move(buffer);
  have_picture_ = true;
  wake();
  return FlowReturn::Ok;
}

ClockTime ImageFreeze::frame_time(std::uint64_t n) const {
  if (framerate_.num <= 0) return 0;
  return static_cast<ClockTime>(static_cast<U128>(n) * static_cast<U128>(framerate_.den) * kSecond /
                                static_cast<U128>(framerate_.num));
}

ClockTime ImageFreeze::next_due_time() { return segment().to_running_time(frame_time(n_)); }

ClockTime ImageFreeze::latency() const { return is_live() ? frame_time(1) : 0; }

bool ImageFreeze::do_seek(Segment& segment) {
  if (framerate_.num <= 0) {
    n_ = 0;
    return true;
  }
  const auto num = static_cast<U128>(framerate_.num);
  const auto den = static_cast<U128>(framerate_.den) * kSecond;
  n_ = static_cast<std::uint64_t>((static_cast<U128>(segment.start) * num + den - 1) / den);
  return true;
}

FlowReturn ImageFreeze::create(Buffer& buffer) {
  if (!have_picture_) return FlowReturn::Eos;  // upstream ended without one
  // framerate 0/1: a single still frame.
  if (framerate_.num == 0 && n_ > 0) return FlowReturn::Eos;
  buffer = picture_;
  buffer.pts = frame_time(n_);
  buffer.dts = kClockTimeNone;
  buffer.duration = framerate_.num > 0 ? frame_time(n_ + 1) - frame_time(n_) : kClockTimeNone;
  buffer.offset = n_;
  buffer.offset_end = n_ + 1;
  buffer.unset_flag(BufferFlags::Discont);
  ++n_;
  return FlowReturn::Ok;
}

}  // namespace gstmini
