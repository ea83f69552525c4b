#include <catch2/catch.hpp>

#include "runtime/debug/log.hpp"

using namespace gstmini;

TEST_CASE("debug specs follow GStreamer's grammar: later entries win, names and numbers", "[log]") {
  DebugCategory& queue = debug_category("logtest-queue");
  DebugCategory& fake = debug_category("logtest-fakesink");
  REQUIRE(debug_set_threshold_from_string("*:2,logtest-q*:6,logtest-fakesink:INFO"));
  CHECK(queue.threshold() == DebugLevel::Log);
  CHECK(fake.threshold() == DebugLevel::Info);
  CHECK(fake.enabled(DebugLevel::Warning));
  CHECK_FALSE(fake.enabled(DebugLevel::Debug));
  // A category created later picks up the current spec.
  CHECK(debug_category("logtest-other").threshold() == DebugLevel::Warning);  // from "*:2"
  REQUIRE(debug_set_threshold_from_string("5"));
  CHECK(queue.threshold() == DebugLevel::Debug);
}

TEST_CASE("a malformed debug spec is refused and changes nothing", "[log]") {
  DebugCategory& cat = debug_category("logtest-keep");
  REQUIRE(debug_set_threshold_from_string("logtest-keep:4"));
  std::string error;
  CHECK_FALSE(debug_set_threshold_from_string("logtest-keep:loud", &error));
  CHECK(error == "bad debug spec item 'logtest-keep:loud' (expected category:level)");
  CHECK(cat.threshold() == DebugLevel::Info);
  debug_set_threshold_from_string("");
}
