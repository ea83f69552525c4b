// ElementClass: what every element of one factory shares (GstElementClass):
// metadata, pad templates, property specs.
#pragma once

#include <string>
#include <vector>

#include "runtime/pad.hpp"
#include "runtime/property.hpp"

namespace gstmini {

// What an element class is: GstElementClass metadata, templates, properties.
struct ElementClass {
  std::string factory_name;  // "fakesink"
  std::string long_name;     // "Fake Sink"
  std::string klass;         // "Sink"
  std::string description;
  std::string author;
  std::vector<PadTemplate> pad_templates;
  std::vector<PropertySpec> properties;
};

}  // namespace gstmini
