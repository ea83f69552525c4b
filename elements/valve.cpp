#include "elements/valve.hpp"

namespace gstmini {

const ElementClass& Valve::element_class() {
  static const ElementClass klass{
      "valve",
      "Valve element",
      "Filter",
      "Drops buffers and events or lets them through",
      "gstmini",
      transform_pad_templates(),
      {PropertySpec::boolean("drop", false, "Whether to drop buffers")}};
  return klass;
}

Valve::Valve(std::string name) : Transform(element_class(), std::move(name)) {}

FlowReturn Valve::chain(const Pad& pad, Buffer buffer, Output& out) {
  if (settings_changed(&settings_seen_)) drop_ = get<bool>("drop");
  if (drop_) return FlowReturn::Ok;
  return Transform::chain(pad, std::move(buffer), out);
}

}  // namespace gstmini
