#include "elements/capsfilter.hpp"

namespace gstmini {

const ElementClass& CapsFilter::element_class() {
  static const ElementClass klass{
      "capsfilter",
      "CapsFilter",
      "Generic",
      "Pass data without modification, limiting formats",
      "gstmini",
      transform_pad_templates(),
      {PropertySpec::caps("caps", "ANY", "Restrict the possible allowed capabilities")}};
  return klass;
}

CapsFilter::CapsFilter(std::string name) : Transform(element_class(), std::move(name)) {}

Caps CapsFilter::pad_caps(const Pad& pad) const { return template_caps_within(pad, "caps"); }

bool CapsFilter::start() {
  have_caps_ = false;
  pending_.clear();
  return true;
}

bool CapsFilter::sink_event(const Pad& pad, Event event, Output& out) {
  switch (event.type()) {
    case EventType::Caps: {
      have_caps_ = true;
      bool forwarded = Transform::sink_event(pad, std::move(event), out);
      push_pending(out);
      return forwarded;
    }
    case EventType::StreamStart:
    case EventType::FlushStart:
      break;
    case EventType::FlushStop:
      pending_.clear();
      break;
    case EventType::Eos:
      push_pending(out);
      break;
    default:
      if (!have_caps_ && event.is_serialized()) {
        pending_.push_back(std::move(event));
        return true;
      }
  }
  return Transform::sink_event(pad, std::move(event), out);
}

void CapsFilter::push_pending(Output& out) {
  for (Event& event : pending_) out.push_event(std::move(event));
  pending_.clear();
}

FlowReturn CapsFilter::ensure_caps(Output& out) {
  if (have_caps_) return FlowReturn::Ok;
  const Caps filter = Caps::from_string(get<std::string>("caps"));
  if (!filter.is_fixed())
    return not_negotiated("no caps arrived from upstream and the filter caps " +
                          filter.to_string() + " do not completely specify the output format");
  GSTMINI_DEBUG_OBJECT(*this, "no caps from upstream: pushing the filter caps {}",
                       filter.to_string());
  out.push_event(Event::caps(filter));
  have_caps_ = true;
  push_pending(out);
  return FlowReturn::Ok;
}

FlowReturn CapsFilter::chain(const Pad& pad, Buffer buffer, Output& out) {
  FlowReturn ret = ensure_caps(out);
  if (ret != FlowReturn::Ok) return ret;
  return Transform::chain(pad, std::move(buffer), out);
}

}  // namespace gstmini
