// Source: the base class of elements that create buffers (GstBaseSrc +
// GstPushSrc).
//
// The hosting actor runs the streaming loop: it calls produce() whenever the
// src link has room, pushes what it made, and stops when the push result is
// not OK. Before the first buffer (and after a seek) it pushes STREAM_START
// and the source's TIME SEGMENT, as basesrc does. A live source (is_live())
// produces only in PLAYING and answers NO_PREROLL when going to PAUSED; for
// it, next_due_time() gives the running time at which the next buffer is due
// and the actor asks the clock for a wake-up at base_time + that time instead
// of sleeping.
//
// Negotiation (GstBaseSrc::negotiate): a source whose src pad caps are not
// ANY decides its format before the first buffer. The actor asks downstream
// with a CAPS query filtered by pad_caps(); decide_caps() intersects the
// answer, fixates it (fixate_caps, which elements override to prefer their
// property values) and the CAPS event goes out after STREAM_START.
//
// Seeking (GstBaseSrc::perform_seek): a SEEK reaching the src pad of a
// seekable source updates its segment with Segment::do_seek and the source's
// do_seek() hook; the actor then flushes downstream (for a flushing seek) and
// restarts the loop, which pushes the new SEGMENT first.
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
  // False while there is nothing to create yet (appsrc with an empty
  // queue): the loop parks until the element calls wake().
  virtual bool ready_to_create() { return true; }
  bool is_live() const;
  // Seeking: whether SEEK is supported, and repositioning to segment.start.
  virtual bool is_seekable() const { return false; }
  virtual bool do_seek(Segment& segment) {
    (void)segment;
    return true;
  }
  // Total stream duration if known, in the source's format (answers the
  // DURATION query asked in that format).
  virtual ClockTime duration() const { return kClockTimeNone; }
  // A live source's latency: how long after its running time a buffer can
  // be pushed (a camera: one frame). Answers the LATENCY query.
  virtual ClockTime latency() const { return 0; }

  // ---- called by the hosting actor ----
  // Pushes sticky events first, enforces num-buffers, then fill().
  FlowReturn produce(Output& out);
  StateChangeReturn change_state(StateChange change) override;
  // SEEK is handled here (sources have no upstream); others are refused.
  bool src_event(const Pad& pad, Event event, Output& out) override;
  // EOS sent by the application ends the stream after the current buffer.
  bool send_event(Event event, Output& out) override;
  // DURATION, SEEKING, SEGMENT and LATENCY are answered here.
  QueryResult query(const Pad& pad, Query& query) override;
  QueryResult element_query(Query& query) override;
  // After src_event() accepted a SEEK: true once, with whether it flushes.
  bool take_pending_seek(bool* flush);
  std::uint64_t buffers_produced() const { return produced_; }

  // ---- negotiation ----
  // True until this stream's caps are decided, unless the src pad is ANY
  // (then false from the first call on: the answer is cached per stream).
  bool negotiation_needed();
  // Picks the stream's caps out of what downstream accepts (`peer`, the
  // answer to the CAPS query). False if there is no common format.
  bool decide_caps(const Caps& peer);
  const Caps& negotiated_caps() const { return caps_; }
  const Segment& segment() const { return segment_; }

 protected:
  // Default: create() one buffer and push it. Override to push a list.
  virtual FlowReturn fill(Output& out);
  // Buffers still allowed by num-buffers (-1 = unlimited).
  std::int64_t remaining() const;
  void count_produced(std::uint64_t n) { produced_ += n; }
  // gst_base_src_set_format: the unit of this source's segment, seeks and
  // DURATION/SEEKING answers (TIME unless a constructor says otherwise).
  void set_format(Format format) { format_ = format; }
  Format format() const { return format_; }
  // The segment pushed before the first buffer (0..NONE in format()).
  virtual Segment initial_segment() const {
    Segment segment;
    segment.format = format_;
    return segment;
  }
  // One format out of `caps` (non-empty). Default: Caps::fixate().
  virtual Caps fixate_caps(Caps caps) { return caps.fixate(); }
  // The stream's format is now `caps` (fixed): adapt (frame size...).
  // False refuses them: negotiation fails.
  virtual bool set_caps(const Caps& caps) {
    (void)caps;
    return true;
  }

 private:
  Segment segment_;
  Format format_ = Format::Time;
  bool stream_started_ = false;
  bool negotiated_ = false;
  bool caps_pending_ = false;  // the CAPS event goes out with the next produce()
  Caps caps_;
  bool segment_pending_ = true;
  bool seek_pending_ = false;
  bool seek_flush_ = false;
  bool eos_requested_ = false;
  bool do_timestamp_ = false;
  std::uint64_t settings_seen_ = 0;
  std::uint64_t produced_ = 0;
  std::int64_t num_buffers_ = -1;
};

}  // namespace gstmini
