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

#include <caf/policy/unprofiled.hpp>
#include <caf/resumable.hpp>
#include <caf/scheduler/coordinator.hpp>
#include <caf/scheduler/worker.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace gstmini::actors {

class HandoffSharing : public caf::policy::unprofiled {
 public:
  static constexpr auto kIdleLook = std::chrono::milliseconds(5);

  struct coordinator_data {
    explicit coordinator_data(caf::scheduler::abstract_coordinator*) {}
    // FIFO. A deque reuses its blocks: CAF's std::list allocated a node per job.
    std::deque<caf::resumable*> queue;
    std::mutex lock;
    std::condition_variable cv;
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

  template <class Worker>
  caf::resumable* dequeue(Worker* self) {
    coordinator_data& shared = d(self->parent());
    std::unique_lock<std::mutex> guard(shared.lock);
    while (shared.queue.empty()) shared.cv.wait_for(guard, kIdleLook);
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
    const bool wake = always_wake || shared.queue.size() >= 2;
    shared.queue.push_back(job);
    if (wake) shared.cv.notify_one();
  }
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
