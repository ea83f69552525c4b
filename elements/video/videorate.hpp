// videorate: makes a stream of exactly the framerate downstream wants by
// dropping and duplicating frames (GstVideoRate).
//
// Output frame n has pts base + n / framerate (base: the first input pts).
// Each input frame is held until the next one arrives; every output slot
// whose time is nearer the held frame than the new one gets the held frame
// (shared, not copied). A held frame that fills no slot is dropped; one
// that fills several is duplicated. At EOS the last frame fills the slots
// that start before its end. The read-only counters in, out, drop and duplicate are
// GStreamer's.
#pragma once

#include <atomic>

#include "runtime/base_transform.hpp"
#include "runtime/video/video_info.hpp"

namespace gstmini {

class VideoRate : public Transform {
 public:
  explicit VideoRate(std::string name);
  static const ElementClass& element_class();

  bool transforms_caps() const override { return true; }
  Caps transform_caps(PadDirection direction, const Caps& caps) const override;
  Caps fixate_caps(const Caps& caps, Caps othercaps) override;
  bool set_caps(const Caps& in, const Caps& out) override;
  bool start() override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;

 private:
  ClockTime slot_time(std::uint64_t n) const;
  // Pushes the held frame into every slot that ends before `limit` is nearer.
  void fill_slots(ClockTime next_pts, Output& out);
  void push_held(Output& out);

  Fraction out_rate_{0, 1};
  Buffer held_;
  bool have_held_ = false;
  std::uint64_t held_uses_ = 0;
  ClockTime base_ = kClockTimeNone;
  std::uint64_t n_ = 0;  // next output slot
  std::atomic<std::uint64_t> in_{0}, out_{0}, drop_{0}, dup_{0};
};

}  // namespace gstmini
