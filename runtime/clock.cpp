#include "runtime/clock.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/prctl.h>

#include <chrono>
#include <vector>

namespace gstmini {

ClockId Clock::schedule(ClockTime at, Callback fire) {
  ClockId id;
  bool earliest;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    id = next_id_++;
    earliest = entries_.empty() || at < entries_.begin()->first;
    entries_.emplace(at, Entry{id, std::move(fire)});
    update_earliest();
    on_scheduled(at, earliest);
  }
  if (at <= now()) fire_due(now());
  return id;
}

void Clock::unschedule(ClockId id) {
  Callback dropped;  // destroyed outside the lock
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->second.id == id) {
      dropped = std::move(it->second.fire);
      entries_.erase(it);
      update_earliest();
      return;
    }
  }
}

std::size_t Clock::pending_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

void Clock::fire_due(ClockTime time) {
  std::vector<Callback> due;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto end = entries_.upper_bound(time);
    for (auto it = entries_.begin(); it != end; ++it) due.push_back(std::move(it->second.fire));
    entries_.erase(entries_.begin(), end);
    update_earliest();
  }
  on_fired();
  for (auto& fire : due) fire();
}

// ---- SystemClock ----------------------------------------------------------

std::shared_ptr<SystemClock> SystemClock::obtain() {
  static std::shared_ptr<SystemClock> clock = std::make_shared<SystemClock>();
  return clock;
}

SystemClock::SystemClock() : timer_([this] { timer_loop(); }) {}

SystemClock::~SystemClock() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  timer_.join();
}

// The timer thread only needs waking when its next deadline moved earlier:
// with many sinks scheduling every frame, waking it for each would cost a
// context switch per schedule.
void SystemClock::on_scheduled(ClockTime at, bool earliest) {
  if (!earliest) return;
  if (driver_)
    driver_->earliest_changed(at);
  else
    changed_.notify_all();
}

bool SystemClock::attach(TimerDriver* driver) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (driver_) return false;
  driver_ = driver;
  const ClockTime pending = next_deadline();
  if (pending != kClockTimeNone) driver_->earliest_changed(pending);
  return true;
}

void SystemClock::detach(TimerDriver* driver) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (driver_ != driver) return;
    driver_ = nullptr;
  }
  changed_.notify_all();
}

ClockTime SystemClock::now() const {
  return static_cast<ClockTime>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::steady_clock::now().time_since_epoch())
                                    .count());
}

void SystemClock::timer_loop() {
  // Wake-ups are the sinks' render deadlines: ask for real-time priority and
  // no timer slack. Both are best effort (allowed for root in our containers).
  sched_param param{};
  param.sched_priority = 10;
  pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
  prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);

  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    if (entries_.empty() || driver_) {
      changed_.wait(lock);
      continue;
    }
    ClockTime next = entries_.begin()->first;
    ClockTime current = now();
    if (next > current) {
      auto deadline = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(next));
      changed_.wait_until(lock, deadline);
      continue;
    }
    lock.unlock();
    fire_due(current);
    lock.lock();
  }
}

// ---- TestClock ------------------------------------------------------------

ClockTime TestClock::now() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return time_;
}

void TestClock::set_time(ClockTime t) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (t > time_) time_ = t;
    t = time_;
  }
  fire_due(t);
}

void TestClock::advance(ClockTime delta) { set_time(now() + delta); }

bool TestClock::wait_for_pending(std::size_t count, ClockTime timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, std::chrono::nanoseconds(timeout),
                           [&] { return entries_.size() >= count; });
}

ClockTime TestClock::next_pending_time() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.empty() ? kClockTimeNone : entries_.begin()->first;
}

}  // namespace gstmini
