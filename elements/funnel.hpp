// funnel: N sink pads ("sink_%u", on request), one src pad; whatever arrives
// on any sink pad goes out (GStreamer's funnel). EOS goes out once every
// sink pad has had one. The element actor takes the sink pads' items in
// turn (round robin), one at a time.
#pragma once

#include <set>

#include "runtime/element.hpp"

namespace gstmini {

class Funnel : public Element {
 public:
  explicit Funnel(std::string name);
  static const ElementClass& element_class();

  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  bool start() override;

 private:
  std::set<unsigned> eos_pads_;
};

}  // namespace gstmini
