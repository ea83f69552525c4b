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
#pragma once

#include <caf/policy/work_sharing.hpp>
#include <caf/scheduler/coordinator.hpp>
#include <caf/scheduler/worker.hpp>

#include <chrono>
#include <mutex>

namespace gstmini::actors {

class HandoffSharing : public caf::policy::work_sharing {
 public:
  static constexpr auto kIdleLook = std::chrono::milliseconds(5);

  template <class Worker>
  void internal_enqueue(Worker* self, caf::resumable* job) {
    queue_type one;
    one.push_back(job);  // allocates outside the lock
    auto& shared = d(self->parent());
    std::unique_lock<std::mutex> guard(shared.lock);
    const bool more_than_next = shared.queue.size() >= 2;
    shared.queue.splice(shared.queue.end(), one);
    if (more_than_next) shared.cv.notify_one();
  }

  template <class Worker>
  caf::resumable* dequeue(Worker* self) {
    auto& shared = d(self->parent());
    std::unique_lock<std::mutex> guard(shared.lock);
    while (shared.queue.empty()) shared.cv.wait_for(guard, kIdleLook);
    caf::resumable* job = shared.queue.front();
    shared.queue.pop_front();
    return job;
  }
};

}  // namespace gstmini::actors

// The worker loop for this policy (handoff_sharing.cpp): CAF 0.17's own
// loop, less what its logger costs per job even at log level QUIET: a
// dynamic_cast from the job to its actor and four actor-id lookups, each
// a lock and a hash, that only label log lines. Measured on 8 identities
// lock-step, they were a fifth of the runtime's CPU. Declared here, before
// coordinator<HandoffSharing> instantiates the loop.
template <>
void caf::scheduler::worker<gstmini::actors::HandoffSharing>::run();
