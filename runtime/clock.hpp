// Clock: the pipeline's notion of time and its wake-up service (GstClock).
//
// now() never goes backwards. schedule() asks for `fire` to be called once
// when the clock reaches `at`; nothing ever sleeps waiting for it except the
// clock's own timer thread. The actor layer's callbacks only send a message,
// so a waiting sink is an actor with a wake-up message on its way, not a
// blocked thread (DESIGN invariant 3).
//
//   SystemClock  monotonic time; one timer thread sleeps until the earliest
//                deadline (with real-time priority where the OS allows it).
//   TestClock    moves only when a test calls set_time()/advance(); due
//                callbacks fire in the caller's thread, so tests are exact.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/clock_time.hpp"

namespace gstmini {

using ClockId = std::uint64_t;

class Clock {
 public:
  using Callback = std::function<void()>;

  virtual ~Clock() = default;
  virtual ClockTime now() const = 0;
  virtual std::string name() const = 0;

  // Calls `fire` once, from the clock's thread, when now() >= at (at once if
  // `at` has passed). The id can cancel it with unschedule().
  ClockId schedule(ClockTime at, Callback fire);
  // Cancels a pending wake-up; harmless if it already fired.
  void unschedule(ClockId id);
  std::size_t pending_count() const;

 protected:
  struct Entry {
    ClockId id;
    Callback fire;
  };
  // Fires (outside the lock) every entry due at `time`.
  void fire_due(ClockTime time);

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::multimap<ClockTime, Entry> entries_;
  ClockId next_id_ = 1;
};

class SystemClock final : public Clock {
 public:
  // The process-wide system clock (gst_system_clock_obtain).
  static std::shared_ptr<SystemClock> obtain();

  SystemClock();
  ~SystemClock() override;
  ClockTime now() const override;
  std::string name() const override { return "GstSystemClock"; }

 private:
  void timer_loop();

  bool stop_ = false;
  std::thread timer_;
};

class TestClock final : public Clock {
 public:
  explicit TestClock(ClockTime start = 0) : time_(start) {}
  ClockTime now() const override;
  std::string name() const override { return "GstTestClock"; }

  // Moves time forward (never back) and fires what became due.
  void set_time(ClockTime t);
  void advance(ClockTime delta);
  // Blocks until at least `count` wake-ups are pending; false on timeout.
  bool wait_for_pending(std::size_t count, ClockTime timeout = 10 * kSecond);
  // The earliest pending deadline, or kClockTimeNone.
  ClockTime next_pending_time() const;

 private:
  ClockTime time_;
};

}  // namespace gstmini
