#include "elements/video/videorate.hpp"

#include <limits>

namespace gstmini {

namespace {

__extension__ typedef unsigned __int128 U128;

}  // namespace

const ElementClass& VideoRate::element_class() {
  static const ElementClass klass = [] {
    const auto max = std::numeric_limits<std::uint64_t>::max();
    ElementClass k{
        "videorate",
        "Video rate adjuster",
        "Filter/Effect/Video",
        "Drops/duplicates/adjusts timestamps on video frames to make a perfect stream",
        "gstmini",
        {{"sink", PadDirection::Sink, PadPresence::Always, "video/x-raw"},
         {"src", PadDirection::Src, PadPresence::Always, "video/x-raw"}},
        {PropertySpec::uint64("in", 0, 0, max, "Number of input frames").read_only(),
         PropertySpec::uint64("out", 0, 0, max, "Number of output frames").read_only(),
         PropertySpec::uint64("duplicate", 0, 0, max, "Number of duplicated frames").read_only(),
         PropertySpec::uint64("drop", 0, 0, max, "Number of dropped frames").read_only()}};
    return k;
  }();
  return klass;
}

VideoRate::VideoRate(std::string name) : Transform(element_class(), std::move(name)) {
  bind_counter("in", in_);
  bind_counter("out", out_);
  bind_counter("duplicate", dup_);
  bind_counter("drop", drop_);
}

Caps VideoRate::transform_caps(PadDirection, const Caps& caps) const {
  if (caps.is_any()) return caps;
  Caps result = caps;
  for (const CapsStructure& s : caps.structures()) {
    CapsStructure free = s;
    free.set("framerate", *CapsValue::fraction_range({0, 1}, {2147483647, 1}));
    result.append(std::move(free));
  }
  return result;
}

Caps VideoRate::fixate_caps(const Caps& caps, Caps othercaps) {
  CapsStructure s = othercaps.structure(0);
  const CapsValue* in_rate = caps.structure(0).get("framerate");
  if (const CapsValue* rate = s.get("framerate"); rate && !rate->is_fixed())
    s.fixate_field_nearest_fraction("framerate", in_rate && in_rate->get_if<Fraction>()
                                                     ? *in_rate->get_if<Fraction>()
                                                     : Fraction{25, 1});
  s.fixate();
  return Caps(std::move(s));
}

bool VideoRate::set_caps(const Caps&, const Caps& out) {
  const CapsValue* rate = out.structure(0).get("framerate");
  if (!rate || !rate->get_if<Fraction>() || rate->get_if<Fraction>()->num <= 0) {
    post_error("videorate needs a fixed, non-zero output framerate", out.to_string());
    return false;
  }
  out_rate_ = *rate->get_if<Fraction>();
  return true;
}

bool VideoRate::start() {
  held_ = Buffer();
  have_held_ = false;
  held_uses_ = 0;
  base_ = kClockTimeNone;
  n_ = 0;
  in_ = out_ = drop_ = dup_ = 0;
  return Transform::start();
}

ClockTime VideoRate::slot_time(std::uint64_t n) const {
  return base_ + static_cast<ClockTime>(static_cast<U128>(n) * static_cast<U128>(out_rate_.den) *
                                        kSecond / static_cast<U128>(out_rate_.num));
}

void VideoRate::push_held(Output& out) {
  Buffer frame = held_;  // shares the payload
  frame.pts = slot_time(n_);
  frame.dts = kClockTimeNone;
  frame.duration = slot_time(n_ + 1) - frame.pts;
  frame.offset = n_;
  frame.offset_end = n_ + 1;
  if (held_uses_ > 0) frame.unset_flag(BufferFlags::Discont);
  out.push(std::move(frame));
  ++n_;
  ++held_uses_;
  ++out_;
}

void VideoRate::fill_slots(ClockTime next_pts, Output& out) {
  // A slot goes to the held frame while it is at least as near to it as to
  // the next frame.
  while (slot_time(n_) <= held_.pts || slot_time(n_) - held_.pts <= next_pts - slot_time(n_)) {
    if (slot_time(n_) >= next_pts) break;
    push_held(out);
  }
  if (held_uses_ == 0)
    ++drop_;
  else
    dup_ += held_uses_ - 1;
}

FlowReturn VideoRate::chain(const Pad&, Buffer buffer, Output& out) {
  if (!negotiated()) return not_negotiated("no caps arrived before the first buffer");
  ++in_;
  if (!is_valid(buffer.pts)) {
    GSTMINI_WARNING_OBJECT(*this, "dropping a frame without timestamp");
    ++drop_;
    return FlowReturn::Ok;
  }
  if (!have_held_) {
    if (!is_valid(base_)) base_ = buffer.pts;
  } else if (buffer.pts > held_.pts) {
    fill_slots(buffer.pts, out);
  } else {
    ++drop_;  // not after the held frame: the held one stays
    return FlowReturn::Ok;
  }
  held_ = std::move(buffer);
  have_held_ = true;
  held_uses_ = 0;
  return FlowReturn::Ok;
}

bool VideoRate::sink_event(const Pad& pad, Event event, Output& out) {
  switch (event.type()) {
    case EventType::Eos:
      if (have_held_) {
        // The last frame fills the slots that start before it ends.
        const ClockTime end = is_valid(held_.duration) ? held_.pts + held_.duration : held_.pts + 1;
        while (slot_time(n_) < end) push_held(out);
        if (held_uses_ == 0)
          ++drop_;
        else
          dup_ += held_uses_ - 1;
        have_held_ = false;
      }
      break;
    case EventType::FlushStop:
    case EventType::Segment:
      if (have_held_ && event.type() == EventType::FlushStop) have_held_ = false;
      if (event.type() == EventType::Segment) {
        base_ = kClockTimeNone;
        n_ = 0;
        have_held_ = false;
      }
      break;
    default:
      break;
  }
  return Transform::sink_event(pad, std::move(event), out);
}

}  // namespace gstmini
