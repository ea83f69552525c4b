#include "elements/capsfilter.hpp"

namespace gstmini {

const ElementClass& CapsFilter::element_class() {
  static const ElementClass klass{
      "capsfilter",
      "CapsFilter",
      "Generic",
      "Pass data without modification, limiting formats",
      "gstmini",
      transform_pad_templates(),
      {PropertySpec::string("caps", "ANY", "Restrict the possible allowed capabilities")}};
  return klass;
}

CapsFilter::CapsFilter(std::string name) : Transform(element_class(), std::move(name)) {}

}  // namespace gstmini
