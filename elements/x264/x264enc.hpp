// x264enc: H.264 encoder on libx264 (GStreamer's x264enc, -ugly).
//
// Sink: raw I420 video of any size and frame rate. Src: H.264 in Annex B
// byte-stream, one access unit per buffer (`video/x-h264,
// stream-format=byte-stream, alignment=au, profile=...`), SPS/PPS repeated
// before every IDR so any keyframe can start a stream (an HLS segment).
//
// Timestamps: a buffer's PTS is the PTS of the frame it encodes. Keyframes
// carry no DELTA_UNIT flag, every other frame does. With B-frames the
// frames come out in decode order and each buffer's DTS says when it must be
// decoded; DTS can then precede PTS by the reorder delay, so (like
// GstVideoEncoder's min-pts, which x264enc sets to 1000 hours) every
// timestamp is moved 1000 hours later and the outgoing SEGMENT by the same
// amount: running times do not change, and no DTS is negative.
//
// Latency: libx264 holds up to x264_encoder_maximum_delayed_frames() frames
// (lookahead, B-frames, frame threads); the LATENCY query adds that many
// frame durations (tune=zerolatency: none). EOS drains the held frames
// before EOS goes on.
//
// Keyframes on request: a GstForceKeyUnit event (upstream from a segmenter
// such as hlssink2, or downstream from the application) makes the first
// frame at or after its running-time an IDR; a downstream GstForceKeyUnit
// event precedes that keyframe, as GstVideoEncoder does.
//
// Threads: encoding is CPU-heavy and runs in the element's actor, like the
// chain function of GStreamer's x264enc runs in the streaming thread. That
// is acceptable because an encoder is the one expensive element of its
// streaming domain: put a queue before it (the blog's pipeline does) and the
// source keeps its own domain and timing while the encoder works. With
// threads=0 libx264 also runs its own frame or slice threads.
//
// Licence: libx264 is GPL, so this element lives in its own plugin
// (libgstminix264.so, licence "GPL"); the core does not link it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>

#include "elements/i420_layout.hpp"
#include "runtime/element.hpp"
#include "runtime/segment.hpp"

struct x264_t;

namespace gstmini {

class X264Enc : public Element {
 public:
  explicit X264Enc(std::string name);
  ~X264Enc() override;
  static const ElementClass& element_class();

  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  bool src_event(const Pad& pad, Event event, Output& out) override;
  QueryResult query(const Pad& pad, Query& query) override;
  void query_answered(Query& query) override;
  bool start() override;
  bool stop() override;

  // GStreamer's offset for encoders with B-frames (gst_video_encoder_set_min_pts).
  static constexpr ClockTime kBFrameShift = 1000ull * 3600 * kSecond;

 private:
  struct Closer {
    void operator()(x264_t* encoder) const;
  };
  struct KeyUnitRequest {
    bool pending = false;
    ClockTime running_time = kClockTimeNone;  // NONE: the next frame
    bool all_headers = true;
    std::uint64_t count = 0;
  };

  bool open_encoder(const Caps& caps, Output& out);
  FlowReturn encode(void* picture, Output& out);
  void push_frame(const void* nals, int size, const void* picture, Output& out);
  bool take_key_unit_request(const Event& event);
  void drain(Output& out);

  std::unique_ptr<x264_t, Closer> encoder_;
  I420Layout layout_;
  Fraction framerate_;
  ClockTime frame_duration_ = kClockTimeNone;
  ClockTime shift_ = 0;  // kBFrameShift when B-frames reorder, else 0
  Segment segment_;
  KeyUnitRequest key_unit_;
  std::set<std::int64_t> forced_;                // x264 pts of frames forced to IDR
  std::map<std::int64_t, ClockTime> durations_;  // x264 pts -> input duration
  std::uint64_t frames_in_ = 0;
  std::uint64_t frames_out_ = 0;
};

}  // namespace gstmini
