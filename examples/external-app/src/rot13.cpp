#include "rot13.hpp"

namespace example {

const gstmini::ElementClass& Rot13::element_class() {
  static const gstmini::ElementClass klass = [] {
    gstmini::ElementClass k{"rot13",
                            "ROT13",
                            "Filter/Converter",
                            "Rotates ASCII letters (a Caesar cipher)",
                            "external-app example",
                            gstmini::transform_pad_templates(),
                            {}};
    k.properties.push_back(
        gstmini::PropertySpec::uint64("shift", 13, 0, 25, "Places each letter moves forward"));
    return k;
  }();
  return klass;
}

Rot13::Rot13(std::string name) : Transform(element_class(), std::move(name)) {}

gstmini::FlowReturn Rot13::transform_ip(gstmini::Buffer& buffer) {
  const auto shift = static_cast<int>(get<std::uint64_t>("shift"));
  std::uint8_t* bytes = buffer.map_writable();  // copies if another buffer shares them
  for (std::size_t i = 0; i < buffer.size(); ++i) {
    const int c = bytes[i];
    if (c >= 'a' && c <= 'z') bytes[i] = static_cast<std::uint8_t>('a' + (c - 'a' + shift) % 26);
    if (c >= 'A' && c <= 'Z') bytes[i] = static_cast<std::uint8_t>('A' + (c - 'A' + shift) % 26);
  }
  return gstmini::FlowReturn::Ok;
}

}  // namespace example
