// Source: the base class of elements that create buffers (GstBaseSrc +
// GstPushSrc).
//
// The hosting actor runs the streaming loop: it calls produce() whenever the
// src link has room, pushes what it made, and stops when the push result is
// not OK. Before the first buffer it pushes STREAM_START and a TIME SEGMENT,
// as basesrc does. A live source (is_live()) produces only in PLAYING and
// answers NO_PREROLL when going to PAUSED; for it, next_due_time() gives the
// running time at which the next buffer is due and the actor asks the clock
// for a wake-up at base_time + that time instead of sleeping.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/element.hpp"
#include "runtime/segment.hpp"

namespace gstmini {

class Source : public Element {
 public:
  using Element::Element;

  // num-buffers, is-live, do-timestamp: basesrc's common properties.
  static std::vector<PropertySpec> base_properties();

  // Make the next buffer. FlowReturn::Eos ends the stream normally.
  virtual FlowReturn create(Buffer& buffer) = 0;
  // Live sources: running time the next buffer is due at (kClockTimeNone: now).
  virtual ClockTime next_due_time() { return kClockTimeNone; }
  bool is_live() const;

  // ---- called by the hosting actor ----
  // Pushes sticky events first, enforces num-buffers, then fill().
  FlowReturn produce(Output& out);
  StateChangeReturn change_state(StateChange change) override;
  std::uint64_t buffers_produced() const { return produced_; }

 protected:
  // Default: create() one buffer and push it. Override to push a list.
  virtual FlowReturn fill(Output& out);
  // Buffers still allowed by num-buffers (-1 = unlimited).
  std::int64_t remaining() const;
  void count_produced(std::uint64_t n) { produced_ += n; }
  // The segment pushed downstream before the first buffer (TIME, 0..NONE).
  virtual Segment initial_segment() const { return Segment{}; }

 private:
  bool sticky_sent_ = false;
  bool do_timestamp_ = false;
  std::uint64_t settings_seen_ = 0;
  std::uint64_t produced_ = 0;
  std::int64_t num_buffers_ = -1;
};

}  // namespace gstmini
