#include "runtime/bus.hpp"

#include <chrono>
#include <utility>

namespace gstmini {

Bus::~Bus() {
  {
    // Destroyed from inside the watch (an application deleting its pipeline
    // at EOS, as GStreamer allows): tell the dispatch loop not to touch
    // this bus again once the callback returns.
    std::lock_guard<std::mutex> lock(mutex_);
    if (dispatch_gone_ && watch_thread_.get_id() == std::this_thread::get_id())
      *dispatch_gone_ = true;
  }
  remove_watch();
}

void Bus::post(Message message) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (flushing_) return;
    queue_.push_back(std::move(message));
  }
  changed_.notify_all();
}

std::optional<Message> Bus::pop() { return timed_pop_filtered(0, MessageType::Any); }

std::optional<Message> Bus::timed_pop(ClockTime timeout) {
  return timed_pop_filtered(timeout, MessageType::Any);
}

std::optional<Message> Bus::timed_pop_filtered(ClockTime timeout, MessageType types) {
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::nanoseconds(is_valid(timeout) ? timeout : 0);
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    while (!queue_.empty()) {
      Message message = std::move(queue_.front());
      queue_.pop_front();
      if (matches(message.type, types)) return message;
    }
    if (!is_valid(timeout)) {
      changed_.wait(lock);
    } else if (changed_.wait_until(lock, deadline) == std::cv_status::timeout && queue_.empty()) {
      return std::nullopt;
    }
  }
}

bool Bus::have_pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return !queue_.empty();
}

void Bus::add_watch(Watch watch) {
  remove_watch();
  std::lock_guard<std::mutex> lock(mutex_);
  watch_ = std::move(watch);
  watch_stop_ = false;
  watch_thread_ = std::thread([this] { dispatch_loop(); });
}

void Bus::remove_watch() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    watch_stop_ = true;
  }
  changed_.notify_all();
  if (watch_thread_.joinable() && watch_thread_.get_id() != std::this_thread::get_id())
    watch_thread_.join();
  else if (watch_thread_.joinable())
    watch_thread_.detach();  // removed from inside the callback
}

void Bus::set_flushing(bool flushing) {
  std::lock_guard<std::mutex> lock(mutex_);
  flushing_ = flushing;
  if (flushing) queue_.clear();
}

void Bus::dispatch_loop() {
  bool gone = false;  // set by ~Bus if the watch destroys the bus
  std::unique_lock<std::mutex> lock(mutex_);
  dispatch_gone_ = &gone;
  for (;;) {
    changed_.wait(lock, [this] { return watch_stop_ || !queue_.empty(); });
    if (watch_stop_) break;
    Message message = std::move(queue_.front());
    queue_.pop_front();
    Watch watch = watch_;
    lock.unlock();
    bool keep = watch(message);
    watch = nullptr;  // the callback's captures go while the bus still exists
    if (gone) return;
    lock.lock();
    if (!keep) {
      watch_stop_ = true;
      watch_ = nullptr;
      break;
    }
  }
  dispatch_gone_ = nullptr;
}

}  // namespace gstmini
