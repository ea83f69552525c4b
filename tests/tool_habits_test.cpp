// GStreamer's habits in the tools (issue 13): gstmini-launch's debug
// options and -v lines, gstmini-inspect's options and sections, each
// compared with what gst-launch-1.0 / gst-inspect-1.0 print for the same
// request (GStreamer 1.22, by hand).
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "runtime/registry/registry.hpp"
#include "subprocess.hpp"
#include "tools/inspect/inspect.hpp"
#include "tools/launch/launch_text.hpp"

using namespace gstmini;
using gstmini::test::Subprocess;

namespace {

std::vector<std::string> tool(const std::string& name, std::vector<std::string> args) {
  std::string path = GSTMINI_LAUNCH_PATH;  // the tools are built side by side
  path.replace(path.rfind("gstmini-launch"), std::string("gstmini-launch").size(), name);
  args.insert(args.begin(), path);
  return args;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("gstmini-launch --gstmini-debug-help lists every category with its level and description",
          "[tools][habits]") {
  Subprocess run(tool("gstmini-launch", {"--gstmini-debug-no-color", "--gstmini-debug=queue:5",
                                         "--gstmini-debug-help"}));
  REQUIRE(run.started());
  CHECK(run.finish() == 0);
  const std::string& out = run.out();
  INFO(out << run.err());
  const std::string header =
      "\nname                  level    description\n"
      "---------------------+--------+--------------------------------\n";
  CHECK(out.compare(0, header.size(), header) == 0);
  // The runtime's own categories and one per element factory, in name order.
  CHECK(contains(out, "\npipeline              0   pipeline actor: states, clock, EOS\n"));
  CHECK(contains(out, "\nfakesink              0   Black hole for data\n"));
  CHECK(contains(out, "\nqueue                 5 DEBUG  "));
  for (const ElementClass* klass : Registry::get().list())
    CHECK(contains(out, "\n" + klass->factory_name + " "));
  CHECK(out.find("\nfakesink ") < out.find("\nqueue "));
  CHECK_FALSE(contains(out, "\033["));  // --gstmini-debug-no-color
}

TEST_CASE("gstmini-launch --gstmini-debug and --gstmini-debug-level set the log's thresholds",
          "[tools][habits]") {
  Subprocess run(tool("gstmini-launch",
                      {"--gstmini-debug-no-color", "--gstmini-debug-level", "1",
                       "--gstmini-debug=fakesink:5", "fakesrc", "num-buffers=1", "!", "fakesink"}));
  REQUIRE(run.started());
  CHECK(run.finish() == 0);
  INFO(run.err());
  CHECK(std::regex_search(run.err(), std::regex(R"(DEBUG +fakesink <fakesink0)")));
  CHECK_FALSE(std::regex_search(run.err(), std::regex(R"(DEBUG +pipeline )")));
  CHECK_FALSE(contains(run.err(), "\033["));

  Subprocess bad(
      tool("gstmini-launch", {"--gstmini-debug=queue:loud", "fakesrc", "!", "fakesink"}));
  CHECK(bad.finish() == 1);
  CHECK(contains(bad.err(), "Error initializing: bad debug spec item 'queue:loud'"));

  Subprocess help(tool("gstmini-launch", {"--help"}));
  CHECK(help.finish() == 0);
  for (const char* option :
       {"--no-position", "--force-position", "--gstmini-debug-help", "--gstmini-debug-level=LEVEL",
        "--gstmini-debug=LIST", "--gstmini-debug-no-color"})
    CHECK(contains(help.out(), option));
}

TEST_CASE("gstmini-launch -v shows identity's and fakesink's last-message as GStreamer prints them",
          "[tools][habits]") {
  // gst-launch-1.0 -v fakesrc num-buffers=2 ! identity silent=false ! fakesink silent=false
  Subprocess run(tool("gstmini-launch", {"-v", "fakesrc", "num-buffers=2", "!", "identity",
                                         "silent=false", "!", "fakesink", "silent=false"}));
  REQUIRE(run.started());
  CHECK(run.finish() == 0);
  const std::string& out = run.out();
  INFO(out);
  const std::string identity = "/GstPipeline:pipeline0/GstIdentity:identity0: last-message = ";
  const std::string sink = "/GstPipeline:pipeline0/GstFakeSink:fakesink0: last-message = ";
  CHECK(
      contains(out, identity + "event   ******* (identity0:sink) E (type: stream-start (10254), "));
  CHECK(contains(out, sink + "event   ******* (fakesink0:sink) E (type: segment (17934), "));
  CHECK(contains(out, sink + "preroll   ******* \n"));
  // The first buffer is discont; gstmini's fakesrc numbers buffers in offset
  // (GStreamer's counts bytes, 0 for its empty buffers).
  const std::regex chain(
      R"(GstIdentity:identity0: last-message = chain   \*\*\*\*\*\*\* \(identity0:sink\) \(0 bytes, )"
      R"(dts: (none|[0-9:.]+), pts: (none|[0-9:.]+), duration: (none|[0-9:.]+), offset: 0, )"
      R"(offset_end: 1, flags: 00000040 discont , meta: none\) 0x[0-9a-f]+\n)");
  CHECK(std::regex_search(out, chain));
  const std::regex second(
      R"(GstFakeSink:fakesink0: last-message = chain   \*\*\*\*\*\*\* \(fakesink0:sink\) \(0 bytes, )"
      R"(dts: [^,]+, pts: [^,]+, duration: [^,]+, offset: 1, offset_end: 2, flags: 00000000 , )"
      R"(meta: none\) 0x[0-9a-f]+\n)");
  CHECK(std::regex_search(out, second));
  CHECK(contains(out, sink + "event   ******* (fakesink0:sink) E (type: eos (28174), ) 0x"));
}

TEST_CASE("inspect prints the clocking and Pads sections of gst-inspect", "[tools][habits]") {
  const ElementClass* identity = Registry::get().find("identity");
  REQUIRE(identity);
  const std::string text = inspect_element(*identity);
  CHECK(contains(text,
                 "Element has no clocking capabilities.\n"
                 "Element has no URI handling capabilities.\n\n"
                 "Pads:\n"
                 "  SINK: 'sink'\n    Pad Template: 'sink'\n"
                 "  SRC: 'src'\n    Pad Template: 'src'\n\n"
                 "Element Properties:\n"));
  // Request pads are not made by inspecting: tee shows its sink pad only.
  CHECK(contains(inspect_element(*Registry::get().find("tee")),
                 "Pads:\n  SINK: 'sink'\n    Pad Template: 'sink'\n\n"));
  // Inspecting takes no number from the process's element names.
  auto number = [] { return std::stoi(Registry::get().make("identity")->name().substr(8)); };
  const int before = number();
  inspect_element(*identity);
  CHECK(number() == before + 1);
}

TEST_CASE("gstmini-inspect -a, --exists and --atleast-version", "[tools][habits]") {
  Subprocess all(tool("gstmini-inspect", {"-a"}));
  CHECK(all.finish() == 0);
  for (const ElementClass* klass : Registry::get().list())
    CHECK(contains(all.out(), "  Long-name                " + klass->long_name + "\n"));

  auto code = [](std::vector<std::string> args) {
    Subprocess run(tool("gstmini-inspect", std::move(args)));
    int rc = run.finish();
    CHECK(run.out().empty());
    return rc;
  };
  CHECK(code({"--exists", "identity"}) == 0);
  CHECK(code({"--exists", "coreelements"}) == 0);
  CHECK(code({"--exists", "nosuchelement"}) == 1);
  CHECK(code({"--exists", "--atleast-version=0.1", "identity"}) == 0);
  CHECK(code({"--exists", "--atleast-version", "0.1.0", "identity"}) == 0);
  CHECK(code({"--exists", "--atleast-version=9.0", "identity"}) == 1);
}

TEST_CASE("gstmini-launch -m prints an element message's structure as gst-launch-1.0 does",
          "[tools][habits]") {
  // gst-launch-1.0 -m ... level ! ...:
  //   Got message #41 from element "level0" (element): level, endtime=(guint64)..., ...;
  Structure level("level");
  level.set("peak", 1.5);
  level.set("channels", std::int64_t{2});
  Message m = Message::element("level0", level);
  CHECK(to_string(m.type) == std::string("element"));
  const std::string details = launch::message_details(m);
  CHECK(details.compare(0, 7, "level, ") == 0);
  CHECK(details.back() == ';');
  CHECK(contains(details, "peak=("));
  CHECK(contains(details, "channels=("));
}
