// The runtime's own shared-state primitives under concurrent use. These are
// the tests CI also runs under ThreadSanitizer ("[tsan]"): they touch no CAF
// code, whose Debian build is not TSan-instrumented.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime/bus.hpp"
#include "runtime/clock.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;

TEST_CASE("the bus delivers every message posted by many threads exactly once", "[tsan][bus]") {
  Bus bus;
  constexpr int kThreads = 4, kEach = 500;
  std::vector<std::thread> posters;
  for (int t = 0; t < kThreads; ++t)
    posters.emplace_back([&bus, t] {
      for (int i = 0; i < kEach; ++i) bus.post(Message::eos("src" + std::to_string(t)));
    });
  int received = 0;
  while (received < kThreads * kEach && bus.timed_pop(10 * kSecond)) ++received;
  for (auto& p : posters) p.join();
  CHECK(received == kThreads * kEach);
  CHECK_FALSE(bus.have_pending());
}

TEST_CASE("properties can be set and read from several threads at once", "[tsan][property]") {
  auto src = make_element("fakesrc", "src");
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    while (!stop) {
      auto n = src->get<std::int64_t>("num-buffers");
      REQUIRE(n >= -1);
    }
  });
  for (int i = 0; i < 2000; ++i) src->set("num-buffers", i);
  stop = true;
  reader.join();
  CHECK(src->get<std::int64_t>("num-buffers") == 1999);
}

TEST_CASE("wake-ups scheduled from several threads all fire on the system clock", "[tsan][clock]") {
  auto clock = SystemClock::obtain();
  std::mutex mutex;
  std::condition_variable all_fired;
  int fired = 0;
  std::vector<std::thread> schedulers;
  for (int t = 0; t < 4; ++t)
    schedulers.emplace_back([&] {
      for (int i = 0; i < 50; ++i)
        clock->schedule(clock->now() + 100 * kMicrosecond, [&] {
          std::lock_guard<std::mutex> lock(mutex);
          if (++fired == 200) all_fired.notify_all();
        });
    });
  for (auto& s : schedulers) s.join();
  std::unique_lock<std::mutex> lock(mutex);
  CHECK(all_fired.wait_for(lock, std::chrono::seconds(10), [&] { return fired == 200; }));
}

TEST_CASE("a test clock advanced by one thread fires wake-ups another thread waits for",
          "[tsan][clock]") {
  TestClock clock;
  std::atomic<int> fired{0};
  std::thread scheduler([&] {
    for (int i = 1; i <= 100; ++i) clock.schedule(static_cast<ClockTime>(i), [&] { ++fired; });
  });
  REQUIRE(clock.wait_for_pending(100));
  scheduler.join();
  clock.set_time(100);
  CHECK(fired == 100);
}
