// The worker loop of HandoffSharing (see the header for why it is ours).
#include "actors/handoff_sharing.hpp"

#include <sys/prctl.h>

#include <caf/logger.hpp>

namespace gstmini::actors {

thread_local bool HandoffSharing::firing_timers_ = false;

HandoffSharing::coordinator_data::coordinator_data(caf::scheduler::abstract_coordinator*)
    : clock(SystemClock::obtain()) {
  if (!clock->attach(this)) clock.reset();
}

HandoffSharing::coordinator_data::~coordinator_data() {
  if (clock) clock->detach(this);
}

// A new earliest deadline: the keeper sleeps too long for it, or nobody
// keeps the timers (every worker asleep). A running worker looks at the
// deadline before its next job and needs no wake-up.
void HandoffSharing::coordinator_data::earliest_changed(ClockTime at) {
  std::lock_guard<std::mutex> guard(lock);
  if (keeper_waiting) {
    if (at < keeper_until) keeper_cv.notify_one();
  } else if (sleepers > 0 && sleepers == workers) {
    cv.notify_one();
  }
}

void HandoffSharing::fire_timers(coordinator_data& shared) {
  firing_timers_ = true;
  shared.clock->fire_due_now();
  firing_timers_ = false;
}

void HandoffSharing::wait_for_work(coordinator_data& shared, std::unique_lock<std::mutex>& guard,
                                   ClockTime deadline, ClockTime now) {
  if (deadline != kClockTimeNone && !shared.keeper_waiting) {
    constexpr auto kLookNs = std::chrono::nanoseconds(kIdleLook).count();
    shared.keeper_waiting = true;
    shared.keeper_until = std::min(deadline, now + static_cast<ClockTime>(kLookNs));
    // SystemClock::now() is steady_clock's time since its epoch.
    shared.keeper_cv.wait_until(guard, std::chrono::steady_clock::time_point(
                                           std::chrono::nanoseconds(shared.keeper_until)));
    shared.keeper_waiting = false;
    return;
  }
  ++shared.sleepers;
  shared.cv.wait_for(guard, kIdleLook);
  --shared.sleepers;
}

}  // namespace gstmini::actors

template <>
void caf::scheduler::worker<gstmini::actors::HandoffSharing>::run() {
  // The keeper's sleeps end at render deadlines: no timer slack (best
  // effort; the default 50 us would be added to every render's lateness).
  prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
  for (;;) {
    // No current logger on a worker: CAF's per-job actor-id bookkeeping
    // (CAF_PUSH_AID, in resume() too) checks for one and skips. A spawn
    // from an actor sets it again, so it is cleared per job.
    if (caf::logger::current_logger() != nullptr) caf::logger::set_current_actor_system(nullptr);
    resumable* job = policy_.dequeue(this);
    policy_.before_resume(this, job);
    const resumable::resume_result res = job->resume(this, max_throughput_);
    policy_.after_resume(this, job);
    switch (res) {
      case resumable::resume_later:  // the job stays in the loop
        policy_.resume_job_later(this, job);
        break;
      case resumable::done:
        policy_.after_completion(this, job);
        intrusive_ptr_release(job);
        break;
      case resumable::awaiting_message:  // enqueued again by its next message
        intrusive_ptr_release(job);
        break;
      case resumable::shutdown_execution_unit:
        policy_.after_completion(this, job);
        policy_.before_shutdown(this);
        return;
    }
  }
}
