#include "runtime/base_transform.hpp"

#include <utility>

namespace gstmini {

FlowReturn Transform::chain(const Pad&, Buffer buffer, Output& out) {
  FlowReturn ret = transform_ip(buffer);
  if (ret == FlowReturn::Ok) out.push(std::move(buffer));
  return ret;
}

std::vector<PadTemplate> transform_pad_templates() {
  return {{"sink", PadDirection::Sink, PadPresence::Always, "ANY"},
          {"src", PadDirection::Src, PadPresence::Always, "ANY"}};
}

}  // namespace gstmini
