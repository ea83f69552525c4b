// The syntax tree of a gst-launch line, before any element exists.
//
// parse_launch works in two stages: parse_launch_syntax() turns the text into
// this tree (pure, cheap, and what the fuzzer hammers), then the builder
// (launch_builder.cpp) creates the elements, sets their properties and links
// them in a Pipeline. Every node keeps the Span of the text it came from, so
// an error found while building still points into the line.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gstmini::launch {

// [position, position + length) in bytes of the line.
struct Span {
  std::size_t position = 0;
  std::size_t length = 0;
  std::size_t end() const { return position + length; }
};

// "name=value": the value unquoted and unescaped.
struct Assignment {
  std::string name;
  std::string value;
  Span name_span;
  Span value_span;  // as written, quotes included
};

// One element of the line, in order of appearance. A caps filter
// ("! video/x-raw,width=320 !") is a "capsfilter" with `caps` set.
struct ElementNode {
  std::string factory;
  Span span;  // the factory word, or the caps as written
  std::vector<Assignment> properties;
  bool is_caps = false;
  std::string caps;  // the caps text, for a caps filter
};

// One end of a link: an element of the line, or a reference to one by name
// ("t." / "t.src_1"). No pads: any free pad of the right direction.
struct Endpoint {
  static constexpr std::size_t kReference = static_cast<std::size_t>(-1);
  std::size_t element = kReference;  // index into Description::elements
  std::string name;                  // the referenced name
  std::vector<std::string> pads;
  Span span;       // the element or reference as written
  Span pads_span;  // the pads as written (".src,src_1"), if any
  bool is_reference() const { return element == kReference; }
};

struct LinkNode {
  Endpoint src;
  Endpoint sink;
  Span span;  // the '!'
};

struct Description {
  std::vector<ElementNode> elements;
  std::vector<LinkNode> links;  // in order of appearance
};

// Throws ParseError (runtime/launch/parse_launch.hpp) for a syntax error.
Description parse_launch_syntax(const std::string& line);

}  // namespace gstmini::launch
