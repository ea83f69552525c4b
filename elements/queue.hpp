// queue: cuts the lock-step chain in two streaming domains (GStreamer's
// queue).
//
// The queue is a link with room: its actor answers upstream as soon as an
// item is enqueued while the queue is not full, holds the answer while it is
// (back-pressure) or, if leaky, drops (upstream: the new buffer; downstream:
// the oldest), and pushes downstream on its own, one item at a time. Full
// means any of max-size-buffers / -bytes / -time reached (0 = no limit;
// GStreamer's defaults 200 buffers, 10 MiB, 1 s). A downstream EOS/ERROR
// reaches upstream with its next push. The levels are readable while it
// runs; overrun/underrun callbacks fire on the queue's actor.
//
// min-threshold-buffers / -bytes / -time (0 = not set) hold the output back
// until the level reaches every set threshold (or the queue is full): a
// queue that keeps a reserve, e.g. to ride out jitter. A serialized event
// behind the buffers lets them all out, EOS clears the thresholds so the
// rest drains, and a flush restores them (GStreamer's gstqueue.c). With
// flush-on-eos, EOS drops the staged buffers and goes out at once. The
// limits are read when the queue starts (READY->PAUSED) and after a flush;
// unlike GStreamer, a change made while PLAYING waits for the next flush.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>

#include "runtime/base_transform.hpp"

namespace gstmini {

class Queue : public Transform {
 public:
  using Callback = std::function<void(const Queue&)>;

  explicit Queue(std::string name);
  static const ElementClass& element_class();

  // "overrun": the queue became full; "underrun": it became empty. Called
  // on the queue's actor (an actor thread: see runtime/actor_thread.hpp).
  void set_overrun_callback(Callback callback);
  void set_underrun_callback(Callback callback);

  // A list stays one item, as in gst_queue_chain_list: staged, counted
  // (by its buffers) and dropped by a leaky queue as a whole.
  FlowReturn chain_list(const Pad& pad, BufferList list, Output& out) override;
  StagingLimits staging_limits() const override;
  void staging_changed(const StagingLevel& level, std::uint64_t dropped) override;
  // GStreamer's queue: without a time limit it can hold any latency.
  void query_answered(Query& query) override;

 private:
  // Written by the queue's actor, read through the properties: no lock.
  std::atomic<std::uint64_t> level_buffers_{0}, level_bytes_{0}, level_time_{0}, dropped_{0};
  StagingLimits limits_;  // cached: staging_changed runs per buffer
  std::uint64_t settings_seen_ = 0;
  bool was_full_ = false;
  bool was_empty_ = true;
  std::mutex callback_mutex_;
  Callback overrun_, underrun_;
};

}  // namespace gstmini
