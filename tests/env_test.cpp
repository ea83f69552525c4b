// Environment knobs are range-checked: a bad value is reported once, naming
// the variable, the value and the accepted range, and ignored (issue 9,
// item 9: GSTMINI_THREADS=-5 segfaulted, =5000 ran away,
// GSTMINI_MAX_THROUGHPUT=0 hung forever).
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <algorithm>
#include <thread>

#include "runtime/env.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/runtime.hpp"
#include "subprocess.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {

// Sets a variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_.empty())
      unsetenv(name_);
    else
      setenv(name_, old_.c_str(), 1);
  }

 private:
  const char* name_;
  std::string old_;
};

std::size_t warnings_about(const std::string& text) {
  auto all = env_warnings();
  return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [&](const std::string& w) {
    return w.find(text) != std::string::npos;
  }));
}

unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace

TEST_CASE("integers parse only whole and in range", "[env]") {
  std::string why;
  CHECK(parse_integer_in_range("4", 1, 8) == 4);
  CHECK(parse_integer_in_range(" 8 ", 1, 8) == 8);
  CHECK_FALSE(parse_integer_in_range("0", 1, 8, &why));
  CHECK(why == "out of range");
  CHECK_FALSE(parse_integer_in_range("-5", 1, 8));
  CHECK_FALSE(parse_integer_in_range("99999999999999999999999", 1, 8, &why));
  CHECK(why == "out of range");
  CHECK_FALSE(parse_integer_in_range("4x", 1, 8, &why));
  CHECK(why == "not a whole number");
  CHECK_FALSE(parse_integer_in_range("", 1, 8));
  CHECK_FALSE(parse_integer_in_range("2.5", 1, 8));
}

TEST_CASE("a bad knob is reported once with its name, value and range, then ignored", "[env]") {
  ScopedEnv env("GSTMINI_THREADS", "-5");
  CHECK(RuntimeOptions::from_env().threads == 0);  // the default: one worker per core
  CHECK(RuntimeOptions::from_env().threads == 0);
  CHECK(warnings_about("GSTMINI_THREADS=\"-5\" ignored: out of range (accepted: 1..256)") == 1);
}

TEST_CASE("GSTMINI_THREADS=-5 or 5000 starts the runtime with one worker per core", "[env]") {
  for (const char* bad : {"-5", "5000", "many"}) {
    ScopedEnv env("GSTMINI_THREADS", bad);
    auto pipeline = parse_launch("fakesrc num-buffers=10 ! fakesink");
    REQUIRE(runtime_info().running);
    CHECK(runtime_info().threads == cores());
    auto msg = test::play_until_end(*pipeline, {});
    REQUIRE(msg);
    CHECK(msg->type == MessageType::Eos);
    CHECK(warnings_about(std::string("GSTMINI_THREADS=\"") + bad + "\" ignored") == 1);
  }
}

TEST_CASE("GSTMINI_THREADS in range sets the worker count", "[env]") {
  ScopedEnv env("GSTMINI_THREADS", "3");
  auto pipeline = parse_launch("fakesrc num-buffers=10 ! fakesink");
  CHECK(runtime_info().threads == 3);
}

TEST_CASE("GSTMINI_MAX_THROUGHPUT=0 is ignored instead of hanging", "[env]") {
  ScopedEnv env("GSTMINI_MAX_THROUGHPUT", "0");
  auto pipeline = parse_launch("fakesrc num-buffers=100 ! fakesink");
  CHECK(runtime_info().max_throughput == 32);
  auto msg = test::play_until_end(*pipeline, {});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(warnings_about(
            "GSTMINI_MAX_THROUGHPUT=\"0\" ignored: out of range (accepted: 1..1000000)") == 1);
}

TEST_CASE("GSTMINI_WINDOW out of range keeps the receiver's credit", "[env]") {
  for (const char* bad : {"-1", "65537", "4294967297", "big"}) {
    ScopedEnv env("GSTMINI_WINDOW", bad);
    CHECK(PipelineOptions::from_env().window == 0);
    CHECK(warnings_about(std::string("GSTMINI_WINDOW=\"") + bad + "\" ignored") == 1);
  }
  ScopedEnv good("GSTMINI_WINDOW", "64");
  CHECK(PipelineOptions::from_env().window == 64);
}

TEST_CASE("GSTMINI_STRICT=1 makes every link lock-step", "[env]") {
  CHECK_FALSE(PipelineOptions::from_env().strict);
  {
    ScopedEnv strict("GSTMINI_STRICT", "1");
    CHECK(PipelineOptions::from_env().strict);
    auto pipeline = parse_launch("fakesrc num-buffers=1 ! queue ! fakesink");
    for (const LinkInfo& link : pipeline->links()) CHECK(link.window == 1);
  }
  ScopedEnv bad("GSTMINI_STRICT", "yes");
  CHECK_FALSE(PipelineOptions::from_env().strict);
  CHECK(warnings_about("GSTMINI_STRICT=\"yes\" ignored") == 1);
}

TEST_CASE("a bad GSTMINI_TRACERS is reported once and statistics stay off", "[env][stats]") {
  ScopedEnv env("GSTMINI_TRACERS", "stats(interval=1e30s)");
  CHECK_FALSE(StatsOptions::from_env().enabled);
  CHECK_FALSE(StatsOptions::from_env().enabled);
  CHECK(warnings_about("GSTMINI_TRACERS=\"stats(interval=1e30s)\" ignored") == 1);
}

TEST_CASE("gstmini-launch reports a bad knob on stderr and runs with the default", "[env][tools]") {
  test::Subprocess run({GSTMINI_LAUNCH_PATH, "fakesrc", "num-buffers=5", "!", "fakesink"},
                       {"GSTMINI_MAX_THROUGHPUT=0", "GSTMINI_THREADS=5000"});
  REQUIRE(run.started());
  CHECK(run.finish() == 0);
  INFO(run.out() << run.err());
  CHECK(
      run.err().find("GSTMINI_MAX_THROUGHPUT=\"0\" ignored: out of range (accepted: 1..1000000)") !=
      std::string::npos);
  CHECK(run.err().find("GSTMINI_THREADS=\"5000\" ignored: out of range (accepted: 1..256)") !=
        std::string::npos);
}
