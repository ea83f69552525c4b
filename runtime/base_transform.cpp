#include "runtime/base_transform.hpp"

#include <utility>

namespace gstmini {

bool Transform::start() {
  peer_caps_ = Caps::any();
  out_caps_ = Caps();
  negotiated_ = false;
  passthrough_ = false;
  refusal_.clear();
  return true;
}

bool Transform::negotiate_output(const Caps& in, std::string* why) {
  const Caps possible = transform_caps(PadDirection::Sink, in);
  // Downstream's order of preference first, as basetransform intersects.
  Caps othercaps = peer_caps_.is_any() ? possible : peer_caps_.intersect(possible);
  if (othercaps.is_empty()) {
    *why = name() + " cannot turn " + in.to_string() + " into anything downstream accepts (" +
           peer_caps_.to_string() + ")";
    return false;
  }
  Caps out = fixate_caps(in, std::move(othercaps));
  if (!out.is_fixed()) out = out.fixate();
  if (out.is_empty() || !set_caps(in, out)) {
    *why = name() + " refused " + in.to_string() + " -> " + out.to_string();
    return false;
  }
  passthrough_ = out.is_equal(in);
  out_caps_ = std::move(out);
  return true;
}

bool Transform::sink_event(const Pad& pad, Event event, Output& out) {
  if (transforms_caps() && event.type() == EventType::Caps) {
    negotiated_ = negotiate_output(event.parsed_caps(), &refusal_);
    if (!negotiated_) {
      GSTMINI_WARNING_OBJECT(*this, "{}", refusal_);
      return false;
    }
    GSTMINI_DEBUG_OBJECT(*this, "{} -> {}{}", event.parsed_caps().to_string(),
                         out_caps_.to_string(), passthrough_ ? " (passthrough)" : "");
    out.push_event(Event::caps(out_caps_));
    return true;
  }
  return Element::sink_event(pad, std::move(event), out);
}

FlowReturn Transform::chain(const Pad&, Buffer buffer, Output& out) {
  if (!transforms_caps()) {
    FlowReturn ret = transform_ip(buffer);
    if (ret == FlowReturn::Ok) out.push(std::move(buffer));
    return ret;
  }
  if (!negotiated_)
    return not_negotiated(refusal_.empty() ? "no caps arrived before the first buffer" : refusal_);
  if (passthrough_) {
    out.push(std::move(buffer));
    return FlowReturn::Ok;
  }
  Buffer result;
  FlowReturn ret = transform(buffer, result);
  if (ret != FlowReturn::Ok) return ret;
  result.pts = buffer.pts;
  result.dts = buffer.dts;
  result.duration = buffer.duration;
  result.offset = buffer.offset;
  result.offset_end = buffer.offset_end;
  for (BufferFlags f : {BufferFlags::Discont, BufferFlags::Live, BufferFlags::Resync,
                        BufferFlags::Gap, BufferFlags::DeltaUnit, BufferFlags::Marker})
    if (buffer.has_flag(f)) result.set_flag(f);
  out.push(std::move(result));
  return FlowReturn::Ok;
}

std::vector<PadTemplate> transform_pad_templates() {
  return {{"sink", PadDirection::Sink, PadPresence::Always, "ANY"},
          {"src", PadDirection::Src, PadPresence::Always, "ANY"}};
}

}  // namespace gstmini
