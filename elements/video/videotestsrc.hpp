// videotestsrc: test pictures in any raw format, size and framerate the
// caps ask for (GstVideoTestSrc).
//
// Negotiation prefers 320x240 at 30/1 (GStreamer's defaults) within what
// downstream accepts. Buffer n carries pts = timestamp-offset + n / framerate
// and lasts one frame; framerate 0/1 makes one still frame and EOS. Live
// (is-live=true), frame n is due at running time n / framerate and the
// source reports one frame of latency. A seek moves to the frame at the
// segment's start. Patterns that do not move are painted once per caps and
// then shared: every buffer refers to the same immutable frame.
#pragma once

#include "elements/video/test_pattern.hpp"
#include "runtime/base_source.hpp"
#include "runtime/video/video_info.hpp"

namespace gstmini {

class VideoTestSrc : public Source {
 public:
  explicit VideoTestSrc(std::string name);
  static const ElementClass& element_class();

  FlowReturn create(Buffer& buffer) override;
  ClockTime next_due_time() override;
  bool start() override;
  bool is_seekable() const override { return info_.framerate.num > 0; }
  bool do_seek(Segment& segment) override;
  ClockTime latency() const override;

 protected:
  Caps fixate_caps(Caps caps) override;
  bool set_caps(const Caps& caps) override;

 private:
  ClockTime frame_time(std::uint64_t n) const;
  void load_settings();

  VideoInfo info_;
  video::PatternSettings settings_;
  video::PatternPainter painter_;
  ClockTime timestamp_offset_ = 0;
  std::uint64_t n_frames_ = 0;    // frames since the last seek/start
  std::uint64_t frame_base_ = 0;  // frame number at the segment's start
  Buffer still_;                  // the shared frame of a static pattern
  Buffer last_;                   // the last moving frame (its memory is reused)
  std::uint64_t settings_seen_ = 0;
};

}  // namespace gstmini
