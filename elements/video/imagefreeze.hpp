// imagefreeze: turns one picture into a video stream (GstImageFreeze).
//
// The first buffer on the sink pad is kept (later ones are refused with
// EOS, as allow-replace=false does); the src side then runs as a source:
// frame n is that picture with pts n / framerate, the payload shared, not
// copied. The framerate is downstream's choice, 25/1 if it has none
// (GStreamer's default). num-buffers ends the stream, is-live paces it on
// the clock, a seek restarts it at the segment's start. Upstream EOS is
// absorbed once a picture is there; without one it ends the stream.
#pragma once

#include "runtime/base_source.hpp"
#include "runtime/video/video_info.hpp"

namespace gstmini {

class ImageFreeze : public Source {
 public:
  explicit ImageFreeze(std::string name);
  static const ElementClass& element_class();

  // The sink side (what upstream pushes).
  bool transforms_caps() const override { return true; }
  Caps transform_caps(PadDirection direction, const Caps& caps) const override;
  void set_peer_caps(Caps caps) override { peer_caps_ = std::move(caps); }
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
  // The src side decides nothing by itself: its caps come from upstream.
  Caps pad_caps(const Pad& pad) const override;

  // The source side.
  bool start() override;
  bool ready_to_create() override { return have_picture_ || upstream_eos_; }
  FlowReturn create(Buffer& buffer) override;
  ClockTime next_due_time() override;
  bool is_seekable() const override { return true; }
  bool do_seek(Segment& segment) override;
  ClockTime latency() const override;

 private:
  ClockTime frame_time(std::uint64_t n) const;

  Caps peer_caps_ = Caps::any();
  Caps out_caps_;
  Fraction framerate_{25, 1};
  Buffer picture_;
  bool have_picture_ = false;
  bool upstream_eos_ = false;
  std::uint64_t n_ = 0;
};

}  // namespace gstmini
