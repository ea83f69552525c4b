// The lifecycle proven under load (issue 9): many cycles in one process, and
// many pipelines driven from many threads, leave no thread, file descriptor
// or memory behind. Counts scale with GSTMINI_LIFECYCLE_CYCLES and
// GSTMINI_LIFECYCLE_PIPELINES, and GSTMINI_LIFECYCLE_SECONDS ends the cycles
// early (scripts/soak.sh runs them for minutes); the defaults keep each case
// within seconds, also under ASan and TSan in CI. Each case prints what it
// measured (shown by ctest only on failure).
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "resource_usage.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/runtime.hpp"

using namespace gstmini;
using gstmini::test::ResourceUsage;

namespace {

// Margins for "the same as after the first 10 cycles": threads and fds
// exactly; the heap within 512 KB (allocator caches, spdlog's and CAF's
// lazily built tables); RSS within 16 MB (glibc keeps freed arenas).
constexpr std::size_t kHeapMarginBytes = 512 * 1024;
constexpr std::size_t kRssMarginKb = 16 * 1024;

void check_no_growth(const char* what, std::int64_t done, const ResourceUsage& early) {
  const ResourceUsage end = ResourceUsage::settled(early.threads);
  std::printf("%s: %lld cycles; after 10: %s; at the end: %s\n", what, static_cast<long long>(done),
              early.describe().c_str(), end.describe().c_str());
  INFO("after the first cycles: " << early.describe());
  INFO("at the end:             " << end.describe());
  INFO("threads: " << ResourceUsage::thread_names());
  // No growth: a thread that is on its way out (the runtime's stopper after
  // the last pipeline of a cycle) may be counted early, never late.
  CHECK(end.threads <= early.threads);
  CHECK(end.fds <= early.fds);
  CHECK(end.heap_bytes <= early.heap_bytes + kHeapMarginBytes);
  if (test::kRssIsMeaningful) CHECK(end.rss_kb <= early.rss_kb + kRssMarginKb);
}

std::int64_t cycles() { return test::test_count("GSTMINI_LIFECYCLE_CYCLES", 1000, 100000000); }

// True once GSTMINI_LIFECYCLE_SECONDS (if set) have passed since `start`.
bool out_of_time(std::chrono::steady_clock::time_point start) {
  static const auto limit = test::test_count("GSTMINI_LIFECYCLE_SECONDS", 0, 1000000);
  return limit > 0 && std::chrono::steady_clock::now() - start > std::chrono::seconds(limit);
}

}  // namespace

TEST_CASE("build, PLAYING, EOS, NULL and destroy a thousand times leaks nothing",
          "[lifecycle][tsan]") {
  const std::int64_t n = cycles();
  const auto start = std::chrono::steady_clock::now();
  ResourceUsage early;
  std::int64_t i = 0;
  for (; i < n && (i < 11 || !out_of_time(start)); ++i) {
    auto pipeline = parse_launch("fakesrc num-buffers=20 ! identity ! queue ! fakesink");
    REQUIRE(pipeline->set_state(State::Playing) != StateChangeReturn::Failure);
    auto msg =
        pipeline->bus().timed_pop_filtered(10 * kSecond, MessageType::Eos | MessageType::Error);
    REQUIRE(msg);
    REQUIRE(msg->type == MessageType::Eos);
    REQUIRE(pipeline->set_state(State::Null) == StateChangeReturn::Success);
    pipeline.reset();  // the last pipeline: the runtime stops (and restarts next cycle)
    if (i == 9) early = ResourceUsage::now();
  }
  check_no_growth("build/EOS/destroy", i, early);
}

TEST_CASE("PLAYING to NULL on a live source a thousand times leaks nothing", "[lifecycle][tsan]") {
  const std::int64_t n = cycles();
  // One pipeline stays alive throughout, so the runtime does not restart
  // and what is measured is the live pipelines' own teardown.
  auto anchor = parse_launch("fakesrc num-buffers=0 ! fakesink");
  const auto start = std::chrono::steady_clock::now();
  ResourceUsage early;
  std::int64_t i = 0;
  for (; i < n && (i < 11 || !out_of_time(start)); ++i) {
    auto pipeline =
        parse_launch("fakesrc is-live=true buffer-duration=1000000 ! queue ! fakesink sync=true");
    REQUIRE(pipeline->set_state(State::Playing) != StateChangeReturn::Failure);
    State state = State::VoidPending;
    REQUIRE(pipeline->get_state(&state, nullptr, 10 * kSecond) != StateChangeReturn::Failure);
    REQUIRE(state == State::Playing);
    REQUIRE(pipeline->set_state(State::Null) == StateChangeReturn::Success);
    if (i == 9) early = ResourceUsage::now();
  }
  check_no_growth("live PLAYING/NULL", i, early);
}

TEST_CASE("two hundred pipelines driven from eight threads all reach NULL and leak nothing",
          "[lifecycle][tsan]") {
  const auto count =
      static_cast<std::size_t>(test::test_count("GSTMINI_LIFECYCLE_PIPELINES", 200, 100000));
  const std::int64_t rounds = std::max<std::int64_t>(1, cycles() / 4);
  constexpr int kThreads = 8;
  SystemClock::obtain();  // its timer thread lives as long as the process
  const ResourceUsage before = ResourceUsage::now();
  std::vector<std::unique_ptr<Pipeline>> pipelines;
  for (std::size_t i = 0; i < count; ++i)
    pipelines.push_back(
        parse_launch("fakesrc is-live=true buffer-duration=33333333 ! queue ! fakesink sync=true"));
  std::atomic<int> failures{0};
  std::vector<std::thread> app_threads;
  for (int t = 0; t < kThreads; ++t)
    app_threads.emplace_back([&, t] {
      std::mt19937 random(static_cast<unsigned>(t));
      std::uniform_int_distribution<std::size_t> pick(0, count - 1);
      const auto start = std::chrono::steady_clock::now();
      for (std::int64_t r = 0; r < rounds && (r < 10 || !out_of_time(start)); ++r) {
        Pipeline& p = *pipelines[pick(random)];
        ClockTime position = kClockTimeNone;
        switch (random() % 6) {
          case 0:
            p.set_state(State::Playing);
            break;
          case 1:
            p.set_state(State::Paused);
            break;
          case 2:
            p.set_state(State::Ready);
            break;
          case 3:
            p.query_position(&position);
            break;
          case 4:
            p.seek_simple(SeekFlags::Flush, 0);
            break;
          default:
            if (auto result = p.set_state(State::Null); result != StateChangeReturn::Success) {
              std::printf("set_state(NULL) returned %s\n", to_string(result));
              ++failures;
            }
        }
      }
    });
  for (auto& t : app_threads) t.join();
  CHECK(failures == 0);
  for (auto& p : pipelines) CHECK(p->set_state(State::Null) == StateChangeReturn::Success);
  for (auto& p : pipelines) CHECK(p->current_state() == State::Null);
  CHECK(runtime_info().pipelines == count);
  pipelines.clear();
  CHECK(runtime_info().pipelines == 0);
  const ResourceUsage after = ResourceUsage::settled(before.threads);
  std::printf("%zu pipelines from %d threads: before: %s; after: %s\n", count, kThreads,
              before.describe().c_str(), after.describe().c_str());
  INFO("before: " << before.describe());
  INFO("after:  " << after.describe());
  INFO("threads: " << ResourceUsage::thread_names());
  CHECK(after.threads == before.threads);
  CHECK(after.fds == before.fds);
}
