// tee: one sink pad, request src pads "src_%u"; every buffer and event goes
// out of every src pad (GStreamer's tee).
//
// In this runtime a push through a tee completes when every branch answered
// (each link is lock-step by default), and the answers combine as
// GstFlowCombiner does: OK if any branch is OK, NOT_LINKED only if all are
// (or OK with allow-not-linked). GStreamer's tee pushes the branches one
// after the other in the streaming thread, which amounts to the same: the
// slowest branch paces the source unless a queue starts each branch.
#pragma once

#include "runtime/element.hpp"

namespace gstmini {

class Tee : public Element {
 public:
  explicit Tee(std::string name);
  static const ElementClass& element_class();

  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
  FlowReturn adjust_flow(FlowReturn combined) override;
};

}  // namespace gstmini
