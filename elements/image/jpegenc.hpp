// jpegenc: raw frames in, JPEG images out (GStreamer's jpegenc, on
// libjpeg-turbo's TurboJPEG API).
//
// Accepts GStreamer's list: planar YUV (I420, YV12, Y42B, Y444, Y41B) is
// compressed from its planes at its own subsampling; NV12/NV21 and packed
// 4:2:2 (YUY2, UYVY, YVYU) are split into planes first; RGB, BGR, RGBx,
// xRGB, BGRx, xBGR are compressed as 4:4:4, GRAY8 as greyscale (as
// GStreamer's sampling factors give them). quality 0-100 (default 85),
// idct-method, snapshot as GStreamer's.
#pragma once

#include "elements/image/image_encoder.hpp"

namespace gstmini {

class JpegEnc : public ImageEncoder {
 public:
  static constexpr std::int64_t kDefaultQuality = 85;

  explicit JpegEnc(std::string name);
  ~JpegEnc() override;
  static const ElementClass& element_class();

 protected:
  bool encode(const Input& input, const std::uint8_t* pixels, std::vector<std::uint8_t>* image,
              std::string* error) override;
  std::string output_caps_prefix(const Input&) const override {
    return "image/jpeg, sof-marker=(int)0";
  }

 private:
  void* handle_ = nullptr;  // tjhandle, made on first use
  // TurboJPEG's output buffer, kept at its worst-case size for the format
  // (tjBufSize) so a stream of frames allocates it once.
  unsigned char* out_ = nullptr;
  unsigned long out_capacity_ = 0;
};

}  // namespace gstmini
