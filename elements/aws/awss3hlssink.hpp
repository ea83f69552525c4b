// awss3hlssink: HLS into S3 (gst-plugins-rs' awss3hlssink): hlssink2's
// segmenting (HlsSegmenter: cuts at keyframes, keyframe requests, playlist
// window, max-files) with S3SegmentStorage behind it, so segments and the
// playlist become objects "<key-prefix>/<name>".
//
//   ... ! x264enc ! mpegtsmux ! awss3hlssink bucket=media key-prefix=live
//         target-duration=2 max-files=6 endpoint-uri=http://127.0.0.1:9000
//
// Uploads run on the storage's worker thread, in order: a playlist never
// names a segment that is not uploaded, and a segment is deleted (past
// max-files) only after a playlist without it. While two finished segments
// wait for upload the sink takes no more data (back-pressure through the
// link), and EOS is held until the last segment and the final playlist
// (with #EXT-X-ENDLIST) are in S3.
#pragma once

#include <memory>

#include "elements/aws/s3_hls_storage.hpp"
#include "elements/hls/hls_segmenter.hpp"
#include "runtime/base_sink.hpp"
#include "runtime/eos_hold.hpp"

namespace gstmini {

class AwsS3HlsSink : public Sink, public EosHold {
 public:
  explicit AwsS3HlsSink(std::string name);
  ~AwsS3HlsSink() override;
  static const ElementClass& element_class();

  bool start() override;
  bool stop() override;
  FlowReturn render(const Buffer& buffer) override;
  bool ready_to_render() override;
  bool ready_for_eos() override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  // Keyframe requests must reach the encoder before it passes the cut.
  bool asks_upstream_while_rendering() const override { return send_keyframe_requests_; }

 private:
  void fragment_closed(const HlsSegmenter::Fragment& fragment);
  void request_keyframe();

  // Declared before the segmenter, which refers to it: destroyed after it.
  std::unique_ptr<aws::S3SegmentStorage> storage_;
  std::unique_ptr<HlsSegmenter> segmenter_;
  bool send_keyframe_requests_ = true;
  bool failed_ = false;
};

}  // namespace gstmini
