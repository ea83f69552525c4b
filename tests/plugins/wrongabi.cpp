// A plugin built against another plugin ABI: its descriptor says 999. The
// registry must refuse it with the reason, without calling its init.
#include <stdexcept>

#include "runtime/registry/plugin.hpp"
#include "runtime/registry/registry.hpp"

namespace {
void plugin_init(gstmini::Registry&) { throw std::logic_error("init of a refused plugin ran"); }
}  // namespace

extern "C" __attribute__((visibility("default"))) const ::gstmini::PluginDesc*
gstmini_plugin_desc() {
  static const ::gstmini::PluginDesc desc{999,     "wrongabi", "Built for another plugin ABI",
                                          "0.0.1", "LGPL",     "tests",
                                          "tests", "",         plugin_init};
  return &desc;
}
