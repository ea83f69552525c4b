#include "tools/inspect/inspect_plugin.hpp"

#include <algorithm>
#include <sstream>

#include "tools/inspect/inspect_detail.hpp"

namespace gstmini {
namespace {

using inspect::detail;

std::string long_name(Registry& registry, const std::string& feature) {
  const ElementClass* klass = registry.find(feature);
  return klass ? klass->long_name : std::string{};
}

std::vector<std::string> sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

const Registry::PluginInfo* find_plugin(const std::vector<Registry::PluginInfo>& plugins,
                                        const std::string& name) {
  for (const auto& plugin : plugins)
    if (plugin.name == name) return &plugin;
  return nullptr;
}

std::string list_plugin_features(Registry& registry) {
  auto plugins = registry.plugins();
  std::sort(plugins.begin(), plugins.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  std::ostringstream out;
  std::size_t features = 0;
  for (const auto& plugin : plugins)
    for (const std::string& feature : sorted(plugin.features)) {
      out << plugin.name << ":  " << feature << ": " << long_name(registry, feature) << "\n";
      ++features;
    }
  const std::size_t failed = registry.plugin_failures().size();
  out << "\nTotal count: " << plural(plugins.size(), "plugin", "plugins");
  if (failed)
    out << " (" << plural(failed, "blacklist entry", "blacklist entries") << " not shown)";
  out << ", " << plural(features, "feature", "features") << "\n";
  return out.str();
}

std::string inspect_plugin(Registry& registry, const Registry::PluginInfo& plugin) {
  std::ostringstream out;
  out << "Plugin Details:\n"
      << detail("Name", plugin.name) << detail("Description", plugin.description)
      << detail("Filename", plugin.filename.empty() ? "(built into libgstmini)" : plugin.filename)
      << detail("Version", plugin.version) << detail("License", plugin.license)
      << detail("Source module", plugin.source) << detail("Binary package", plugin.package)
      << detail("Origin URL", plugin.origin) << "\n";
  const auto features = sorted(plugin.features);
  for (const std::string& feature : features)
    out << "  " << feature << ": " << long_name(registry, feature) << "\n";
  out << "\n  " << plural(features.size(), "feature", "features") << ":\n"
      << "  +-- " << plural(features.size(), "element", "elements") << "\n\n";
  return out.str();
}

std::string list_blacklist(Registry& registry) {
  const auto failures = registry.plugin_failures();
  std::ostringstream out;
  out << "Blacklisted files:\n";
  for (const auto& failure : failures)
    out << "  " << failure.filename << ": " << failure.reason << "\n";
  out << "\nTotal count: " << plural(failures.size(), "blacklisted file", "blacklisted files")
      << "\n";
  return out.str();
}

std::string plugin_failure_warnings(Registry& registry) {
  std::ostringstream out;
  for (const auto& failure : registry.plugin_failures())
    out << "WARNING: Failed to load plugin '" << failure.filename << "': " << failure.reason
        << "\n";
  return out.str();
}

}  // namespace gstmini
