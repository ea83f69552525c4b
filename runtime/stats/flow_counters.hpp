// Flow counters: where the flow statistics (flow_stats.hpp) are collected.
//
// Threading (the invariant that keeps the hot path lock-free): every counter
// of an element and of its pads is written only by the element's own actor,
// as a relaxed atomic (load + store, no read-modify-write: one writer), and
// read by any thread (sampler, Pipeline::stats). A pad's identity (name,
// peer, window, limit) changes only when it is linked; it sits under the
// element's mutex, which per-buffer code never takes.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/element.hpp"
#include "runtime/stats/flow_stats.hpp"

namespace gstmini {

// A counter with a single writer.
class StatCounter {
 public:
  void add(std::uint64_t n) { set(get() + n); }
  void set(std::uint64_t v) { value_.store(v, std::memory_order_relaxed); }
  void raise_to(std::uint64_t v) {
    if (v > get()) set(v);
  }
  std::uint64_t get() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

struct PadCounters {
  // Identity: written and read under ElementCounters::mutex.
  unsigned index = 0;
  std::string name;  // "camera:src"
  std::string peer;  // "t:sink"; empty while unlinked
  PadDirection direction = PadDirection::Src;
  std::uint32_t window = 1;
  bool queue = false;
  std::uint64_t limit_buffers = 0;
  // A src pad: what its link carried.
  StatCounter buffers, bytes, blocked_ns, dropped;
  StatCounter messages;            // messages that carried buffers (one per batch)
  StatCounter credit, max_credit;  // unanswered items the link allows: now, at most
  StatCounter blocked_since_ns;    // the link has had no room since (0: it has room)
  StatCounter level_buffers, level_bytes, level_time, max_level_buffers;
  // A sink pad: what arrived.
  StatCounter received, mailbox_ns;
};

struct ElementCounters {
  explicit ElementCounters(ElementPtr e) : element(std::move(e)) {}
  ElementPtr element;
  StatCounter processed, processing_ns, processing_max_ns;

  // The counters of pad `index`, created on first use (pointers stay valid:
  // a deque only grows at the end).
  PadCounters& pad(unsigned index);
  // Sets a pad's identity (under the mutex).
  void describe_pad(PadCounters& pad, const std::string& name, PadDirection direction,
                    const std::string& peer, std::uint32_t window, bool queue,
                    std::uint64_t limit_buffers);

  mutable std::mutex mutex;
  std::deque<PadCounters> pads;
};

// Every element's counters in one pipeline; builds snapshots.
class FlowCounters {
 public:
  explicit FlowCounters(std::string pipeline) : pipeline_(std::move(pipeline)) {}
  std::shared_ptr<ElementCounters> add(ElementPtr element);
  StatsSnapshot snapshot(ClockTime elapsed) const;

 private:
  std::string pipeline_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<ElementCounters>> elements_;
};

// steady_clock in nanoseconds: the stamps of the statistics.
std::uint64_t stats_now_ns();

}  // namespace gstmini
