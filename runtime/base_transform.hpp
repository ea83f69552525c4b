// Transform: one sink pad in, one src pad out (GstBaseTransform).
//
// Override transform_ip() to change a buffer in place (it is pushed on
// afterwards), or chain() itself to push several buffers or none.
#pragma once

#include "runtime/element.hpp"

namespace gstmini {

class Transform : public Element {
 public:
  using Element::Element;

  // Return a non-OK flow to stop the stream; FlowReturn::Ok pushes `buffer`.
  virtual FlowReturn transform_ip(Buffer& buffer) {
    (void)buffer;
    return FlowReturn::Ok;
  }
  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
};

// The usual "sink" + "src" Always templates.
std::vector<PadTemplate> transform_pad_templates();

}  // namespace gstmini
