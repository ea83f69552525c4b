// Plugins: the built-in elements count as the "coreelements" plugin, and a
// file that is not a plugin is refused with the reason, without stopping
// the registry.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "runtime/registry/plugin.hpp"
#include "runtime/registry/registry.hpp"

using gstmini::Registry;

TEST_CASE("the core elements are listed as the coreelements plugin", "[plugin]") {
  auto plugins = Registry::get().plugins();
  auto core = std::find_if(plugins.begin(), plugins.end(),
                           [](const Registry::PluginInfo& p) { return p.name == "coreelements"; });
  REQUIRE(core != plugins.end());
  CHECK(std::find(core->features.begin(), core->features.end(), "fakesink") !=
        core->features.end());
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

// The plugins built by the test CMake (tests/plugins/) into build/test-plugins.
static std::string test_plugin(const std::string& name) {
  return std::string(GSTMINI_TEST_PLUGIN_DIR) + "/libgstmini" + name + ".so";
}

TEST_CASE("a plugin with an unresolved symbol is refused with the symbol's name", "[plugin]") {
  Registry& registry = Registry::get();
  CHECK_FALSE(registry.load_plugin(test_plugin("missingsymbol")));
  const auto failure = registry.plugin_failures().back();
  CHECK(failure.filename == test_plugin("missingsymbol"));
  CHECK(failure.reason.find("undefined symbol") != std::string::npos);
  CHECK(failure.reason.find("gstmini_test_function_nobody_defines") != std::string::npos);
  auto plugins = registry.plugins();
  CHECK(std::none_of(plugins.begin(), plugins.end(),
                     [](const Registry::PluginInfo& p) { return p.name == "missingsymbol"; }));
}

TEST_CASE("a plugin built for another plugin ABI is refused before its init runs", "[plugin]") {
  Registry& registry = Registry::get();
  CHECK_FALSE(registry.load_plugin(test_plugin("wrongabi")));  // its init would throw
  CHECK(registry.plugin_failures().back().reason ==
        "built for plugin ABI 999, not " + std::to_string(gstmini::kPluginAbiVersion));
}

TEST_CASE("a plugin loads next to broken ones and its element is made by name", "[plugin]") {
  Registry& registry = Registry::get();
  CHECK_FALSE(registry.load_plugin(test_plugin("missingsymbol")));
  if (!registry.find("testpassthrough")) REQUIRE(registry.load_plugin(test_plugin("goodplugin")));
  auto plugins = registry.plugins();
  auto good = std::find_if(plugins.begin(), plugins.end(),
                           [](const Registry::PluginInfo& p) { return p.name == "goodplugin"; });
  REQUIRE(good != plugins.end());
  CHECK(good->filename == test_plugin("goodplugin"));
  CHECK(good->version == "1.2.3");
  CHECK(good->license == "MIT");
  CHECK(good->source == "gstmini-tests");
  CHECK(good->package == "gstmini test package");
  CHECK(good->origin == "https://example.org/tests");
  CHECK(good->features == std::vector<std::string>{"testpassthrough"});
  CHECK(gstmini::make_element("testpassthrough")->name() == "testpassthrough0");
  // Loading it again is refused: one plugin per name.
  CHECK_FALSE(registry.load_plugin(test_plugin("goodplugin")));
  CHECK(registry.plugin_failures().back().reason ==
        "a plugin named \"goodplugin\" is already loaded");
}
