// fakesink: consumes buffers and does nothing with them (GStreamer's
// fakesink). The observation post of every test and flow experiment.
//
// sync defaults to false, as in GStreamer. silent=false keeps last-message
// up to date and logs each buffer; dump=true hex-dumps the payload; a
// handoff callback sees every rendered buffer (GStreamer's "handoff" signal),
// called on the sink's own actor: an actor thread, where calls that wait for
// the pipeline throw BlockingCallError (runtime/actor_thread.hpp).
#pragma once

#include <atomic>
#include <functional>
#include <mutex>

#include "runtime/base_sink.hpp"

namespace gstmini {

class FakeSink : public Sink {
 public:
  // Called for each rendered (and, with preroll, the prerolled) buffer.
  using Handoff = std::function<void(const Buffer& buffer, const FakeSink& sink)>;

  explicit FakeSink(std::string name);
  static const ElementClass& element_class();

  // Thread-safe; usually set before the pipeline starts.
  void set_handoff(Handoff handoff);
  void set_preroll_handoff(Handoff handoff);
  // Inside a handoff: how late this render was (clock - target; 0 without sync).
  ClockTimeDiff lateness() const { return current_jitter(); }
  // Inside a handoff: the running time the buffer was synced to.
  ClockTime render_running_time() const { return current_plan().running_time; }

  FlowReturn render(const Buffer& buffer) override;
  FlowReturn preroll(const Buffer& buffer) override;
  void on_event(const Event& event) override;
  bool start() override;

 private:
  void set_last_message(const std::string& message);
  FlowReturn preroll_handoff(const Buffer& buffer);
  void refresh_settings();

  struct Settings {
    bool silent = true;
    bool dump = false;
    std::int64_t num_buffers = -1;
  };
  Settings settings_;
  std::uint64_t settings_seen_ = 0;
  std::size_t last_message_index_;

  std::mutex handoff_mutex_;
  std::atomic<bool> has_handoff_{false};  // skip the lock while nobody listens
  Handoff handoff_;
  Handoff preroll_handoff_;
  std::int64_t accepted_ = 0;  // for num-buffers
};

}  // namespace gstmini
