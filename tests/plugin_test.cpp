// Plugins: the built-in elements count as the "coreelements" plugin, and a
// file that is not a plugin is refused with the reason, without stopping
// the registry.
#include <catch2/catch.hpp>

#include <algorithm>

#include "runtime/registry.hpp"

using gstmini::Registry;

TEST_CASE("the core elements are listed as the coreelements plugin", "[plugin]") {
  auto plugins = Registry::get().plugins();
  auto core = std::find_if(plugins.begin(), plugins.end(),
                           [](const Registry::PluginInfo& p) { return p.name == "coreelements"; });
  REQUIRE(core != plugins.end());
  CHECK(std::find(core->features.begin(), core->features.end(), "fakesink") != core->features.end());
}

TEST_CASE("a file that cannot be loaded is reported with the reason", "[plugin]") {
  Registry& registry = Registry::get();
  CHECK_FALSE(registry.load_plugin("/nonexistent/libgstminifoo.so"));
  auto failures = registry.plugin_failures();
  REQUIRE_FALSE(failures.empty());
  CHECK(failures.back().filename == "/nonexistent/libgstminifoo.so");
  CHECK(failures.back().reason.find("No such file") != std::string::npos);
  CHECK(registry.find("fakesink") != nullptr);
}
