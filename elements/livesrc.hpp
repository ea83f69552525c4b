// livesrc: a live, camera-like source (the blog's LiveSource; plays the
// part of `videotestsrc is-live=true` or `v4l2src`).
//
// It captures one frame per framerate period while PLAYING: the actor asks
// the pipeline clock for a wake-up at base_time + n / framerate, then the
// frame is stamped with that capture slot's running time n / framerate, like
// the hardware timestamp of a capture device (a late wake-up does not move
// it). If the pipeline falls behind (the push of the last frame took longer
// than a period), the frames whose whole period has passed are not
// captured: they are counted in frames-dropped and the next buffer carries
// DISCONT. It reports one frame of latency.
//
// Frames are zero bytes by default (pattern=zero, free to make);
// pattern=gradient draws a moving ramp so an encoded stream shows motion.
//
// Its format is negotiated like videotestsrc's: raw video in any size, a few
// formats and frame rates; it prefers 320x240, RGB and its framerate
// property, and produces what downstream asks for (a capsfilter
// `video/x-raw,width=640,framerate=15/1` gets 640-wide frames at 15 fps).
#pragma once

#include "runtime/base_source.hpp"
#include "runtime/property.hpp"

namespace gstmini {

class LiveSrc : public Source {
 public:
  explicit LiveSrc(std::string name);
  static const ElementClass& element_class();

  FlowReturn create(Buffer& buffer) override;
  ClockTime next_due_time() override;
  bool start() override;
  bool stop() override;

 protected:
  Caps fixate_caps(Caps caps) override;
  bool set_caps(const Caps& caps) override;

 public:
  // One frame: a frame exists only once its period has passed.
  ClockTime latency() const override { return frame_time(1); }

 private:
  ClockTime frame_time(std::uint64_t n) const;
  void draw_gradient(Buffer& buffer) const;

  Fraction framerate_;
  std::size_t frame_size_ = 0;
  std::int64_t pattern_ = 0;
  std::string format_;
  std::int64_t width_ = 0;
  std::int64_t height_ = 0;
  std::uint64_t next_frame_ = 0;
  std::uint64_t dropped_ = 0;
  bool discont_ = true;
};

}  // namespace gstmini
