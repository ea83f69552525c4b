// Staging: what a decoupling element (queue) holds between its two
// streaming domains, and when it counts as full (GstQueue's limits).
//
// A limit of 0 is "unlimited". The queue is full as soon as any limit is
// reached. Full and not leaky: the upstream push waits (its answer is held).
// Leaky upstream: the incoming buffer is dropped. Leaky downstream: the
// oldest buffers are dropped to make room. Events are never dropped and
// count for nothing.
//
// The min thresholds (0 = not set) hold the queue's output back: while the
// newest staged item is a buffer and the level is below any set threshold
// (and the queue is not full), nothing goes downstream (GstQueue's
// gst_queue_is_empty). An event at the tail releases everything before it;
// EOS clears the thresholds until the next flush, so the rest drains.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "runtime/clock_time.hpp"

namespace gstmini {

enum class Leaky { No = 0, Upstream = 1, Downstream = 2 };

struct StagingLevel {
  std::uint64_t buffers = 0;
  std::uint64_t bytes = 0;
  ClockTime time = 0;  // sum of the staged buffers' durations

  StagingLevel& operator+=(const StagingLevel& o) {
    buffers += o.buffers;
    bytes += o.bytes;
    time += o.time;
    return *this;
  }
  StagingLevel& operator-=(const StagingLevel& o) {
    buffers = buffers > o.buffers ? buffers - o.buffers : 0;
    bytes = bytes > o.bytes ? bytes - o.bytes : 0;
    time = time > o.time ? time - o.time : 0;
    return *this;
  }
};

struct StagingLimits {
  bool enabled = false;  // false: a plain lock-step/windowed link
  std::uint64_t max_buffers = 0;
  std::uint64_t max_bytes = 0;
  ClockTime max_time = 0;
  Leaky leaky = Leaky::No;
  std::uint64_t min_buffers = 0;
  std::uint64_t min_bytes = 0;
  ClockTime min_time = 0;
  bool flush_on_eos = false;  // EOS drops the staged buffers and goes out at once

  bool full(const StagingLevel& level) const {
    return (max_buffers && level.buffers >= max_buffers) ||
           (max_bytes && level.bytes >= max_bytes) || (max_time && level.time >= max_time);
  }
  bool below_threshold(const StagingLevel& level) const {
    return (min_buffers && level.buffers < min_buffers) || (min_bytes && level.bytes < min_bytes) ||
           (min_time && level.time < min_time);
  }
  // With buffers at the tail: the output waits for more (GStreamer's "empty").
  bool holds_output(const StagingLevel& level) const {
    return below_threshold(level) && !full(level);
  }
  void clear_thresholds() { min_buffers = min_bytes = min_time = 0; }
};

// How many more items a queue at `level` can take before it is full, at
// least 1 and at most `cap`: the credit it grants upstream. Byte and time
// limits are turned into items by the average staged buffer (or the last
// one, `newest`, while the queue is empty; nothing seen yet: 1). A leaky
// queue never throttles: it drops by its rule instead.
inline std::uint32_t staging_room(const StagingLimits& limits, const StagingLevel& level,
                                  const StagingLevel& newest, std::uint32_t cap) {
  if (limits.leaky != Leaky::No) return cap;
  std::uint64_t room = cap;
  auto limit_by = [&room](std::uint64_t max, std::uint64_t used, std::uint64_t per_item) {
    if (!max) return;
    const std::uint64_t left = max > used ? max - used : 0;
    room = std::min<std::uint64_t>(room, per_item ? left / per_item : left);
  };
  limit_by(limits.max_buffers, level.buffers, 1);
  const StagingLevel& sample = level.buffers ? level : newest;
  if ((limits.max_bytes || limits.max_time) && sample.buffers == 0) return 1;
  if (sample.buffers) {
    limit_by(limits.max_bytes, level.bytes, sample.bytes / sample.buffers);
    limit_by(limits.max_time, level.time, sample.time / sample.buffers);
  }
  return static_cast<std::uint32_t>(std::max<std::uint64_t>(room, 1));
}

}  // namespace gstmini
