#include "tools/inspect/inspect.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "runtime/registry/registry.hpp"

#include "tools/inspect/inspect_detail.hpp"

namespace gstmini {
namespace {

using inspect::detail;

}  // namespace

std::string describe_caps(const Caps& caps, const std::string& indent) {
  if (caps.is_any()) return indent + "ANY\n";
  if (caps.is_empty()) return indent + "EMPTY\n";
  std::ostringstream out;
  for (const CapsStructure& s : caps.structures()) {
    out << indent << s.name();
    if (!s.features().empty()) out << "(" << s.features() << ")";
    out << "\n";
    for (const auto& [field, value] : s.fields()) {
      char name[64];
      std::snprintf(name, sizeof name, "%15s", field.c_str());
      out << indent << "  " << name << ": " << serialize_untyped(value) << "\n";
    }
  }
  return out.str();
}

namespace {

std::string pad_template(const PadTemplate& templ) {
  std::ostringstream out;
  out << "  " << to_string(templ.direction) << " template: '" << templ.name_template << "'\n"
      << "    Availability: " << to_string(templ.presence) << "\n"
      << "    Capabilities:\n";
  try {
    out << describe_caps(template_caps(templ), "      ");
  } catch (const CapsParseError& e) {
    out << "      " << templ.caps << "  (does not parse: " << e.what() << ")\n";
  }
  return out.str();
}

std::string enum_default(const PropertySpec& spec) {
  auto def = std::get<std::int64_t>(spec.default_value);
  for (const auto& e : spec.enum_values)
    if (e.value == def) return std::to_string(def) + ", \"" + e.nick + "\"";
  return std::to_string(def);
}

constexpr const char* kIndent = "                        ";  // under the blurb column

// gst-inspect's print_clocking_info. No gstmini element sets GStreamer's
// REQUIRE_CLOCK flag (the sinks sync on the pipeline clock without it, as
// GStreamer's do), so only a provided clock makes an interaction.
std::string clocking(const Element* element) {
  std::shared_ptr<Clock> clock = element ? element->provide_clock() : nullptr;
  if (!clock) return "Element has no clocking capabilities.\n";
  return "Clocking Interaction:\n  element provides a clock: " + clock->name() + "\n";
}

// gst-inspect's print_pad_info: the pads an instance has (its Always pads).
std::string pads(const Element* element) {
  std::ostringstream out;
  out << "Pads:\n";
  if (!element || element->pads().empty()) out << "  none\n";
  if (element)
    for (const Pad& pad : element->pads())
      out << "  " << to_string(pad.direction) << ": '" << pad.name << "'\n"
          << "    Pad Template: '" << (pad.templ ? pad.templ->name_template : pad.name) << "'\n";
  return out.str();
}

}  // namespace

std::string describe_property(const PropertySpec& spec) {
  std::string name = spec.name;
  name.resize(std::max<std::size_t>(name.size(), 20), ' ');
  std::ostringstream out;
  out << "  " << name << ": " << spec.blurb << "\n"
      << kIndent << "flags: readable" << (spec.writable ? ", writable" : "") << "\n"
      << kIndent;
  if (spec.type != PropertyType::Enum) {
    out << describe_range(spec) << "\n";
    return out.str();
  }
  out << "Enum. Default: " << enum_default(spec) << "\n";
  for (const auto& e : spec.enum_values) {
    char line[64];
    std::snprintf(line, sizeof line, "(%lld): %-16s - ", static_cast<long long>(e.value),
                  e.nick.c_str());
    out << kIndent << "   " << line << e.description << "\n";
  }
  return out.str();
}

std::string list_elements() {
  std::ostringstream out;
  auto classes = Registry::get().list();
  for (const ElementClass* k : classes) out << k->factory_name << ": " << k->long_name << "\n";
  out << "\nTotal count: " << classes.size() << " element" << (classes.size() == 1 ? "" : "s")
      << "\n";
  return out.str();
}

std::string inspect_element(const ElementClass& klass) {
  std::ostringstream out;
  out << "Factory Details:\n"
      << detail("Long-name", klass.long_name) << detail("Klass", klass.klass)
      << detail("Description", klass.description) << detail("Author", klass.author) << "\n";

  out << "Pad Templates:\n";
  if (klass.pad_templates.empty()) out << "  none\n";
  for (std::size_t i = 0; i < klass.pad_templates.size(); ++i)
    out << (i ? "  \n" : "") << pad_template(klass.pad_templates[i]);
  out << "\n";

  // The instance gst-inspect makes to show clocking and pads; none if the
  // element cannot be made (those sections then say so). Named explicitly so
  // that it takes no number from the "<factory><n>" names of the process.
  ElementPtr element;
  try {
    element = Registry::get().make(klass.factory_name, klass.factory_name);
  } catch (const std::exception&) {
  }
  out << clocking(element.get()) << "Element has no URI handling capabilities.\n\n"
      << pads(element.get()) << "\n";

  out << "Element Properties:\n";
  std::vector<const PropertySpec*> props;
  for (const auto& p : klass.properties) props.push_back(&p);
  std::sort(props.begin(), props.end(),
            [](const PropertySpec* a, const PropertySpec* b) { return a->name < b->name; });
  if (props.empty()) out << "  none\n";
  for (const PropertySpec* p : props) out << describe_property(*p);
  return out.str();
}

}  // namespace gstmini
