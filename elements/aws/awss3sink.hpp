// awss3sink: writes the stream to one S3 object (gst-plugins-rs' awss3sink).
//
//   ... ! awss3sink bucket=media key=take1.ts region=eu-west-1
//   ... ! awss3sink bucket=b key=k endpoint-uri=http://127.0.0.1:9000 force-path-style=true
//
// Data is gathered into parts of part-size bytes; each full part goes to an
// ObjectUpload whose worker thread uploads it as a multipart upload part
// while the stream goes on. At EOS the tail is uploaded and the upload
// completed (or, for an object smaller than one part, sent as one PutObject);
// the sink posts EOS only after that succeeded, so nothing accepted is lost.
//
// Back-pressure: while more than two parts wait for upload the sink does not
// take the next buffer (ready_to_render() is false), so upstream is held by
// the normal link credit; the worker wakes the sink when a part is done.
// Memory is bounded by about three parts plus one buffer.
//
// Credentials and region come from the properties or the standard AWS
// environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN, AWS_REGION / AWS_DEFAULT_REGION when region is left at
// its default). A request that fails for good posts an ERROR with S3's code
// and message ("NoSuchBucket: The specified bucket does not exist"); each
// retry posts a WARNING.
#pragma once

#include <memory>
#include <vector>

#include "elements/aws/s3_upload.hpp"
#include "runtime/base_sink.hpp"
#include "runtime/eos_hold.hpp"

namespace gstmini {

class AwsS3Sink : public Sink, public EosHold {
 public:
  explicit AwsS3Sink(std::string name);
  ~AwsS3Sink() override;
  static const ElementClass& element_class();

  bool start() override;
  bool stop() override;
  FlowReturn render(const Buffer& buffer) override;
  bool ready_to_render() override;
  bool ready_for_eos() override;
  void on_event(const Event& event) override;

 private:
  std::unique_ptr<aws::ObjectUpload> upload_;
  std::vector<std::uint8_t> part_;  // the part being filled
  std::size_t part_size_ = 0;
  bool finishing_ = false;  // EOS handed the tail over
};

}  // namespace gstmini
