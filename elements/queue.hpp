// queue: cuts the lock-step chain in two streaming domains (GStreamer's
// queue, minimal: a buffer-count limit; bytes, time and leaky modes come with
// the flow-control work).
//
// The queue is a link with room: its actor answers upstream as soon as an
// item is enqueued while fewer than max-size-buffers wait, holds the answer
// while it is full (back-pressure), and pushes downstream on its own, one
// item at a time. A downstream EOS/ERROR reaches upstream with its next push.
#pragma once

#include "runtime/base_transform.hpp"

namespace gstmini {

class Queue : public Transform {
 public:
  explicit Queue(std::string name);
  static const ElementClass& element_class();

  std::uint32_t staging_capacity() const override;
  void staging_level_changed(std::size_t level) override;
  // GStreamer's queue: without a time limit it can hold any latency.
  void query_answered(Query& query) override {
    if (query.type == QueryType::Latency) query.max_latency = kClockTimeNone;
  }

 private:
  std::size_t level_index_;
};

}  // namespace gstmini
