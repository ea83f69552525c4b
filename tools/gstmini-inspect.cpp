// gstmini-inspect: like gst-inspect-1.0.
//
//   gstmini-inspect                    every plugin's features ("plugin:  element: Long name"),
//                                      then the count
//   gstmini-inspect fakesrc            an element: factory details, pad templates, clocking,
//                                      pads, properties
//   gstmini-inspect coreelements       a plugin: "Plugin Details" and its features
//   gstmini-inspect ./libgstminix.so   a plugin file, loaded now (the reason if it cannot be)
//   gstmini-inspect -a                 the details of every element
//   gstmini-inspect -b                 plugin files that failed to load, with the reason
//   gstmini-inspect --exists NAME      exit 0 if the element or plugin exists,
//     [--atleast-version=1.2]          (and its plugin's version is at least
//                                      that), else 1; prints nothing
//
// Plugins that fail to load are reported on stderr and never stop the others.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/registry/registry.hpp"
#include "tools/inspect/inspect.hpp"
#include "tools/inspect/inspect_plugin.hpp"

namespace {

using namespace gstmini;

constexpr const char* kProgram = "gstmini-inspect";

struct Options {
  bool all = false, exists = false, blacklist = false;
  std::string atleast_version;
  std::vector<std::string> names;
};

void usage() {
  std::cout << "Usage:\n  " << kProgram << " [OPTION...] [ELEMENT-NAME | PLUGIN-NAME]\n\n"
            << "Help Options:\n"
            << "  -h, --help                           Show help options\n\n"
            << "Application Options:\n"
            << "  -a, --print-all                      Print all elements\n"
            << "  -b, --print-blacklist                Print list of blacklisted files\n"
            << "  --exists                             Check if the specified element or plugin "
               "exists\n"
            << "  --atleast-version                    When checking if an element or plugin "
               "exists, also check that its version is at least the version specified\n"
            << "  --version                            Print version information and exit\n";
}

// "1.2.3" as numbers; a missing part counts as 0. False if not numeric.
bool parse_version(const std::string& text, std::vector<unsigned long>* parts) {
  std::istringstream in(text);
  std::string part;
  parts->clear();
  while (std::getline(in, part, '.')) {
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) return false;
    parts->push_back(std::stoul(part));
  }
  while (parts->size() < 3) parts->push_back(0);
  return !text.empty();
}

// The plugin that is `name` or provides the element `name`; null if none.
const Registry::PluginInfo* plugin_providing(const std::vector<Registry::PluginInfo>& plugins,
                                             const std::string& name) {
  for (const auto& plugin : plugins) {
    if (plugin.name == name) return &plugin;
    for (const std::string& feature : plugin.features)
      if (feature == name) return &plugin;
  }
  return nullptr;
}

// gst-inspect --exists: 0 when present (and new enough), 1 otherwise.
int exists(const Options& options) {
  if (options.names.size() != 1) {
    std::cerr << "--exists needs exactly one element or plugin name\n";
    return 1;
  }
  const std::string& name = options.names.front();
  const auto plugins = Registry::get().plugins();
  const Registry::PluginInfo* plugin = plugin_providing(plugins, name);
  if (!plugin && !Registry::get().find(name)) return 1;
  if (options.atleast_version.empty()) return 0;
  std::vector<unsigned long> wanted, have;
  if (!parse_version(options.atleast_version, &wanted)) {
    std::cerr << "Invalid version: " << options.atleast_version << "\n";
    return 1;
  }
  if (!plugin || !parse_version(plugin->version, &have)) return 1;
  return have >= wanted ? 0 : 1;
}

// Returns -1 to go on, else the exit code.
int parse_options(int argc, char** argv, Options* options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    } else if (arg == "--version") {
      std::cout << kProgram << " version 0.1.0\n";
      return 0;
    } else if (arg == "-b" || arg == "--print-blacklist") {
      options->blacklist = true;
    } else if (arg == "-a" || arg == "--print-all") {
      options->all = true;
    } else if (arg == "--exists") {
      options->exists = true;
    } else if (arg.compare(0, 18, "--atleast-version=") == 0) {
      options->atleast_version = arg.substr(18);
    } else if (arg == "--atleast-version" && i + 1 < argc) {
      options->atleast_version = argv[++i];
    } else if (arg.size() > 1 && arg[0] == '-') {
      std::cerr << "Error initializing: Unknown option " << arg << "\n";
      return 1;
    } else {
      options->names.push_back(arg);
    }
  }
  return -1;
}

// ---- plugins -------------------------------------------------------------

int print_plugin_list() {
  Registry& registry = Registry::get();
  std::cerr << plugin_failure_warnings(registry);
  std::cout << list_plugin_features(registry);
  return 0;
}

int print_blacklist() {
  std::cout << list_blacklist(Registry::get());
  return 0;
}

bool print_plugin_named(const std::string& name) {
  Registry& registry = Registry::get();
  const auto plugins = registry.plugins();
  const Registry::PluginInfo* plugin = find_plugin(plugins, name);
  if (!plugin) return false;
  std::cout << inspect_plugin(registry, *plugin);
  return true;
}

// A path (with a '/' or ending in ".so"): load that file as gst-inspect does.
bool looks_like_file(const std::string& arg) {
  return arg.find('/') != std::string::npos ||
         (arg.size() > 3 && arg.compare(arg.size() - 3, 3, ".so") == 0);
}

int print_plugin_file(const std::string& path) {
  Registry& registry = Registry::get();
  for (const auto& plugin : registry.plugins())  // already loaded from the plugin path
    if (plugin.filename == path) return print_plugin_named(plugin.name) ? 0 : 1;
  if (!registry.load_plugin(path)) {
    std::cerr << "Could not load plugin file: " << registry.plugin_failures().back().reason << "\n";
    return 1;
  }
  return print_plugin_named(registry.plugins().back().name) ? 0 : 1;
}

// ---- elements and plugins by name ----------------------------------------

int inspect_name(const std::string& name) {
  if (looks_like_file(name)) return print_plugin_file(name);
  if (const ElementClass* klass = Registry::get().find(name)) {
    std::cout << inspect_element(*klass);
    return 0;
  }
  if (print_plugin_named(name)) return 0;
  std::cerr << "No such element or plugin '" << name << "'\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (int code = parse_options(argc, argv, &options); code >= 0) return code;
  if (options.exists) return exists(options);
  if (options.blacklist) return print_blacklist();
  if (options.all) {
    for (const ElementClass* klass : Registry::get().list())
      std::cout << inspect_element(*klass) << "\n";
    return 0;
  }
  if (options.names.empty()) return print_plugin_list();
  int status = 0;
  for (const std::string& name : options.names) status |= inspect_name(name);
  return status;
}
