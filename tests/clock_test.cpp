#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>

#include "runtime/clock.hpp"

using namespace gstmini;

TEST_CASE("a test clock fires a wake-up exactly when it reaches the deadline", "[clock]") {
  TestClock clock(100);
  int fired = 0;
  clock.schedule(200, [&] { ++fired; });
  CHECK(clock.pending_count() == 1);
  CHECK(clock.next_pending_time() == 200);
  clock.set_time(199);
  CHECK(fired == 0);
  clock.advance(1);
  CHECK(fired == 1);
  CHECK(clock.pending_count() == 0);
}

TEST_CASE("a test clock never goes backwards", "[clock]") {
  TestClock clock(500);
  clock.set_time(100);
  CHECK(clock.now() == 500);
}

TEST_CASE("a wake-up in the past fires at once; an unscheduled one never", "[clock]") {
  TestClock clock(1000);
  int late = 0, cancelled = 0;
  clock.schedule(10, [&] { ++late; });
  CHECK(late == 1);
  ClockId id = clock.schedule(2000, [&] { ++cancelled; });
  clock.unschedule(id);
  clock.set_time(5000);
  CHECK(cancelled == 0);
}

TEST_CASE("wake-ups fire in deadline order", "[clock]") {
  TestClock clock;
  std::vector<int> order;
  clock.schedule(30, [&] { order.push_back(3); });
  clock.schedule(10, [&] { order.push_back(1); });
  clock.schedule(20, [&] { order.push_back(2); });
  clock.set_time(100);
  CHECK(order == std::vector<int>{1, 2, 3});
}

TEST_CASE("the system clock's timer thread delivers a wake-up after its deadline", "[clock]") {
  auto clock = SystemClock::obtain();
  std::mutex mutex;
  std::condition_variable cv;
  ClockTime fired_at = kClockTimeNone;
  const ClockTime deadline = clock->now() + kMillisecond;
  clock->schedule(deadline, [&] {
    std::lock_guard<std::mutex> lock(mutex);
    fired_at = clock->now();
    cv.notify_all();
  });
  std::unique_lock<std::mutex> lock(mutex);
  REQUIRE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return is_valid(fired_at); }));
  CHECK(fired_at >= deadline);
}
