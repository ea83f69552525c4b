#include "runtime/base_source.hpp"

#include <limits>

namespace gstmini {

std::vector<PropertySpec> Source::base_properties() {
  return {
      PropertySpec::integer("num-buffers", -1, -1, std::numeric_limits<std::int32_t>::max(),
                            "Number of buffers to output before sending EOS (-1 = unlimited)"),
      PropertySpec::boolean("is-live", false, "Whether to act as a live source"),
      PropertySpec::boolean("do-timestamp", false, "Apply current stream time to buffers"),
  };
}

bool Source::is_live() const { return get<bool>("is-live"); }

std::int64_t Source::remaining() const {
  if (num_buffers_ < 0) return std::numeric_limits<std::int64_t>::max();
  return num_buffers_ - static_cast<std::int64_t>(produced_);
}

FlowReturn Source::produce(Output& out) {
  if (!sticky_sent_) {
    out.push_event(Event::stream_start(name() + "/stream"));
    out.push_event(Event::segment(initial_segment()));
    sticky_sent_ = true;
  }
  if (remaining() <= 0) return FlowReturn::Eos;
  std::size_t before = out.items().size();
  FlowReturn ret = fill(out);
  if (settings_changed(&settings_seen_)) do_timestamp_ = get<bool>("do-timestamp");
  if (do_timestamp_) {
    ClockTime now = running_time_now();
    for (std::size_t i = before; i < out.items().size(); ++i)
      if (auto* buffer = std::get_if<Buffer>(&out.items()[i].data)) buffer->pts = now;
  }
  return ret;
}

FlowReturn Source::fill(Output& out) {
  Buffer buffer;
  FlowReturn ret = create(buffer);
  if (ret != FlowReturn::Ok) return ret;
  if (produced_ == 0) buffer.set_flag(BufferFlags::Discont);
  count_produced(1);
  out.push(std::move(buffer));
  return FlowReturn::Ok;
}

StateChangeReturn Source::change_state(StateChange change) {
  if (change == StateChange::ReadyToPaused) {
    sticky_sent_ = false;
    produced_ = 0;
    num_buffers_ = get<std::int64_t>("num-buffers");
  }
  StateChangeReturn ret = Element::change_state(change);
  if (ret == StateChangeReturn::Failure) return ret;
  // A live source cannot preroll: it produces only while PLAYING.
  bool to_paused = change == StateChange::ReadyToPaused || change == StateChange::PlayingToPaused;
  return is_live() && to_paused ? StateChangeReturn::NoPreroll : ret;
}

}  // namespace gstmini
