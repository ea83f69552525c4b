// avdec_h264: H.264 decoder on libavcodec (GStreamer's avdec_h264, gst-libav).
//
// Sink: `video/x-h264, stream-format=byte-stream, alignment=au` (what
// x264enc makes). Src: `video/x-raw, format=I420` in GStreamer's layout
// (rows padded to 4 bytes), size from the stream. Each decoded frame keeps
// the PTS of the access unit it came from (libavcodec carries it through
// reordering); EOS drains the frames the decoder still holds.
//
// Decoding runs in the element's actor, like x264enc's encoding (see there
// why that is acceptable); max-threads=0 lets libavcodec choose its frame
// threads, which adds a frame of delay per thread.
#pragma once

#include <memory>

#include "runtime/element.hpp"

struct AVCodecContext;
struct AVFrame;
struct AVPacket;

namespace gstmini {

class AvDecH264 : public Element {
 public:
  explicit AvDecH264(std::string name);
  ~AvDecH264() override;
  static const ElementClass& element_class();

  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  QueryResult query(const Pad& pad, Query& query) override;
  bool start() override;
  bool stop() override;

 private:
  bool open_decoder();
  void close_decoder();
  // Sends `packet` (null: drain) and pushes every frame that comes out.
  FlowReturn decode(AVPacket* packet, Output& out);
  FlowReturn push_frame(const AVFrame& frame, Output& out);

  AVCodecContext* ctx_ = nullptr;
  AVFrame* frame_ = nullptr;
  int width_ = 0;
  int height_ = 0;
  Fraction framerate_{0, 1};
  std::uint64_t decoded_ = 0;
};

}  // namespace gstmini
