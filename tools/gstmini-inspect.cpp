// gstmini-inspect: like gst-inspect-1.0.
//
//   gstmini-inspect                every plugin's features ("plugin:  element: Long name"), the
//   count gstmini-inspect fakesrc        an element: factory details, pad templates, properties
//   gstmini-inspect coreelements   a plugin: "Plugin Details" and its features
//   gstmini-inspect ./libgstminix.so   a plugin file, loaded now (the reason if it cannot be)
//   gstmini-inspect -b             plugin files that failed to load, with the reason
//
// Plugins that fail to load are reported on stderr and never stop the others.
#include <cstring>
#include <iostream>
#include <string>

#include "runtime/inspect.hpp"
#include "runtime/inspect_plugin.hpp"
#include "runtime/registry.hpp"

namespace {

using gstmini::Registry;

bool is_option(const char* arg, const char* short_name, const char* long_name) {
  return std::strcmp(arg, short_name) == 0 || std::strcmp(arg, long_name) == 0;
}

// ---- plugins -------------------------------------------------------------

int print_plugin_list() {
  Registry& registry = Registry::get();
  std::cerr << gstmini::plugin_failure_warnings(registry);
  std::cout << gstmini::list_plugin_features(registry);
  return 0;
}

int print_blacklist() {
  std::cout << gstmini::list_blacklist(Registry::get());
  return 0;
}

bool print_plugin_named(const std::string& name) {
  Registry& registry = Registry::get();
  const auto plugins = registry.plugins();
  const Registry::PluginInfo* plugin = gstmini::find_plugin(plugins, name);
  if (!plugin) return false;
  std::cout << gstmini::inspect_plugin(registry, *plugin);
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
  if (const gstmini::ElementClass* klass = Registry::get().find(name)) {
    std::cout << gstmini::inspect_element(*klass);
    return 0;
  }
  if (print_plugin_named(name)) return 0;
  std::cerr << "No such element or plugin '" << name << "'\n";
  return 1;
}

void print_usage(const char* argv0) {
  std::cout << "Usage:\n  " << argv0
            << " [OPTION...] [ELEMENT-NAME | PLUGIN-NAME | PLUGIN-FILE]\n\n"
            << "Without arguments, lists every plugin and its features; with a name, describes\n"
            << "that element or plugin.\n\n"
            << "Options:\n"
            << "  -b, --print-blacklist   Print plugin files that failed to load, with the reason\n"
            << "  -h, --help              Show this help\n\n"
            << "Plugins are loaded from GSTMINI_PLUGIN_PATH (colon-separated folders) and the\n"
            << "system folder (GSTMINI_PLUGIN_SYSTEM_PATH replaces it).\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && is_option(argv[1], "-h", "--help")) {
    print_usage(argv[0]);
    return 0;
  }
  if (argc > 1 && is_option(argv[1], "-b", "--print-blacklist")) return print_blacklist();
  if (argc < 2) return print_plugin_list();
  int status = 0;
  for (int i = 1; i < argc; ++i) status |= inspect_name(argv[i]);
  return status;
}
