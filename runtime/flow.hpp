// FlowReturn: the answer a push gets back from downstream (GstFlowReturn).
//
// OK means "keep going". The negative values stop a streaming loop:
//   NotLinked      the pad has no peer
//   Flushing       the peer is flushing or not active (state < PAUSED)
//   Eos            the peer does not want more data
//   NotNegotiated  no format agreed on the link
//   Error          a fatal error; the element that returned it posted an ERROR
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

namespace gstmini {

enum class FlowReturn : int {
  Ok = 0,
  NotLinked = -1,
  Flushing = -2,
  Eos = -3,
  NotNegotiated = -4,
  Error = -5,
  NotSupported = -6,
};

// GStreamer's gst_flow_get_name: "ok", "not-linked", "flushing", "eos", ...
const char* to_string(FlowReturn ret);

// How a link is paced, for logs, graphs and statistics: "credit" (window 0:
// as the receiver grants, actors/messages.hpp), "lock-step" (window 1) or
// "window N".
std::string link_rule(std::uint32_t window);

// Fatal flows make a source post an ERROR: NOT_LINKED and everything below EOS.
constexpr bool is_fatal(FlowReturn ret) {
  return ret == FlowReturn::NotLinked || static_cast<int>(ret) < static_cast<int>(FlowReturn::Eos);
}

// GstFlowCombiner's rule for one element pushing on several src pads:
// FLUSHING or a fatal error wins at once; EOS only when every pad is EOS;
// NOT_LINKED only when every pad is NOT_LINKED; otherwise OK.
class FlowCombiner {
 public:
  void add(FlowReturn ret);
  FlowReturn result() const;

 private:
  bool any_ = false, all_eos_ = true, all_not_linked_ = true;
  FlowReturn decisive_ = FlowReturn::Ok;
};

FlowReturn combine_flows(std::initializer_list<FlowReturn> flows);

}  // namespace gstmini
