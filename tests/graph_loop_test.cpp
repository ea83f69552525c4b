// Loops in the graph (issue 9, item 8): data going round a loop never
// drains, so a link that would close one is refused with an error naming
// both ends; a launch line with a loop fails to build instead of growing
// without end.
#include <catch2/catch.hpp>

#include "runtime/launch/parse_launch.hpp"
#include "test_util.hpp"

using namespace gstmini;

TEST_CASE("a link that would close a loop is refused, naming both ends", "[graph]") {
  Pipeline pipeline("p");
  auto a = make_element("funnel", "a");
  auto b = make_element("queue", "b");
  auto c = make_element("tee", "c");
  for (const ElementPtr& e : {a, b, c}) pipeline.add(e);
  pipeline.link_many({a, b, c});
  CHECK_THROWS_WITH(pipeline.link(c, a), Catch::Contains("could not link c to a") &&
                                             Catch::Contains("loop") &&
                                             Catch::Contains("a already flows to c"));
  CHECK(pipeline.links().size() == 2);
}

TEST_CASE("a launch line with a loop through a queue fails to build", "[graph]") {
  CHECK_THROWS_WITH(
      parse_launch("fakesrc num-buffers=3 ! funnel name=f ! queue ! tee name=t t. ! f. t. ! "
                   "fakesink"),
      Catch::Contains("loop"));
}

TEST_CASE("state changes order a wide graph sinks first", "[graph][state]") {
  // A tee with many branches and a long chain: the order puts every element
  // after all the elements it pushes to (checked through the bus: every
  // sink reaches PAUSED, and the pipeline prerolls).
  std::string line = "fakesrc num-buffers=1 ! tee name=t";
  for (int i = 0; i < 50; ++i) line += " t. ! queue ! identity ! identity ! fakesink";
  auto pipeline = parse_launch(line);
  pipeline->set_state(State::Playing);
  auto end = test::wait_eos_or_error(*pipeline);
  REQUIRE(end);
  CHECK(end->type == MessageType::Eos);
  pipeline->set_state(State::Null);
}
