#include <catch2/catch.hpp>

#include "runtime/registry/registry.hpp"
#include "tools/inspect/inspect.hpp"

using namespace gstmini;

TEST_CASE("the element list names every registered factory and counts them", "[tools]") {
  std::string text = list_elements();
  auto classes = Registry::get().list();
  for (const ElementClass* k : classes)
    CHECK(text.find(k->factory_name + ": " + k->long_name + "\n") != std::string::npos);
  CHECK(text.find("Total count: " + std::to_string(classes.size()) + " elements\n") !=
        std::string::npos);
}

TEST_CASE("inspecting fakesrc prints factory details, pad templates and properties", "[tools]") {
  const ElementClass* klass = Registry::get().find("fakesrc");
  REQUIRE(klass);
  std::string text = inspect_element(*klass);
  CHECK(text.find("Factory Details:\n  Long-name                Fake Source\n"
                  "  Klass                    Source\n") != std::string::npos);
  CHECK(text.find("Pad Templates:\n  SRC template: 'src'\n    Availability: Always\n"
                  "    Capabilities:\n      ANY\n") != std::string::npos);
  CHECK(text.find("  num-buffers         : Number of buffers to output before sending EOS "
                  "(-1 = unlimited)\n                        flags: readable, writable\n"
                  "                        Integer64. Range: -1 - 2147483647 Default: -1\n") !=
        std::string::npos);
  CHECK(text.find("Enum. Default: 1, \"empty\"\n"
                  "                           (1): empty            - Send empty buffers\n") !=
        std::string::npos);
  // Sorted like gst-inspect: num-buffers before sizetype.
  CHECK(text.find("  num-buffers") < text.find("  sizetype"));
}

TEST_CASE("inspect shows request templates and read-only statistics", "[tools]") {
  const ElementClass* tee = Registry::get().find("tee");
  REQUIRE(tee);
  CHECK(inspect_element(*tee).find("  SRC template: 'src_%u'\n    Availability: On request\n") !=
        std::string::npos);
  PropertySpec stat = PropertySpec::uint64("dropped", 0, 0, 100, "Dropped buffers").read_only();
  std::string text = describe_property(stat);
  CHECK(text.find("flags: readable\n") != std::string::npos);
  CHECK(text.find("writable") == std::string::npos);
}

TEST_CASE("unranged property types read like gst-inspect's", "[tools]") {
  CHECK(describe_range(PropertySpec::boolean("silent", true, "Quiet")) == "Boolean. Default: true");
  CHECK(describe_range(PropertySpec::string("location", "x", "Where")) == "String. Default: \"x\"");
}

TEST_CASE("pad template caps print one field per line like gst-inspect", "[tools]") {
  Caps caps = Caps::from_string("video/x-raw, format=(string){ RGB, I420 }, width=(int)[ 1, 100 ]");
  CHECK(describe_caps(caps, "      ") ==
        "      video/x-raw\n"
        "                 format: { RGB, I420 }\n"
        "                  width: [ 1, 100 ]\n");
  CHECK(describe_caps(Caps::any(), "  ") == "  ANY\n");
  const ElementClass* livesrc = Registry::get().find("livesrc");
  REQUIRE(livesrc);
  CHECK(inspect_element(*livesrc).find("    Capabilities:\n      video/x-raw\n") !=
        std::string::npos);
}
