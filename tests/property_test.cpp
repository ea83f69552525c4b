#include <catch2/catch.hpp>

#include "runtime/registry/registry.hpp"

using namespace gstmini;

TEST_CASE("properties start at their defaults and read back what was set", "[property]") {
  auto src = make_element("fakesrc", "src");
  CHECK(src->get<std::int64_t>("num-buffers") == -1);
  src->set("num-buffers", 10);
  CHECK(src->get<std::int64_t>("num-buffers") == 10);
  src->set_property_from_string("sizetype", "fixed");
  CHECK(src->get<std::int64_t>("sizetype") == 2);
  src->set_property_from_string("is-live", "yes");
  CHECK(src->get<bool>("is-live"));
}

TEST_CASE("a wrong property name, type, range or text is refused with what was expected",
          "[property]") {
  auto src = make_element("fakesrc", "src");
  CHECK_THROWS_WITH(src->set("num-bufers", 1), "no property 'num-bufers' in element src");
  CHECK_THROWS_WITH(
      src->set("num-buffers", -5),
      "property 'num-buffers' of src expects Integer64 in [-1, 2147483647], got int64 -5");
  CHECK_THROWS_WITH(
      src->set_property_from_string("num-buffers", "ten"),
      "property 'num-buffers' of src expects Integer64 in [-1, 2147483647], got 'ten'");
  CHECK_THROWS_WITH(src->set("is-live", "true"),
                    "property 'is-live' of src expects Boolean, got string true");
  CHECK_THROWS_WITH(
      src->set_property_from_string("sizetype", "huge"),
      "property 'sizetype' of src expects one of empty(1) fixed(2) random(3), got 'huge'");
  auto sink = make_element("fakesink", "sink");
  CHECK_THROWS_WITH(sink->set("rendered", 3), "property 'rendered' of sink is read-only");
  CHECK(src->get<std::int64_t>("num-buffers") == -1);  // nothing changed
}

TEST_CASE("fractions parse like GStreamer's", "[property]") {
  auto src = make_element("livesrc", "cam");
  src->set_property_from_string("framerate", "25/2");
  CHECK(src->get<std::string>("framerate") == "25/2");
  src->set("framerate", "60");
  CHECK(src->get<std::string>("framerate") == "60/1");
  CHECK_THROWS(src->set("framerate", "30/0"));
  CHECK_THROWS(src->set("framerate", "-1/2"));
}

TEST_CASE("gst-inspect style ranges describe type, range and default", "[property]") {
  const ElementClass* klass = Registry::get().find("fakesrc");
  REQUIRE(klass);
  const PropertySpec* spec = nullptr;
  for (const auto& p : klass->properties)
    if (p.name == "num-buffers") spec = &p;
  REQUIRE(spec);
  CHECK(describe_range(*spec) == "Integer64. Range: -1 - 2147483647 Default: -1");
}
