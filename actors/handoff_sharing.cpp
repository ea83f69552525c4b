// The worker loop of HandoffSharing (see the header for why it is ours).
#include "actors/handoff_sharing.hpp"

#include <caf/logger.hpp>

template <>
void caf::scheduler::worker<gstmini::actors::HandoffSharing>::run() {
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
