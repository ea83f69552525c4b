// Pipeline graphs as Graphviz dot (GST_DEBUG_BIN_TO_DOT_FILE).
//
//   GSTMINI_DEBUG_DUMP_DOT_DIR=/tmp/dots ./build/tools/gstmini-launch ...
//   dot -Tpng /tmp/dots/0.00.00.012345678-gstmini-launch.PAUSED_PLAYING.dot -o graph.png
//
// A GraphSnapshot is what the pipeline actor knows at one moment (element
// states as last answered, pads, links); to_dot() turns it into text with a
// cluster per element, its pads as nodes and an edge per link, shaped and
// coloured like GStreamer's dumps (sources red, sinks blue, the rest green;
// Sometimes pads dashed, Request pads dotted).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "runtime/pad.hpp"
#include "runtime/state.hpp"

namespace gstmini {

struct GraphPad {
  std::string name;
  PadDirection direction = PadDirection::Unknown;
  PadPresence presence = PadPresence::Always;
};

struct GraphElement {
  std::string name;
  std::string factory;
  State state = State::Null;
  State pending = State::VoidPending;
  bool is_source = false;
  bool is_sink = false;
  std::vector<GraphPad> pads;
  // Properties whose value differs from the default, as "name=value".
  std::vector<std::string> properties;
};

struct GraphLink {
  std::string src, src_pad, sink, sink_pad;
  std::uint32_t window = 0;  // link_rule()
  // The caps negotiated on the link (what the src pad pushed), printed on
  // the edge, '\n' between lines; empty before negotiation.
  std::string caps;
};

struct GraphSnapshot {
  std::string pipeline;
  State state = State::Null;
  State pending = State::VoidPending;
  std::vector<GraphElement> elements;
  std::vector<GraphLink> links;
};

std::string to_dot(const GraphSnapshot& graph);

// GStreamer's state marker: "[>]" for PLAYING, "[=] -> [>]" while changing.
std::string state_marker(State state, State pending);

// Time since the process started as a file name stamp: "0.00.01.234567890".
std::string dot_timestamp();

// Writes `dot` to $GSTMINI_DEBUG_DUMP_DOT_DIR/<timestamp>-<name>.dot if the
// variable is set; returns the path written, or "" (unset, or the write
// failed: then a warning is logged naming the path).
std::string write_dot_file(const std::string& name, const std::string& dot);

}  // namespace gstmini
