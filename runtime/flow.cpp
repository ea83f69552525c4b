#include "runtime/flow.hpp"

namespace gstmini {

const char* to_string(FlowReturn ret) {
  switch (ret) {
    case FlowReturn::Ok:
      return "ok";
    case FlowReturn::NotLinked:
      return "not-linked";
    case FlowReturn::Flushing:
      return "flushing";
    case FlowReturn::Eos:
      return "eos";
    case FlowReturn::NotNegotiated:
      return "not-negotiated";
    case FlowReturn::Error:
      return "error";
    case FlowReturn::NotSupported:
      return "not-supported";
  }
  return "unknown";
}

void FlowCombiner::add(FlowReturn ret) {
  any_ = true;
  bool decisive =
      ret == FlowReturn::Flushing || static_cast<int>(ret) < static_cast<int>(FlowReturn::Eos);
  if (decisive && decisive_ == FlowReturn::Ok) decisive_ = ret;
  all_eos_ = all_eos_ && ret == FlowReturn::Eos;
  all_not_linked_ = all_not_linked_ && ret == FlowReturn::NotLinked;
}

FlowReturn FlowCombiner::result() const {
  if (decisive_ != FlowReturn::Ok) return decisive_;
  if (!any_) return FlowReturn::Ok;
  if (all_eos_) return FlowReturn::Eos;
  if (all_not_linked_) return FlowReturn::NotLinked;
  return FlowReturn::Ok;
}

FlowReturn combine_flows(std::initializer_list<FlowReturn> flows) {
  FlowCombiner combiner;
  for (FlowReturn ret : flows) combiner.add(ret);
  return combiner.result();
}

std::string link_rule(std::uint32_t window) {
  if (window == 0) return "credit";
  return window == 1 ? "lock-step" : "window " + std::to_string(window);
}

}  // namespace gstmini
