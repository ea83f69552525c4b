#include "runtime/debug/dot.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "runtime/debug/log.hpp"
#include "runtime/flow.hpp"

namespace gstmini {
namespace {

// Stands in for gst_init's start time: taken when the library is loaded.
const auto kProcessStart = std::chrono::steady_clock::now();

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Dot labels: '\n' becomes the two characters "\n" dot reads as a newline.
std::string label(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) text += (i ? "\n" : "") + lines[i];
  std::string escaped = quoted(text), out;
  for (char c : escaped) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

const char* fill_color(PadDirection direction) {
  return direction == PadDirection::Src ? "#ffaaaa" : "#aaaaff";
}

const char* element_color(const GraphElement& e) {
  if (e.is_source) return "#ffaaaa";
  if (e.is_sink) return "#aaaaff";
  return "#aaffaa";
}

const char* pad_style(PadPresence presence) {
  switch (presence) {
    case PadPresence::Sometimes:
      return "filled,dashed";
    case PadPresence::Request:
      return "filled,dotted";
    default:
      return "filled,solid";
  }
}

// Node ids from positions, not names: element names may hold any character.
std::string element_id(std::size_t e) { return "element_" + std::to_string(e); }
std::string pad_id(std::size_t e, std::size_t p) {
  return element_id(e) + "_pad_" + std::to_string(p);
}

void write_element(std::ostringstream& out, const GraphElement& e, std::size_t index,
                   const std::string& parent) {
  std::vector<std::string> lines{e.factory, e.name, state_marker(e.state, e.pending),
                                 "parent=" + parent};
  lines.insert(lines.end(), e.properties.begin(), e.properties.end());
  out << "  subgraph cluster_" << element_id(index) << " {\n"
      << "    fontname=\"sans\";\n    fontsize=\"8\";\n    style=\"filled,rounded\";\n"
      << "    color=black;\n    label=" << label(lines) << ";\n";
  for (PadDirection dir : {PadDirection::Sink, PadDirection::Src}) {
    out << "    subgraph cluster_" << element_id(index) << "_" << to_string(dir) << " {\n"
        << "      label=\"\";\n      style=\"invis\";\n";
    for (std::size_t p = 0; p < e.pads.size(); ++p) {
      const GraphPad& pad = e.pads[p];
      if (pad.direction != dir) continue;
      out << "      " << pad_id(index, p) << " [color=black, fillcolor=\""
          << fill_color(pad.direction) << "\", label=" << label({pad.name, to_string(pad.presence)})
          << ", height=\"0.2\", style=\"" << pad_style(pad.presence) << "\"];\n";
    }
    out << "    }\n";
  }
  out << "    fillcolor=\"" << element_color(e) << "\";\n  }\n\n";
}

std::string find_pad(const GraphSnapshot& g, const std::string& element, const std::string& pad) {
  for (std::size_t e = 0; e < g.elements.size(); ++e) {
    if (g.elements[e].name != element) continue;
    for (std::size_t p = 0; p < g.elements[e].pads.size(); ++p)
      if (g.elements[e].pads[p].name == pad) return pad_id(e, p);
  }
  return {};
}

}  // namespace

std::string state_marker(State state, State pending) {
  // gst_debug_bin_to_dot: "~0-=>" indexed by GstState.
  static const char kIcons[] = "~0-=>";
  auto icon = [](State s) { return kIcons[static_cast<int>(s)]; };
  std::string text = std::string("[") + icon(state) + "]";
  if (pending != State::VoidPending) text += std::string(" -> [") + icon(pending) + "]";
  return text;
}

std::string to_dot(const GraphSnapshot& g) {
  std::ostringstream out;
  out << "digraph pipeline {\n"
      << "  rankdir=LR;\n  fontname=\"sans\";\n  fontsize=\"10\";\n  labelloc=t;\n"
      << "  nodesep=.1;\n  ranksep=.2;\n"
      << "  label=" << label({"<Pipeline>", g.pipeline, state_marker(g.state, g.pending)}) << ";\n"
      << "  node [style=\"filled,rounded\", shape=box, fontsize=\"9\", fontname=\"sans\", "
         "margin=\"0.0,0.0\"];\n"
      << "  edge [labelfontsize=\"6\", fontsize=\"9\", fontname=\"monospace\"];\n\n";
  for (std::size_t e = 0; e < g.elements.size(); ++e)
    write_element(out, g.elements[e], e, g.pipeline);
  for (const GraphLink& link : g.links) {
    std::string from = find_pad(g, link.src, link.src_pad);
    std::string to = find_pad(g, link.sink, link.sink_pad);
    if (from.empty() || to.empty()) continue;  // the pad went away while the graph was taken
    std::vector<std::string> lines;
    if (!link.caps.empty()) lines.push_back(link.caps);  // label() turns its '\n' into "\n"
    lines.push_back(link_rule(link.window));
    out << "  " << from << " -> " << to << " [label=" << label(lines) << "];\n";
  }
  out << "}\n";
  return out.str();
}

std::string dot_timestamp() {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                                 kProcessStart)
                .count();
  auto s = static_cast<unsigned long long>(ns / 1000000000);
  char text[64];
  std::snprintf(text, sizeof text, "%llu.%02llu.%02llu.%09llu", s / 3600, (s / 60) % 60, s % 60,
                static_cast<unsigned long long>(ns % 1000000000));
  return text;
}

std::string write_dot_file(const std::string& name, const std::string& dot) {
  const char* dir = std::getenv("GSTMINI_DEBUG_DUMP_DOT_DIR");
  if (!dir || !*dir) return {};
  std::string path = std::string(dir) + "/" + dot_timestamp() + "-" + name + ".dot";
  std::ofstream file(path);
  file << dot;
  file.close();
  if (!file) {
    static DebugCategory& cat = debug_category("dot", "pipeline graph dumps");
    GSTMINI_LOG_OBJECT(cat, DebugLevel::Warning, "", "could not write pipeline graph to {}", path);
    return {};
  }
  return path;
}

}  // namespace gstmini
