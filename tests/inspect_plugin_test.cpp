// gstmini-inspect and plugins, as gst-inspect-1.0 shows them: the list of
// plugin features, "Plugin Details", and plugins that fail to load reported
// with the reason while the others still load. The tool runs as a
// subprocess with GSTMINI_PLUGIN_PATH at build/test-plugins (one plugin that
// loads, one with an unresolved symbol, one built for another plugin ABI).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "subprocess.hpp"
#include "tools/inspect/inspect_plugin.hpp"

using gstmini::test::Subprocess;

namespace {

std::vector<std::string> inspect_args(std::vector<std::string> args) {
  args.insert(args.begin(), GSTMINI_INSPECT_PATH);
  return args;
}
// Only the test plugins: the build tree's own plugins stay out of the counts.
const std::vector<std::string> kTestPluginEnv{"GSTMINI_PLUGIN_PATH=" GSTMINI_TEST_PLUGIN_DIR,
                                              "GSTMINI_PLUGIN_SYSTEM_PATH="};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("gstmini-inspect lists plugin features and reports plugins that fail to load",
          "[plugin][tools]") {
  Subprocess run(inspect_args({}), kTestPluginEnv);
  REQUIRE(run.started());
  CHECK(run.finish() == 0);
  INFO(run.out() << run.err());
  CHECK(contains(run.out(), "coreelements:  fakesink: Fake Sink\n"));
  CHECK(contains(run.out(), "goodplugin:  testpassthrough: Test passthrough\n"));
  CHECK(contains(run.out(), "\nTotal count: 2 plugins (2 blacklist entries not shown), "));
  CHECK(contains(run.err(), "WARNING: Failed to load plugin '" GSTMINI_TEST_PLUGIN_DIR
                            "/libgstminimissingsymbol.so': "));
  CHECK(contains(run.err(), "undefined symbol"));
  CHECK(contains(run.err(), "libgstminiwrongabi.so': built for plugin ABI 999"));
  CHECK_FALSE(contains(run.out(), "missingsymbol:"));
}

TEST_CASE("gstmini-inspect PLUGIN prints Plugin Details and the plugin's features",
          "[plugin][tools]") {
  Subprocess run(inspect_args({"goodplugin"}), kTestPluginEnv);
  REQUIRE(run.started());
  CHECK(run.finish() == 0);
  INFO(run.out() << run.err());
  CHECK(run.out() ==
        "Plugin Details:\n"
        "  Name                     goodplugin\n"
        "  Description              A test plugin that loads\n"
        "  Filename                 " GSTMINI_TEST_PLUGIN_DIR
        "/libgstminigoodplugin.so\n"
        "  Version                  1.2.3\n"
        "  License                  MIT\n"
        "  Source module            gstmini-tests\n"
        "  Binary package           gstmini test package\n"
        "  Origin URL               https://example.org/tests\n"
        "\n"
        "  testpassthrough: Test passthrough\n"
        "\n"
        "  1 feature:\n"
        "  +-- 1 element\n"
        "\n");
}

TEST_CASE("gstmini-inspect coreelements lists the built-in elements as a plugin",
          "[plugin][tools]") {
  Subprocess run(inspect_args({"coreelements"}), {"GSTMINI_PLUGIN_SYSTEM_PATH="});
  REQUIRE(run.started());
  CHECK(run.finish() == 0);
  INFO(run.out() << run.err());
  CHECK(contains(run.out(), "  Filename                 (built into libgstmini)\n"));
  CHECK(contains(run.out(), "  queue: Queue\n"));
  CHECK(run.err().empty());
}

TEST_CASE("gstmini-inspect -b and a plugin file name give the reason a plugin failed",
          "[plugin][tools]") {
  Subprocess blacklist(inspect_args({"-b"}), kTestPluginEnv);
  REQUIRE(blacklist.started());
  CHECK(blacklist.finish() == 0);
  CHECK(contains(blacklist.out(), "Blacklisted files:\n"));
  CHECK(contains(blacklist.out(), "libgstminiwrongabi.so: built for plugin ABI 999, not "));
  CHECK(contains(blacklist.out(), "Total count: 2 blacklisted files\n"));

  Subprocess file(inspect_args({GSTMINI_TEST_PLUGIN_DIR "/libgstminiwrongabi.so"}),
                  {"GSTMINI_PLUGIN_SYSTEM_PATH="});
  REQUIRE(file.started());
  CHECK(file.finish() == 1);
  CHECK(contains(file.err(), "Could not load plugin file: built for plugin ABI 999"));

  Subprocess unknown(inspect_args({"nosuchthing"}), {"GSTMINI_PLUGIN_SYSTEM_PATH="});
  REQUIRE(unknown.started());
  CHECK(unknown.finish() == 1);
  CHECK(unknown.err() == "No such element or plugin 'nosuchthing'\n");
}
