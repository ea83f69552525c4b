// gstmini-launch and faults found by running it (issue 9, item 8): a loop
// in the launch line is refused with a clear error, and SIGINT ends the
// program whatever it is doing, also while a large pipeline is built.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "subprocess.hpp"

using gstmini::test::Subprocess;

namespace {

std::vector<std::string> launch_args(std::vector<std::string> args) {
  args.insert(args.begin(), GSTMINI_LAUNCH_PATH);
  return args;
}

}  // namespace

TEST_CASE("gstmini-launch refuses a loop through a queue instead of running it", "[tools][graph]") {
  Subprocess run(launch_args({"fakesrc", "num-buffers=3", "!", "funnel", "name=f", "!", "queue",
                              "!", "tee", "name=t", "t.", "!", "f.", "t.", "!", "fakesink"}));
  REQUIRE(run.started());
  CHECK(run.finish(std::chrono::seconds(20)) == 1);
  INFO(run.out() << run.err());
  CHECK(run.err().find("could not link t to f") != std::string::npos);
  CHECK(run.err().find("loop") != std::string::npos);
}

TEST_CASE("SIGINT ends gstmini-launch while it is still building the pipeline", "[tools]") {
  std::vector<std::string> args{"fakesrc", "!"};
  for (int i = 0; i < 3000; ++i) args.insert(args.end(), {"identity", "!"});
  args.emplace_back("fakesink");
  Subprocess run(launch_args(args));
  REQUIRE(run.started());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // inside the build, usually
  const auto sent = std::chrono::steady_clock::now();
  run.signal_child(SIGINT);
  run.finish(std::chrono::seconds(30));  // killed at the deadline if SIGINT was lost
  CHECK(std::chrono::steady_clock::now() - sent < std::chrono::seconds(25));
}
