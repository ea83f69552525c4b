#include "elements/tee.hpp"

namespace gstmini {

const ElementClass& Tee::element_class() {
  static const ElementClass klass{
      "tee",
      "Tee pipe fitting",
      "Generic",
      "1-to-N pipe fitting",
      "gstmini",
      {{"sink", PadDirection::Sink, PadPresence::Always, "ANY"},
       {"src_%u", PadDirection::Src, PadPresence::Request, "ANY"}},
      {PropertySpec::boolean("allow-not-linked", false,
                             "Return OK even if there are no source pads or they are all unlinked"),
       PropertySpec::uint64("num-src-pads", 0, 0, 1u << 31, "The number of source pads")
           .read_only()}};
  return klass;
}

Tee::Tee(std::string name) : Element(element_class(), std::move(name)) {}

FlowReturn Tee::chain(const Pad&, Buffer buffer, Output& out) {
  unsigned src_pads = 0;
  for (const Pad& pad : pads()) {
    if (pad.direction != PadDirection::Src) continue;
    out.push(pad, buffer);  // shares the payload: no copy
    ++src_pads;
  }
  set_stat("num-src-pads", std::uint64_t{src_pads});
  if (src_pads == 0) return get<bool>("allow-not-linked") ? FlowReturn::Ok : FlowReturn::NotLinked;
  return FlowReturn::Ok;
}

FlowReturn Tee::adjust_flow(FlowReturn combined) {
  if (combined == FlowReturn::NotLinked && get<bool>("allow-not-linked")) return FlowReturn::Ok;
  return combined;
}

}  // namespace gstmini
