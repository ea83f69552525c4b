#include "elements/funnel.hpp"

namespace gstmini {

const ElementClass& Funnel::element_class() {
  static const ElementClass klass{"funnel",
                                  "Funnel pipe fitting",
                                  "Generic",
                                  "N-to-1 pipe fitting",
                                  "gstmini",
                                  {{"sink_%u", PadDirection::Sink, PadPresence::Request, "ANY"},
                                   {"src", PadDirection::Src, PadPresence::Always, "ANY"}},
                                  {}};
  return klass;
}

Funnel::Funnel(std::string name) : Element(element_class(), std::move(name)) {}

bool Funnel::start() {
  eos_pads_.clear();
  return true;
}

FlowReturn Funnel::chain(const Pad&, Buffer buffer, Output& out) {
  out.push(std::move(buffer));
  return FlowReturn::Ok;
}

bool Funnel::sink_event(const Pad& pad, Event event, Output& out) {
  if (event.type() == EventType::FlushStop) eos_pads_.erase(pad.index);
  if (event.type() == EventType::Eos) {
    eos_pads_.insert(pad.index);
    if (eos_pads_.size() < count_pads(PadDirection::Sink)) return true;  // others still run
  }
  out.push_event(std::move(event));
  return true;
}

}  // namespace gstmini
