// mpegtsmux: H.264 access units in, an MPEG transport stream out
// (GStreamer's mpegtsmux, -bad), on libavformat's MPEG-TS muxer (TsWriter).
//
// One request sink pad "sink_%d" taking `video/x-h264,
// stream-format=byte-stream, alignment=au` (this muxer carries one video
// stream; asking for a second pad is refused with a reason). Each input
// access unit becomes one output buffer holding its 188-byte TS packets:
// PAT/PMT precede every keyframe, PCR rides on the video PID, PES PTS/DTS
// come from the buffer's running time (so a new segment does not jump the
// transport clock). Nothing is held back: the buffer for an access unit is
// pushed in the same chain call.
//
// An output buffer that starts with a keyframe (and its PAT/PMT) has no
// DELTA_UNIT flag; every other one has it. A segmenter (hlssink2) cuts only
// in front of such buffers, so every segment starts decodable.
#pragma once

#include "elements/libav/ts_writer.hpp"
#include "runtime/element.hpp"
#include "runtime/segment.hpp"

namespace gstmini {

class MpegTsMux : public Element {
 public:
  explicit MpegTsMux(std::string name);
  static const ElementClass& element_class();

  const Pad* request_new_pad(const PadTemplate& templ, const std::string& name,
                             std::string* error) override;
  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  QueryResult query(const Pad& pad, Query& query) override;
  bool start() override;
  bool stop() override;

 private:
  std::int64_t running_time_ns(ClockTime ts) const;

  TsWriter writer_;
  Segment segment_;
  int width_ = 0;
  int height_ = 0;
  bool segment_sent_ = false;
  std::uint64_t packets_ = 0;
};

}  // namespace gstmini
