#include "elements/queue.hpp"

#include <algorithm>
#include <limits>

namespace gstmini {

const ElementClass& Queue::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{
        "queue", "Queue", "Generic", "Simple data queue", "gstmini", transform_pad_templates(), {}};
    const auto max_u32 = std::numeric_limits<std::uint32_t>::max();
    const auto max_u64 = std::numeric_limits<std::uint64_t>::max();
    auto& p = k.properties;
    p.push_back(PropertySpec::uint64("max-size-buffers", 200, 0, max_u32,
                                     "Max. number of buffers in the queue (0=disable)"));
    p.push_back(PropertySpec::uint64("max-size-bytes", 10 * 1024 * 1024, 0, max_u32,
                                     "Max. amount of data in the queue (bytes, 0=disable)"));
    p.push_back(PropertySpec::uint64("max-size-time", kSecond, 0, max_u64,
                                     "Max. amount of data in the queue (in ns, 0=disable)"));
    p.push_back(
        PropertySpec::uint64("min-threshold-buffers", 0, 0, max_u32,
                             "Min. number of buffers in the queue to allow reading (0=disable)"));
    p.push_back(PropertySpec::uint64(
        "min-threshold-bytes", 0, 0, max_u32,
        "Min. amount of data in the queue to allow reading (bytes, 0=disable)"));
    p.push_back(PropertySpec::uint64(
        "min-threshold-time", 0, 0, max_u64,
        "Min. amount of data in the queue to allow reading (in ns, 0=disable)"));
    p.push_back(PropertySpec::boolean(
        "flush-on-eos", false, "Discard all data in the queue when an EOS event is received"));
    p.push_back(PropertySpec::enumeration("leaky", 0,
                                          {{0, "no", "Not Leaky"},
                                           {1, "upstream", "Leaky on upstream (new buffers)"},
                                           {2, "downstream", "Leaky on downstream (old buffers)"}},
                                          "Where the queue leaks, if at all"));
    p.push_back(PropertySpec::uint64("current-level-buffers", 0, 0, max_u32,
                                     "Current number of buffers in the queue")
                    .read_only());
    p.push_back(PropertySpec::uint64("current-level-bytes", 0, 0, max_u64,
                                     "Current amount of data in the queue (bytes)")
                    .read_only());
    p.push_back(PropertySpec::uint64("current-level-time", 0, 0, max_u64,
                                     "Current amount of data in the queue (in ns)")
                    .read_only());
    p.push_back(
        PropertySpec::uint64("dropped", 0, 0, max_u64, "Buffers dropped by leaking").read_only());
    return k;
  }();
  return klass;
}

Queue::Queue(std::string name) : Transform(element_class(), std::move(name)) {
  bind_counter("current-level-buffers", level_buffers_);
  bind_counter("current-level-bytes", level_bytes_);
  bind_counter("current-level-time", level_time_);
  bind_counter("dropped", dropped_);
}

void Queue::set_overrun_callback(Callback callback) {
  std::lock_guard<std::mutex> lock(callback_mutex_);
  overrun_ = std::move(callback);
}

void Queue::set_underrun_callback(Callback callback) {
  std::lock_guard<std::mutex> lock(callback_mutex_);
  underrun_ = std::move(callback);
}

FlowReturn Queue::chain_list(const Pad& pad, BufferList list, Output& out) {
  (void)pad;
  out.push_list(std::move(list));
  return FlowReturn::Ok;
}

StagingLimits Queue::staging_limits() const {
  StagingLimits limits;
  limits.enabled = true;
  limits.max_buffers = get<std::uint64_t>("max-size-buffers");
  limits.max_bytes = get<std::uint64_t>("max-size-bytes");
  limits.max_time = get<std::uint64_t>("max-size-time");
  limits.leaky = static_cast<Leaky>(get<std::int64_t>("leaky"));
  limits.min_buffers = get<std::uint64_t>("min-threshold-buffers");
  limits.min_bytes = get<std::uint64_t>("min-threshold-bytes");
  limits.min_time = get<std::uint64_t>("min-threshold-time");
  limits.flush_on_eos = get<bool>("flush-on-eos");
  return limits;
}

void Queue::staging_changed(const StagingLevel& level, std::uint64_t dropped) {
  level_buffers_.store(level.buffers, std::memory_order_relaxed);
  level_bytes_.store(level.bytes, std::memory_order_relaxed);
  level_time_.store(level.time, std::memory_order_relaxed);
  dropped_.store(dropped, std::memory_order_relaxed);
  if (settings_changed(&settings_seen_)) limits_ = staging_limits();
  const bool full = limits_.full(level);
  // GStreamer's underrun: below the min thresholds (or empty), not full.
  const bool empty = level.buffers == 0 || limits_.holds_output(level);
  Callback fire;
  if ((full && !was_full_) || (empty && !was_empty_)) {  // no lock per buffer
    std::lock_guard<std::mutex> lock(callback_mutex_);
    if (full && !was_full_) fire = overrun_;
    if (empty && !was_empty_) fire = underrun_;
  }
  if (full && !was_full_)
    GSTMINI_DEBUG_OBJECT(*this, "queue is full (overrun): {} buffers", level.buffers);
  if (empty && !was_empty_) GSTMINI_DEBUG_OBJECT(*this, "queue is empty (underrun)");
  was_full_ = full;
  was_empty_ = empty;
  if (fire) fire(*this);
}

// GStreamer's queue: it can delay up to max-size-time (any latency without
// a time limit; a leaky one drops rather than delays), and a min-threshold-time
// delays every buffer by at least that much.
void Queue::query_answered(Query& query) {
  if (query.type != QueryType::Latency) return;
  const auto max_time = get<std::uint64_t>("max-size-time");
  const bool leaky = get<std::int64_t>("leaky") != 0;
  if (max_time > 0 && is_valid(query.max_latency) && !leaky)
    query.max_latency += max_time;
  else if (max_time > 0 && leaky)
    query.max_latency =
        is_valid(query.max_latency) ? std::max(query.max_latency, max_time) : kClockTimeNone;
  else
    query.max_latency = kClockTimeNone;
  const auto min_time = get<std::uint64_t>("min-threshold-time");
  if (min_time > 0 && is_valid(query.min_latency)) query.min_latency += min_time;
}

}  // namespace gstmini
