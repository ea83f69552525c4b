// jpegdec: JPEG images in, raw frames out (GStreamer's jpegdec, on
// libjpeg-turbo's TurboJPEG API).
//
// Output as GStreamer's jpegdec: YCbCr JPEGs -> I420 (full-range, JPEG
// chroma siting: colorimetry 1:4:0:0, chroma-site jpeg), greyscale -> GRAY8,
// RGB JPEGs -> RGB. 4:2:0 files decode straight into the I420 planes; other
// subsamplings (4:4:4, 4:2:2, 4:4:0, 4:1:1) are decoded to their own planes
// and their chroma averaged down to 4:2:0. CMYK/YCCK are refused, as in
// GStreamer ("Picture has unknown or unsupported colourspace").
//
// idct-method as GStreamer's (ifast by default). A frame over kMaxFrameBytes
// (65535 x 65535 is 6 GiB in I420) is refused from the header, before any
// allocation. libjpeg warnings (corrupt entropy data that still decodes)
// post a WARNING naming the element and keep the frame, as jpegdec does.
#pragma once

#include "elements/image/image_decoder.hpp"

namespace gstmini {

class JpegDec : public ImageDecoder {
 public:
  explicit JpegDec(std::string name);
  ~JpegDec() override;
  static const ElementClass& element_class();

 protected:
  ScanResult scan(const std::uint8_t* data, std::size_t size) override {
    return scanner_.scan(data, size);
  }
  std::size_t scan_parsed() const override { return scanner_.parsed(); }
  void reset_scan() override { scanner_.reset(); }
  bool decode(const std::uint8_t* data, std::size_t size, Frame& frame,
              std::string* error) override;
  const char* decode_error_message() const override { return "Failed to decode JPEG image"; }

 private:
  bool decode_yuv(const std::uint8_t* data, std::size_t size, int subsamp, int flags, Frame& frame,
                  std::string* error);

  JpegScanner scanner_;
  void* handle_ = nullptr;  // tjhandle, made on first use
};

// The idct-method enum of jpegdec/jpegenc (GstIDCTMethod).
std::vector<EnumValue> idct_methods();

}  // namespace gstmini
