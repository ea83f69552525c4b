// One actor runtime per process (DESIGN invariant 8): every Pipeline shares
// it, it stops after the last one and starts again for the next.
#include <catch2/catch.hpp>

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "actors/actor_runtime.hpp"
#include "resource_usage.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/runtime.hpp"

using namespace gstmini;

namespace {

std::size_t thread_count() { return test::ResourceUsage::now().threads; }

std::unique_ptr<Pipeline> live_pipeline() {
  return parse_launch("fakesrc is-live=true ! fakesink sync=true");
}

// Restores the options the runtime starts with.
struct RestoreOptions {
  ~RestoreOptions() { set_runtime_options(RuntimeOptions{}); }
};

}  // namespace

TEST_CASE("fifty pipelines share the threads of one", "[runtime][lifecycle]") {
  REQUIRE_FALSE(runtime_info().running);
  auto first = live_pipeline();
  REQUIRE(first->set_state(State::Playing) != StateChangeReturn::Failure);
  const std::size_t with_one = thread_count();
  std::vector<std::unique_ptr<Pipeline>> more;
  for (int i = 1; i <= 50; ++i) {
    more.push_back(live_pipeline());
    REQUIRE(more.back()->set_state(State::Playing) != StateChangeReturn::Failure);
  }
  CHECK(runtime_info().pipelines == 51);
  CHECK(runtime_info().starts >= 1);
  CHECK(thread_count() == with_one);  // before: +4 threads per pipeline on 2 cores
  more.clear();
  first.reset();
  CHECK_FALSE(runtime_info().running);
  CHECK(runtime_info().pipelines == 0);
}

TEST_CASE("the runtime stops after the last pipeline and starts again for the next",
          "[runtime][lifecycle]") {
  SystemClock::obtain();  // its timer thread lives as long as the process
  const std::size_t idle = thread_count();
  const std::size_t starts = runtime_info().starts;
  {
    auto pipeline = parse_launch("fakesrc num-buffers=5 ! fakesink");
    CHECK(runtime_info().running);
    CHECK(runtime_info().starts == starts + 1);
    CHECK(thread_count() > idle);
  }
  CHECK_FALSE(runtime_info().running);
  // Stopped on this thread: its workers, timer and CAF's detached printer
  // thread have left the process when the last ~Pipeline returns.
  INFO("threads: " << test::ResourceUsage::thread_names());
  CHECK(thread_count() == idle);
  auto again = parse_launch("fakesrc num-buffers=5 ! fakesink");
  CHECK(runtime_info().running);
  CHECK(runtime_info().starts == starts + 2);
  REQUIRE(again->set_state(State::Playing) != StateChangeReturn::Failure);
  auto msg = again->bus().timed_pop_filtered(10 * kSecond, MessageType::Eos | MessageType::Error);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
}

TEST_CASE("set_worker_threads sizes the next runtime; a running one is left as it is",
          "[runtime]") {
  RestoreOptions restore;
  set_worker_threads(3);
  auto first = parse_launch("fakesrc num-buffers=5 ! fakesink");
  CHECK(runtime_info().threads == 3);
  set_worker_threads(1);  // logged: applies after the last pipeline
  auto second = parse_launch("fakesrc num-buffers=5 ! fakesink");
  CHECK(runtime_info().threads == 3);
  first.reset();
  second.reset();
  auto third = parse_launch("fakesrc num-buffers=5 ! fakesink");
  CHECK(runtime_info().threads == 1);
}

TEST_CASE("a pipeline's own thread count counts only if it starts the runtime", "[runtime]") {
  RestoreOptions restore;
  PipelineOptions two;
  two.threads = 2;
  Pipeline first("first", two);
  CHECK(runtime_info().threads == 2);
  PipelineOptions five;
  five.threads = 5;
  Pipeline second("second", five);  // a warning says the runtime runs 2
  CHECK(runtime_info().threads == 2);
  CHECK(runtime_info().pipelines == 2);
}

TEST_CASE("out-of-range runtime options are clamped", "[runtime]") {
  RestoreOptions restore;
  RuntimeOptions options;
  options.threads = 100000;
  options.max_throughput = 0;  // the default
  set_runtime_options(options);
  Pipeline pipeline("p");
  CHECK(runtime_info().threads == kMaxWorkerThreads);
  CHECK(runtime_info().max_throughput == 32);
}

namespace {

// Schedules a wake-up 1 ms ahead on the system clock and tells whether it
// fired on one of the runtime's threads.
bool system_clock_fires_on_runtime_thread() {
  auto clock = SystemClock::obtain();
  std::mutex mutex;
  std::condition_variable cv;
  std::optional<bool> on_runtime;
  clock->schedule(clock->now() + kMillisecond, [&] {
    std::lock_guard<std::mutex> lock(mutex);
    on_runtime = actors::ActorRuntime::on_runtime_thread();
    cv.notify_all();
  });
  std::unique_lock<std::mutex> lock(mutex);
  REQUIRE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return on_runtime.has_value(); }));
  return *on_runtime;
}

}  // namespace

TEST_CASE("the runtime's workers keep the system clock's wake-ups; without it, its own thread",
          "[runtime][clock]") {
  {
    auto pipeline = parse_launch("fakesrc num-buffers=1 ! fakesink");
    REQUIRE(runtime_info().running);
    CHECK(system_clock_fires_on_runtime_thread());
  }
  REQUIRE_FALSE(runtime_info().running);
  CHECK_FALSE(system_clock_fires_on_runtime_thread());
}
