// appsink: the application pulls what reaches the end of the pipeline, from
// any thread (GStreamer's appsink).
//
// Rendered buffers wait in a queue of max-buffers (0 = unlimited). When it
// is full the sink holds the next buffer unanswered, so back-pressure reaches
// upstream exactly as with any slow sink, until a pull makes room (drop=true
// instead drops the oldest). pull_sample() blocks until a buffer or EOS;
// try_pull_sample() gives up after a timeout. Both throw BlockingCallError
// instead of waiting when called on an actor thread (a callback).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

#include "runtime/base_sink.hpp"

namespace gstmini {

class AppSink : public Sink {
 public:
  explicit AppSink(std::string name);
  static const ElementClass& element_class();

  // Any thread. nullopt: EOS (after the queue is drained) or the timeout.
  std::optional<Buffer> pull_sample();
  std::optional<Buffer> try_pull_sample(ClockTime timeout);
  bool is_eos();
  // Called on the sink's actor after each buffer was queued ("new-sample"):
  // an actor thread, where calls that wait for the pipeline throw
  // BlockingCallError (runtime/actor_thread.hpp).
  void set_new_sample_callback(std::function<void(AppSink&)> callback);

  FlowReturn render(const Buffer& buffer) override;
  // The caps property: the formats the app accepts.
  Caps pad_caps(const Pad& pad) const override { return template_caps_within(pad, "caps"); }
  bool ready_to_render() override;
  void on_event(const Event& event) override;
  bool start() override;

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Buffer> queue_;
  bool eos_ = false;
  std::function<void(AppSink&)> new_sample_;
};

}  // namespace gstmini
