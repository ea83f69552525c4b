#include "elements/appsink.hpp"

#include "runtime/actor_thread.hpp"

#include <chrono>
#include <limits>

namespace gstmini {

const ElementClass& AppSink::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"appsink",
                   "AppSink",
                   "Generic/Sink",
                   "Allow the application to get access to raw buffers",
                   "gstmini",
                   {{"sink", PadDirection::Sink, PadPresence::Always, "ANY"}},
                   Sink::base_properties(true)};
    k.properties.push_back(
        PropertySpec::uint64("max-buffers", 0, 0, std::numeric_limits<std::uint32_t>::max(),
                             "The maximum number of buffers to queue internally (0 = unlimited)"));
    k.properties.push_back(
        PropertySpec::boolean("drop", false, "Drop old buffers when the buffer queue is filled"));
    k.properties.push_back(PropertySpec::caps("caps", "ANY", "The allowed caps for the sink pad"));
    return k;
  }();
  return klass;
}

AppSink::AppSink(std::string name) : Sink(element_class(), std::move(name)) {}

void AppSink::set_new_sample_callback(std::function<void(AppSink&)> callback) {
  std::lock_guard<std::mutex> lock(mutex_);
  new_sample_ = std::move(callback);
}

bool AppSink::ready_to_render() {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto max = get<std::uint64_t>("max-buffers");
  return max == 0 || queue_.size() < max || get<bool>("drop");
}

FlowReturn AppSink::render(const Buffer& buffer) {
  std::function<void(AppSink&)> callback;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto max = get<std::uint64_t>("max-buffers");
    if (max != 0 && queue_.size() >= max) queue_.pop_front();  // drop=true: the oldest goes
    queue_.push_back(buffer);
    callback = new_sample_;
  }
  changed_.notify_all();
  if (callback) callback(*this);
  return FlowReturn::Ok;
}

void AppSink::on_event(const Event& event) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (event.type() == EventType::Eos) eos_ = true;
    if (event.type() == EventType::FlushStart) queue_.clear();
    if (event.type() == EventType::FlushStop) eos_ = false;
  }
  changed_.notify_all();
}

bool AppSink::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.clear();
  eos_ = false;
  return true;
}

std::optional<Buffer> AppSink::pull_sample() { return try_pull_sample(kClockTimeNone); }

std::optional<Buffer> AppSink::try_pull_sample(ClockTime timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto ready = [&] { return !queue_.empty() || eos_; };
  if (!ready() && timeout != 0) check_may_block("AppSink::pull_sample waiting for a buffer");
  if (!is_valid(timeout))
    changed_.wait(lock, ready);
  else if (!changed_.wait_for(lock, std::chrono::nanoseconds(timeout), ready))
    return std::nullopt;
  if (queue_.empty()) return std::nullopt;  // EOS
  Buffer buffer = std::move(queue_.front());
  queue_.pop_front();
  lock.unlock();
  wake();  // a held buffer may fit now
  return buffer;
}

bool AppSink::is_eos() {
  std::lock_guard<std::mutex> lock(mutex_);
  return eos_ && queue_.empty();
}

}  // namespace gstmini
