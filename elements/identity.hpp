// identity: passes buffers through unchanged (GStreamer's identity), with
// knobs for flow studies: sleep-time blocks the element's worker thread like
// GStreamer's (a stalled streaming thread), cpu-work burns CPU per buffer,
// error-after returns ERROR after n buffers. With silent=false every buffer
// and event sets last-message as GStreamer's identity does (`-v` shows it).
#pragma once

#include "runtime/base_transform.hpp"

namespace gstmini {

class Identity : public Transform {
 public:
  explicit Identity(std::string name);
  static const ElementClass& element_class();

  FlowReturn transform_ip(Buffer& buffer) override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  bool start() override;

 private:
  void refresh_settings();
  void set_last_message(const std::string& message);

  struct Settings {
    bool silent = true;
    std::uint64_t sleep_us = 0;
    std::uint64_t work_us = 0;
    std::int64_t error_after = -1;
  };
  Settings settings_;
  std::uint64_t settings_seen_ = 0;
  std::int64_t seen_ = 0;
  std::size_t last_message_index_;
};

}  // namespace gstmini
