// appsrc: the application pushes buffers into the pipeline from any thread
// (GStreamer's appsrc).
//
// push_buffer() queues a buffer; when max-buffers are waiting it blocks the
// calling thread until the pipeline took one (block=true) or refuses with
// Push::Full (block=false); on an actor thread (from an element callback) it
// throws BlockingCallError instead of waiting. end_of_stream() ends the
// stream once the queue is drained. The element's actor never waits: with an empty queue its loop
// parks, and a push wakes it (Element::wake). Back-pressure from downstream
// reaches the app the same way as anywhere: the lock-step push holds the
// loop, the queue fills, push_buffer blocks.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>

#include "runtime/base_source.hpp"

namespace gstmini {

class AppSrc : public Source {
 public:
  enum class Push { Queued, Full, Flushing, Eos };

  explicit AppSrc(std::string name);
  static const ElementClass& element_class();

  // Any thread.
  Push push_buffer(Buffer buffer);
  void end_of_stream();

  FlowReturn create(Buffer& buffer) override;
  // The caps property: what the app pushes (negotiated before the first buffer).
  Caps pad_caps(const Pad& pad) const override { return template_caps_within(pad, "caps"); }
  bool ready_to_create() override;
  bool start() override;
  bool stop() override;

 private:
  std::mutex mutex_;
  std::condition_variable room_;
  std::deque<Buffer> queue_;
  bool running_ = false;
  bool eos_ = false;
  std::size_t level_index_;
};

}  // namespace gstmini
