// Bus: the pipeline's thread-safe message queue to the application (GstBus).
//
// Any thread may post; any application thread may pop, blocking with a
// timeout. A watch callback, if installed, receives every message on the
// bus's own dispatch thread instead of the queue.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "runtime/clock_time.hpp"
#include "runtime/message.hpp"

namespace gstmini {

class Bus {
 public:
  // Return false from the watch to remove it.
  using Watch = std::function<bool(const Message&)>;

  Bus() = default;
  ~Bus();
  Bus(const Bus&) = delete;
  Bus& operator=(const Bus&) = delete;

  void post(Message message);

  std::optional<Message> pop();
  // Waits up to `timeout` (kClockTimeNone: forever) for any message.
  std::optional<Message> timed_pop(ClockTime timeout);
  // Waits for a message matching `types`; messages that do not match are
  // popped and discarded, exactly as gst_bus_timed_pop_filtered does.
  std::optional<Message> timed_pop_filtered(ClockTime timeout, MessageType types);
  bool have_pending() const;

  // Installs the watch (replacing any earlier one) and starts its thread.
  void add_watch(Watch watch);
  void remove_watch();
  // While flushing, posted messages are dropped and the queue is emptied.
  void set_flushing(bool flushing);
  // gst_element_add_property_deep_notify_watch: elements post
  // PROPERTY_NOTIFY (pad caps, fakesink's last-message) only while on.
  void set_property_notify(bool on) { property_notify_.store(on, std::memory_order_relaxed); }
  bool property_notify() const { return property_notify_.load(std::memory_order_relaxed); }

 private:
  void dispatch_loop();

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Message> queue_;
  bool flushing_ = false;
  std::atomic<bool> property_notify_{false};
  Watch watch_;
  bool watch_stop_ = false;
  bool* dispatch_gone_ = nullptr;  // the dispatch loop's flag, while it runs
  std::thread watch_thread_;
};

}  // namespace gstmini
