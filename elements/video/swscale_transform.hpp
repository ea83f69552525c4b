// SwscaleTransform: the base of videoconvert and videoscale, one libswscale
// context turning frames of the input VideoInfo into the output's.
//
// What may change is the subclass's choice: videoconvert's transform_caps
// frees the format (keeping size and rate), videoscale's frees the size
// (keeping format and rate). Both fixate to the output nearest the input,
// so a pipeline that asks for nothing new gets passthrough. YUV frames
// above 576 lines are taken as BT.709, others as BT.601 (GStreamer's
// default colorimetry for caps that name none).
#pragma once

#include <string>

#include "runtime/base_transform.hpp"
#include "runtime/video/video_info.hpp"

struct SwsContext;

namespace gstmini::video {

// Every format the swscale elements accept and produce.
const std::vector<VideoFormat>& swscale_formats();

class SwscaleTransform : public Transform {
 public:
  SwscaleTransform(const ElementClass& klass, std::string name);
  ~SwscaleTransform() override;

  bool transforms_caps() const override { return true; }
  bool set_caps(const Caps& in, const Caps& out) override;
  FlowReturn transform(const Buffer& in, Buffer& out) override;
  bool stop() override;

 protected:
  // SWS_* flags for the context (scaling method).
  virtual int sws_flags() const = 0;
  const VideoInfo& in_info() const { return in_; }
  const VideoInfo& out_info() const { return out_; }

 private:
  VideoInfo in_, out_;
  SwsContext* sws_ = nullptr;
};

// Fixes `field` of `s` to the integer nearest `target` if it is not fixed.
void fixate_nearest(CapsStructure& s, const char* field, std::int64_t target);

}  // namespace gstmini::video
