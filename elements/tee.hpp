// tee: one sink pad, request src pads "src_%u"; every buffer and event goes
// out of every src pad (GStreamer's tee).
//
// In this runtime the tee hands the buffer to every branch at once (each
// branch's first element is its own actor, so the branches work in
// parallel) and its push completes when every branch answered (each link is
// lock-step by default); the answers combine as GstFlowCombiner does: OK if
// any branch is OK, NOT_LINKED only if all are (or OK with
// allow-not-linked). GStreamer's tee pushes the branches one after the
// other in the one streaming thread: a buffer costs the sum of the branch
// times there and their maximum here. Either way, without a queue at the
// head of each branch the slowest branch paces the source (example 06,
// `noqueue`). Pads requested or linked while PLAYING take part from the next
// buffer (after the sticky events); an unlinked pad answers NOT_LINKED.
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
