// Staging: what a decoupling element (queue) holds between its two
// streaming domains, and when it counts as full (GstQueue's limits).
//
// A limit of 0 is "unlimited". The queue is full as soon as any limit is
// reached. Full and not leaky: the upstream push waits (its answer is held).
// Leaky upstream: the incoming buffer is dropped. Leaky downstream: the
// oldest buffers are dropped to make room. Events are never dropped and
// count for nothing.
#pragma once

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

  bool full(const StagingLevel& level) const {
    return (max_buffers && level.buffers >= max_buffers) ||
           (max_bytes && level.bytes >= max_bytes) || (max_time && level.time >= max_time);
  }
};

}  // namespace gstmini
