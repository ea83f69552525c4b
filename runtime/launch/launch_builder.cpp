// parse_launch: from the syntax tree to a Pipeline.
//
// Everything that can be checked without actors is checked first — factories,
// names, properties, caps, references, pad names — so a wrong line costs no
// actor system. Only then is the Pipeline made, the elements added and the
// links made: direct ones ("a ! b") in order, then those through references
// ("t. ! b"), as GStreamer resolves its delayed links last; request pads are
// therefore numbered as gst-launch numbers them.
#include <algorithm>
#include <map>
#include <utility>

#include "runtime/caps/caps.hpp"
#include "runtime/launch/launch_syntax.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "runtime/registry/registry.hpp"
#include "runtime/utf8.hpp"

namespace gstmini {
namespace {

using launch::Assignment;
using launch::Endpoint;
using launch::LinkNode;
using launch::Span;

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// PropertyError says "property 'x' of owner expects ..."; the ParseError
// already names both, so keep the "expects ..." part.
std::string reason(const std::exception& error, const std::string& property,
                   const std::string& owner) {
  const std::string text = error.what();
  const std::string prefix = "property '" + property + "' of " + owner + " ";
  return text.compare(0, prefix.size(), prefix) == 0 ? text.substr(prefix.size()) : text;
}

class Builder {
 public:
  Builder(const std::string& line, PipelineOptions options)
      : line_(line), options_(std::move(options)) {}

  std::unique_ptr<Pipeline> run() {
    const launch::Description description = launch::parse_launch_syntax(line_);
    for (const auto& node : description.elements) make(node);
    for (const LinkNode& link : description.links) {
      check_pads(link.src, PadDirection::Src);
      check_pads(link.sink, PadDirection::Sink);
    }
    auto pipeline = std::make_unique<Pipeline>("pipeline0", options_);
    for (std::size_t i = 0; i < elements_.size(); ++i) {
      try {
        pipeline->add(elements_[i]);
      } catch (const ElementError& error) {
        fail(error.what(), spans_[i]);
      }
    }
    for (const LinkNode& link : description.links)
      if (!link.src.is_reference() && !link.sink.is_reference()) make_link(*pipeline, link);
    for (const LinkNode& link : description.links)
      if (link.src.is_reference() || link.sink.is_reference()) make_link(*pipeline, link);
    return pipeline;
  }

 private:
  [[noreturn]] void fail(std::string message, Span span) const {
    throw ParseError(std::move(message), line_, span.position, span.length);
  }

  void make(const launch::ElementNode& node) {
    const Assignment* name = nullptr;
    for (const Assignment& set : node.properties) {
      if (set.name != "name") continue;
      if (name)
        fail("element name given twice (" + quoted(name->value) + ", then " + quoted(set.value) +
                 ")",
             set.name_span);
      if (set.value.empty()) fail("an element name cannot be empty", set.value_span);
      if (!is_valid_utf8(set.value))
        fail("could not set property \"name\" in element " + quoted(node.factory) + " to " +
                 quoted(escape_invalid_utf8(set.value)) + ": not valid UTF-8",
             set.value_span);
      name = &set;
    }
    if (!Registry::get().find(node.factory)) fail("no element " + quoted(node.factory), node.span);
    ElementPtr element;
    try {
      element = Registry::get().make(node.factory, name ? name->value : std::string());
    } catch (const ElementError& error) {
      fail(error.what(), node.span);
    }
    const Span name_span = name ? name->value_span : node.span;
    if (!by_name_.emplace(element->name(), elements_.size()).second)
      fail("there is already an element named " + quoted(element->name()), name_span);
    for (const Assignment& set : node.properties)
      if (set.name != "name") set_property(*element, set);
    if (node.is_caps) set_caps(*element, node);
    elements_.push_back(std::move(element));
    spans_.push_back(node.span);
  }

  void set_property(Element& element, const Assignment& set) const {
    const std::string in = " in element " + quoted(element.name());
    const PropertySpec* spec = element.properties().find(set.name);
    if (!spec) fail("no property " + quoted(set.name) + in, set.name_span);
    if (!spec->writable)
      fail("property " + quoted(set.name) + in + " is not writable", set.name_span);
    const std::string what =
        "could not set property " + quoted(set.name) + in + " to " + quoted(set.value) + ": ";
    if (spec->type == PropertyType::Caps) {
      try {
        Caps::from_string(set.value);
      } catch (const CapsParseError& error) {
        fail(what + error.reason(), span_within(set.value_span, set.value, error.position()));
      }
    }
    try {
      element.set_property_from_string(set.name, set.value);
    } catch (const std::exception& error) {
      fail(what + reason(error, set.name, element.name()), set.value_span);
    }
  }

