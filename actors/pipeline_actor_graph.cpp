// PipelineActor, graph dumps: what the actor knows of its graph at one
// moment, as a GraphSnapshot (runtime/debug/dot.hpp). Element states are the ones
// the elements last answered to this actor, so nothing reads an element's
// own state from another thread; pads come from Element::pads_snapshot().
#include <caf/all.hpp>

#include "actors/pipeline_actor.hpp"

namespace gstmini::actors {
namespace {

// GST_DEBUG_GRAPH_SHOW_NON_DEFAULT_PARAMS: statistics included (a queue's level).
std::vector<std::string> changed_properties(const Element& element) {
  std::vector<std::string> lines;
  const PropertyStore& store = element.properties();
  for (const PropertySpec& spec : store.specs()) {
    Value value = store.get(spec.name);
    if (value == spec.default_value) continue;
    lines.push_back(spec.name + "=" + to_string(value));
  }
  return lines;
}

}  // namespace

// The caps the src pad pushed, one field per line as GStreamer's dumps show
// them; empty before negotiation.
std::string PipelineActor::link_caps_label(const Link& link) const {
  const Element& src = *nodes_[link.src].element;
  const std::vector<Pad> pads = src.pads_snapshot();
  if (link.src_pad >= pads.size() || pads[link.src_pad].caps.is_empty()) return {};
  const Caps& caps = pads[link.src_pad].caps;
  if (caps.is_any()) return "ANY";
  std::string label;
  for (const CapsStructure& s : caps.structures()) {
    label += (label.empty() ? "" : "\n") + s.name();
    for (const auto& [field, value] : s.fields())
      label += "\n" + field + ": " + serialize_untyped(value);
  }
  return label;
}

GraphSnapshot PipelineActor::graph() const {
  GraphSnapshot g;
  g.pipeline = name_;
  const bool busy = stepping_ || waiting_async_ || current_ != target_;
  g.state = waiting_async_ ? State::Ready : current_;
  g.pending = busy ? target_ : State::VoidPending;
  for (const Node& node : nodes_) {
    const Element& element = *node.element;
    GraphElement e;
    e.name = element.name();
    e.factory = element.element_class().factory_name;
    e.state = node.state;
    e.is_source = element.is_source();
    e.is_sink = element.is_sink();
    for (const Pad& pad : element.pads_snapshot())
      e.pads.push_back(
          GraphPad{pad.name, pad.direction, pad.templ ? pad.templ->presence : PadPresence::Always});
    e.properties = changed_properties(element);
    g.elements.push_back(std::move(e));
  }
  for (const Link& link : links_) {
    const Element& src = *nodes_[link.src].element;
    const Element& sink = *nodes_[link.sink].element;
    const std::vector<Pad> src_pads = src.pads_snapshot(), sink_pads = sink.pads_snapshot();
    if (link.src_pad >= src_pads.size() || link.sink_pad >= sink_pads.size()) continue;
    g.links.push_back(GraphLink{src.name(), src_pads[link.src_pad].name, sink.name(),
                                sink_pads[link.sink_pad].name, link.window, link_caps_label(link)});
  }
  return g;
}

// Writing the file blocks this actor for well under a millisecond, and only
// with the debug variable set: GStreamer's dumps likewise block the thread
// that changes the state.
void PipelineActor::dump_state_change(State old_state, State new_state) {
  if (!std::getenv("GSTMINI_DEBUG_DUMP_DOT_DIR")) return;  // the common case: no graph built
  write_dot_file(dot_dump_prefix_ + "." + to_string(old_state) + "_" + to_string(new_state),
                 to_dot(graph()));
}

}  // namespace gstmini::actors
