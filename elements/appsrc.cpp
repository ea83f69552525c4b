#include "elements/appsrc.hpp"

#include "runtime/actor_thread.hpp"

#include <limits>

namespace gstmini {

const ElementClass& AppSrc::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"appsrc",
                   "AppSrc",
                   "Generic/Source",
                   "Allow the application to feed buffers to a pipeline",
                   "gstmini",
                   {{"src", PadDirection::Src, PadPresence::Always, "ANY"}},
                   Source::base_properties()};
    const auto max_u32 = std::numeric_limits<std::uint32_t>::max();
    k.properties.push_back(PropertySpec::uint64(
        "max-buffers", 200, 0, max_u32, "The maximum number of queued buffers (0 = unlimited)"));
    k.properties.push_back(PropertySpec::caps("caps", "ANY", "The allowed caps for the src pad"));
    k.properties.push_back(
        PropertySpec::boolean("block", false, "Block push-buffer when max-buffers are queued"));
    k.properties.push_back(PropertySpec::uint64("current-level-buffers", 0, 0, max_u32,
                                                "The number of currently queued buffers")
                               .read_only());
    return k;
  }();
  return klass;
}

AppSrc::AppSrc(std::string name)
    : Source(element_class(), std::move(name)), level_index_(stat_index("current-level-buffers")) {}

AppSrc::Push AppSrc::push_buffer(Buffer buffer) {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto max = get<std::uint64_t>("max-buffers");
  auto full = [&] { return max != 0 && queue_.size() >= max; };
  if (full() && !get<bool>("block")) return Push::Full;
  if (full()) check_may_block("AppSrc::push_buffer waiting for room");
  room_.wait(lock, [&] { return !full() || !running_ || eos_; });
  if (eos_) return Push::Eos;
  if (!running_) return Push::Flushing;
  queue_.push_back(std::move(buffer));
  set_stat(level_index_, std::uint64_t{queue_.size()});
  lock.unlock();
  wake();
  return Push::Queued;
}

void AppSrc::end_of_stream() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    eos_ = true;
  }
  room_.notify_all();
  wake();
}

bool AppSrc::ready_to_create() {
  // num-buffers reached (num-buffers=0: at once): produce() ends the stream
  // without waiting for the application.
  if (remaining() <= 0) return true;
  std::lock_guard<std::mutex> lock(mutex_);
  return !queue_.empty() || eos_;
}

FlowReturn AppSrc::create(Buffer& buffer) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queue_.empty()) return FlowReturn::Eos;  // ready_to_create: only after end_of_stream
    buffer = std::move(queue_.front());
    queue_.pop_front();
    set_stat(level_index_, std::uint64_t{queue_.size()});
  }
  // One slot freed: one blocked pusher can use it (waking them all makes
  // every producer thread contend for the lock on each buffer).
  room_.notify_one();
  return FlowReturn::Ok;
}

bool AppSrc::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  running_ = true;
  eos_ = false;
  return true;
}

bool AppSrc::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    running_ = false;
    queue_.clear();
  }
  room_.notify_all();  // blocked pushers return Flushing
  return true;
}

}  // namespace gstmini