  void set_caps(Element& filter, const launch::ElementNode& node) const {
    try {
      Caps::from_string(node.caps);
    } catch (const CapsParseError& error) {
      fail("could not parse caps " + quoted(node.caps) + ": " + error.reason(),
           span_within(node.span, node.caps, error.position()));
    }
    try {
      filter.set_property_from_string("caps", node.caps);
    } catch (const std::exception& error) {
      fail(
          "could not parse caps " + quoted(node.caps) + ": " + reason(error, "caps", filter.name()),
          node.span);
    }
  }

  // Where in the line a parser stopped at `offset` of `text`, which was
  // written in `written`: exact when `text` stands there as it is (no
  // escapes removed), else all of `written`. Marks up to the end of `text`.
  Span span_within(Span written, const std::string& text, std::size_t offset) const {
    const std::size_t at = line_.substr(written.position, written.length).find(text);
    if (at == std::string::npos) return written;
    const std::size_t start = written.position + at + std::min(offset, text.size());
    return Span{start, written.position + at + text.size() - start};
  }

  const ElementPtr& resolve(const Endpoint& end) const {
    if (!end.is_reference()) return elements_[end.element];
    auto found = by_name_.find(end.name);
    if (found == by_name_.end()) fail("no element named " + quoted(end.name), end.span);
    return elements_[found->second];
  }

  // A pad that the element neither has nor can request, or that goes the
  // wrong way, is refused here, pointing at the pad; what only linking can
  // tell (already linked) comes back as a LinkError.
  void check_pads(const Endpoint& end, PadDirection direction) const {
    const Element& element = *resolve(end);
    for (const std::string& pad : end.pads) {
      if (const Pad* found = element.find_pad(pad)) {
        if (found->direction == direction) continue;
        fail(element.name() + ":" + pad + " is not a " +
                 (direction == PadDirection::Src ? "src" : "sink") + " pad",
             end.pads_span);
      }
      if (element.request_template_for(direction, pad)) continue;
      fail("no pad " + quoted(pad) + " in element " + quoted(element.name()), end.pads_span);
    }
  }

  void make_link(Pipeline& pipeline, const LinkNode& link) const {
    const ElementPtr& src = resolve(link.src);
    const ElementPtr& sink = resolve(link.sink);
    const auto& src_pads = link.src.pads;
    const auto& sink_pads = link.sink.pads;
    const std::size_t pairs = std::max<std::size_t>({src_pads.size(), sink_pads.size(), 1});
    if (pairs > 1 && src_pads.size() != sink_pads.size())
      fail("could not link " + src->name() + " to " + sink->name() + ": " +
               std::to_string(src_pads.size()) + " src pads but " +
               std::to_string(sink_pads.size()) + " sink pads",
           link.span);
    for (std::size_t i = 0; i < pairs; ++i) {
      try {
        pipeline.link_pads(src, i < src_pads.size() ? src_pads[i] : std::string(), sink,
                           i < sink_pads.size() ? sink_pads[i] : std::string());
      } catch (const LinkError& error) {
        fail(error.what(), link.span);
      }
    }
  }

  const std::string& line_;
  PipelineOptions options_;
  std::vector<ElementPtr> elements_;  // in order of appearance
  std::vector<Span> spans_;           // of each element
  std::map<std::string, std::size_t> by_name_;
};

}  // namespace

std::unique_ptr<Pipeline> parse_launch(const std::string& description, PipelineOptions options) {
  return Builder(description, std::move(options)).run();
}

std::string join_launch_argv(const std::vector<std::string>& argv) {
  std::string line;
  for (std::size_t n = 0; n < argv.size(); ++n) {
    const std::string& arg = argv[n];
    if (n > 0) line += ' ';
    bool in_quotes = false;
    for (std::size_t i = 0; i < arg.size(); ++i) {
      if (arg[i] == '"' && !(in_quotes && i > 0 && arg[i - 1] == '\\')) in_quotes = !in_quotes;
      if (arg[i] == ' ' && !in_quotes) line += '\\';
      line += arg[i];
    }
  }
  return line;
}

std::unique_ptr<Pipeline> parse_launchv(const std::vector<std::string>& argv,
                                        PipelineOptions options) {
  return parse_launch(join_launch_argv(argv), std::move(options));
}

}  // namespace gstmini
