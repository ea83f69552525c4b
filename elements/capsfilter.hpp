// capsfilter: restricts the caps that may flow through it (GStreamer's
// capsfilter); `! video/x-raw,width=320 !` in a launch line creates one.
//
// Both pads handle the template's caps narrowed to the `caps` property, so
// upstream negotiation picks a format within them, and CAPS outside them
// are refused (NOT_NEGOTIATED). Data that arrives without any CAPS gets the
// filter caps pushed ahead of it when they are fixed; otherwise the format
// is unknown and the buffer is refused with NOT_NEGOTIATED.
#pragma once

#include "runtime/base_transform.hpp"

namespace gstmini {

class CapsFilter : public Transform {
 public:
  explicit CapsFilter(std::string name);
  static const ElementClass& element_class();

  Caps pad_caps(const Pad& pad) const override;
  bool start() override;
  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;

 private:
  // Before the first data without upstream caps: push fixed filter caps.
  FlowReturn ensure_caps(Output& out);
  bool have_caps_ = false;
};

}  // namespace gstmini
