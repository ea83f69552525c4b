// The runtime's scheduling policy: CAF 0.17's work sharing (one FIFO queue
// for all workers) with hand-off to the sending worker.
//
// Plain work sharing wakes a sleeping worker for every job. A lock-step
// chain has one runnable actor at a time, so each hop woke the other
// worker and put this one to sleep: a futex call and a context switch per
// message, and 8 identities ran at a fifth of their one-worker speed. Here a
// job that an actor sends from a worker (internal_enqueue) wakes nobody
// when the queue was empty: the sending worker takes it as soon as its
// current job ends, which in a chain is right after the send. A second job
// waiting wakes a worker, so work beyond one thread's next job is shared,
// and jobs from outside the scheduler (application threads, the clock)
// always wake one. An idle worker also looks at the queue every kIdleLook,
// so a handed-off job never waits longer than that behind a sender that
// keeps its worker busy.
//
// FIFO like plain sharing: a chain streaming at full speed cannot starve
// control messages queued behind it (CAF's work stealing runs the job a
// worker just woke first).
//
// The workers also run the system clock's timers (runtime/clock.hpp,
// TimerDriver): one idle worker, the keeper, sleeps until the earliest
// deadline (or kIdleLook) and fires what is due, and every worker fires
// due timers before it takes its next job. A live frame used to cost four
// thread wake-ups (timer thread, then a worker, for the source's capture
// and again for the sink's render) and two futex wakes; now it costs the
// keeper's two timed wake-ups. A wake-up the keeper fires goes to the
// keeper itself like a handed-off job. When the keeper runs a long job, a
// deadline that falls due meanwhile waits for the end of that job or for
// another worker's idle look, whichever comes first.
#pragma once

#include <caf/policy/unprofiled.hpp>
#include <caf/resumable.hpp>
#include <caf/scheduler/coordinator.hpp>
#include <caf/scheduler/worker.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

#include "runtime/clock.hpp"

namespace gstmini::actors {

class HandoffSharing : public caf::policy::unprofiled {
 public:
  static constexpr auto kIdleLook = std::chrono::milliseconds(5);

  struct coordinator_data final : TimerDriver {
    explicit coordinator_data(caf::scheduler::abstract_coordinator*);
    ~coordinator_data();
    coordinator_data(const coordinator_data&) = delete;
    coordinator_data& operator=(const coordinator_data&) = delete;
    void earliest_changed(ClockTime at) override;

    // FIFO. A deque reuses its blocks: CAF's std::list allocated a node per job.
    std::deque<caf::resumable*> queue;
    std::mutex lock;
    std::condition_variable cv;         // idle workers but the keeper
    std::condition_variable keeper_cv;  // the keeper
    int workers = 0;                    // CAF knows it only after building this: set by dequeue
    int sleepers = 0;                   // waiting on cv
    bool keeper_waiting = false;
    ClockTime keeper_until = 0;  // when the keeper wakes by itself
    // The system clock this runtime drives; null when another runtime
    // in the process already drives it (then its timer thread does).
    std::shared_ptr<SystemClock> clock;
  };

  struct worker_data {
    explicit worker_data(caf::scheduler::abstract_coordinator*) {}
  };

  template <class Coordinator>
  void central_enqueue(Coordinator* self, caf::resumable* job) {
    enqueue(d(self), job, true);
  }

  template <class Worker>
  void external_enqueue(Worker* self, caf::resumable* job) {
    enqueue(d(self->parent()), job, true);
  }

  // From a worker: a second job waiting wakes another worker; the next one
  // is the sender's to take (hand-off, see above).
  template <class Worker>
  void internal_enqueue(Worker* self, caf::resumable* job) {
    enqueue(d(self->parent()), job, false);
  }

  // The job yielded (it used its throughput): to the back of the queue.
  template <class Worker>
  void resume_job_later(Worker* self, caf::resumable* job) {
    enqueue(d(self->parent()), job, true);
  }

  // Fires due timers first: a wake-up is never queued behind the jobs
  // that were waiting when it fell due.
  template <class Worker>
  caf::resumable* dequeue(Worker* self) {
    coordinator_data& shared = d(self->parent());
    std::unique_lock<std::mutex> guard(shared.lock);
    shared.workers = static_cast<int>(self->parent()->num_workers());
    for (;;) {
      const ClockTime deadline = shared.clock ? shared.clock->next_deadline() : kClockTimeNone;
      const ClockTime now = deadline != kClockTimeNone ? shared.clock->now() : 0;
      if (deadline <= now) {
        guard.unlock();
        fire_timers(shared);
        guard.lock();
        continue;
      }
      if (!shared.queue.empty()) break;
      wait_for_work(shared, guard, deadline, now);
    }
    caf::resumable* job = shared.queue.front();
    shared.queue.pop_front();
    return job;
  }

  template <class Worker, class UnaryFunction>
  void foreach_resumable(Worker*, UnaryFunction) {}

  // At shutdown: every job still queued.
  template <class Coordinator, class UnaryFunction>
  void foreach_central_resumable(Coordinator* self, UnaryFunction f) {
    coordinator_data& shared = d(self);
    std::unique_lock<std::mutex> guard(shared.lock);
    while (!shared.queue.empty()) {
      caf::resumable* job = shared.queue.front();
      shared.queue.pop_front();
      f(job);
    }
  }

 private:
  // `always_wake`: else only when a job already waits besides this one's
  // predecessor, the job the sending worker takes next.
  static void enqueue(coordinator_data& shared, caf::resumable* job, bool always_wake) {
    std::lock_guard<std::mutex> guard(shared.lock);
    const bool wake = (always_wake && !firing_timers_) || shared.queue.size() >= 2;
    shared.queue.push_back(job);
    if (!wake) return;
    if (shared.sleepers > 0)
      shared.cv.notify_one();
    else if (shared.keeper_waiting)
      shared.keeper_cv.notify_one();
  }

  // The wake-ups' messages go to the firing worker's queue like a send
  // from it: it takes them next (hand-off), nobody else is woken for one.
  static void fire_timers(coordinator_data& shared);

  // The first idle worker to find no keeper becomes it when a deadline is
  // pending; the others wait kIdleLook and look again.
  static void wait_for_work(coordinator_data& shared, std::unique_lock<std::mutex>& guard,
                            ClockTime deadline, ClockTime now);

  static thread_local bool firing_timers_;
};

}  // namespace gstmini::actors

// The worker loop for this policy (handoff_sharing.cpp): CAF 0.17's own
// loop, less what its logger costs per job even at log level QUIET: a
// dynamic_cast from the job to its actor and four actor-id lookups, each
// a lock and a hash, that only label log lines (8 identities lock-step,
// 300,000 buffers: 5.2 s with CAF's loop, 1.9 s with ours). Declared here,
// before coordinator<HandoffSharing> instantiates the loop.
template <>
void caf::scheduler::worker<gstmini::actors::HandoffSharing>::run();
