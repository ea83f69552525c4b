// hlssink2: writes an MPEG transport stream as HLS segments and a playlist
// into local files (GStreamer's hlssink2, -good).
//
// GStreamer's hlssink2 is a bin (splitmuxsink + mpegtsmux) taking H.264 on
// a "video" request pad. This one takes the transport stream from an
// mpegtsmux in front of it, as GStreamer's first hlssink does, so the
// blog's pipeline reads as its five steps (`... ! x264enc ! mpegtsmux !
// hlssink2`), the muxer stays one element with one job, and the cutting
// logic (HlsSegmenter) works on bytes plus a keyframe flag, which the S3
// sink reuses unchanged with another SegmentStorage. mpegtsmux marks the
// buffers that start with a keyframe (no DELTA_UNIT); cuts happen only
// there (hls_segmenter.hpp has the rules).
//
// Keyframes on time: with send-keyframe-requests (default), each time a
// segment opens, hlssink2 sends upstream a GstForceKeyUnit event for the
// running time at which the segment is due; the encoder makes that frame an
// IDR, so segments last target-duration. Without it, segments end at the
// first keyframe after they are due.
//
// Each closed segment posts the element message
// `splitmuxsink-fragment-closed, location=..., running-time=...` (as
// splitmuxsink inside GStreamer's hlssink2 does; running-time is where the
// fragment ended) after it and the playlist are written. EOS closes the last
// segment and writes the playlist with #EXT-X-ENDLIST before the sink
// reports EOS, so the pipeline's EOS means every file is on disk.
//
// Errors (a folder that does not exist or is read-only, a full disk) stop
// the stream with an ERROR naming the file and the system's reason; an
// invalid location pattern fails the READY->PAUSED change with an ERROR.
// Files are written in the sink's actor: a local write of one segment every
// few seconds is short; network storage gets its own actor (awss3hlssink).
#pragma once

#include <memory>

#include "elements/hls/hls_segmenter.hpp"
#include "elements/hls/hls_storage.hpp"
#include "runtime/base_sink.hpp"

namespace gstmini {

class HlsSink2 : public Sink {
 public:
  explicit HlsSink2(std::string name);
  static const ElementClass& element_class();
  // hlssink2's own properties (awss3hlssink adds them to its table).
  static std::vector<PropertySpec> segment_properties();
  static HlsSettings settings_from(const Element& element);

  FlowReturn render(const Buffer& buffer) override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  // Keyframe requests must reach the encoder before it passes the cut.
  bool asks_upstream_while_rendering() const override { return send_keyframe_requests_; }
  bool start() override;
  bool stop() override;

 private:
  void fragment_closed(const HlsSegmenter::Fragment& fragment);
  void request_keyframe();

  LocalDirStorage storage_;
  std::unique_ptr<HlsSegmenter> segmenter_;
  bool send_keyframe_requests_ = true;
  bool failed_ = false;
};

}  // namespace gstmini
