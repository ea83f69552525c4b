// Clock: the pipeline's notion of time and its wake-up service (GstClock).
//
// now() never goes backwards. schedule() asks for `fire` to be called once
// when the clock reaches `at`; nothing ever sleeps waiting for it except the
// thread that keeps the clock's timers (its own, or an idle worker of the
// runtime). Callbacks must not block: the actor layer's only send a message,
// so a waiting sink is an actor with a wake-up message on its way, not a
// blocked thread (DESIGN invariant 3).
//
//   SystemClock  monotonic time; one timer thread sleeps until the earliest
//                deadline (with real-time priority where the OS allows it),
//                unless a TimerDriver runs its timers (below).
//   TestClock    moves only when a test calls set_time()/advance(); due
//                callbacks fire in the caller's thread, so tests are exact.
#pragma once

#include <atomic>
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
  // The earliest pending deadline, or kClockTimeNone (a lock-free read).
  ClockTime next_deadline() const { return earliest_.load(std::memory_order_acquire); }
  // Fires, in the caller's thread, every wake-up due at now().
  void fire_due_now() { fire_due(now()); }

 protected:
  struct Entry {
    ClockId id;
    Callback fire;
  };
  // Fires (outside the lock) every entry due at `time`.
  void fire_due(ClockTime time);

  // Called with mutex_ held after `at` was scheduled; `earliest`: nothing
  // pending was due before it. Default: wake every waiter.
  virtual void on_scheduled(ClockTime /*at*/, bool /*earliest*/) { changed_.notify_all(); }
  // Called after fire_due() took what was due. Default: wake every waiter.
  virtual void on_fired() { changed_.notify_all(); }

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::multimap<ClockTime, Entry> entries_;
  ClockId next_id_ = 1;

 private:
  void update_earliest() {  // with mutex_ held
    earliest_.store(entries_.empty() ? kClockTimeNone : entries_.begin()->first,
                    std::memory_order_release);
  }
  std::atomic<ClockTime> earliest_{kClockTimeNone};
};

// Threads that run a SystemClock's timers in place of its timer thread:
// the actor runtime's idle workers (actors/handoff_sharing.hpp). A worker
// that waits for work anyway sleeps until the earliest deadline and fires
// it itself; with the timer thread, each deadline cost two thread wake-ups
// and a futex wake between them.
class TimerDriver {
 public:
  // `at` is now the earliest deadline. Called with the clock's lock held:
  // only wake the thread that sleeps for the deadlines.
  virtual void earliest_changed(ClockTime at) = 0;

 protected:
  ~TimerDriver() = default;
};

class SystemClock final : public Clock {
 public:
  // The process-wide system clock (gst_system_clock_obtain).
  static std::shared_ptr<SystemClock> obtain();

  SystemClock();
  ~SystemClock() override;
  ClockTime now() const override;
  std::string name() const override { return "GstSystemClock"; }

  // While a driver is attached the timer thread sleeps; a second driver is
  // refused (false). Detaching hands the timers back to the thread. now()
  // is std::chrono::steady_clock's, so drivers can wait on it.
  bool attach(TimerDriver* driver);
  void detach(TimerDriver* driver);

 private:
  void on_scheduled(ClockTime at, bool earliest) override;
  // Nobody waits for entries to go: the timer thread wakes at its deadline.
  void on_fired() override {}
  void timer_loop();

  bool stop_ = false;
  TimerDriver* driver_ = nullptr;
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
