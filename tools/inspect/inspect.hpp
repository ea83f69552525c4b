// Text for the gst-inspect-1.0-like tool (tools/gstmini-inspect.cpp), kept
// here so tests can check it.
//
//   std::cout << gstmini::list_elements();                 // every factory
//   std::cout << gstmini::inspect_element(*Registry::get().find("fakesrc"));
//
// The layout follows gst-inspect-1.0: "Factory Details", "Pad Templates",
// "Element Properties" (sorted by name, with blurb, flags, type, range and
// default; enums with their values and nicks).
#pragma once

#include <string>

#include "runtime/caps/caps.hpp"
#include "runtime/element.hpp"

namespace gstmini {

// "fakesrc: Fake Source" per registered element, then "Total count: N elements".
std::string list_elements();
// The full description of one element class.
std::string inspect_element(const ElementClass& klass);
// One property as gst-inspect prints it (three lines or more for enums).
std::string describe_property(const PropertySpec& spec);
// Caps as gst-inspect prints them: each structure's name, then one
// "  %15s: value" line per field, every line starting with `indent`.
std::string describe_caps(const Caps& caps, const std::string& indent);

}  // namespace gstmini
