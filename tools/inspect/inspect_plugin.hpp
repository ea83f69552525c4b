// Plugin text for gstmini-inspect, in gst-inspect-1.0's layout (kept here,
// apart from the element text in tools/inspect/inspect.hpp, so tests can check it).
//
//   gstmini-inspect                  list_plugin_features(): "plugin:  element: Long name"
//                                    per feature, then "Total count: ..."
//   gstmini-inspect coreelements     inspect_plugin(): "Plugin Details" and its features
//   gstmini-inspect -b               list_blacklist(): plugin files that failed, with why
//
// A plugin that fails to load (a missing symbol, another plugin ABI, an init
// that throws) never hides the others: it is left out of the lists above and
// counted as a blacklist entry, as gst-inspect-1.0 does.
#pragma once

#include <string>

#include "runtime/registry/registry.hpp"

namespace gstmini {

// Every feature of every plugin, sorted by plugin then feature, then
// "Total count: N plugins (M blacklist entries not shown), K features".
std::string list_plugin_features(Registry& registry);
// "Plugin Details" (Name, Description, Filename, Version, License, Source
// module, Binary package, Origin URL), its features, and their count.
std::string inspect_plugin(Registry& registry, const Registry::PluginInfo& plugin);
// "Blacklisted files:" with each file's reason, then the count.
std::string list_blacklist(Registry& registry);
// One line per plugin that failed to load, for stderr, as GStreamer warns:
// "WARNING: Failed to load plugin '/path/libgstminix.so': <reason>".
std::string plugin_failure_warnings(Registry& registry);
// The loaded plugin called `name`, or nullptr.
const Registry::PluginInfo* find_plugin(const std::vector<Registry::PluginInfo>& plugins,
                                        const std::string& name);

}  // namespace gstmini
