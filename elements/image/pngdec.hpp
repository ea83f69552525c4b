// pngdec: PNG images in, raw frames out (GStreamer's pngdec, on libpng).
//
// Output formats, per PNG colour type as GStreamer's pngdec gives them:
//   grey 1/2/4/8-bit -> GRAY8, grey 16-bit -> GRAY16_BE,
//   RGB 8-bit and palette (without transparency) -> RGB,
//   RGBA 8-bit, grey+alpha 8-bit, palette with tRNS -> RGBA,
//   any 16-bit colour or alpha image -> ARGB64 (native-endian A,R,G,B).
// Interlaced (Adam7) images are de-interlaced. A stream of PNGs (multifilesrc,
// or several images in one file) gives one frame per image.
//
// The header is checked before libpng allocates anything: 0 x 0 images and
// frames larger than kMaxFrameBytes (1 GiB; 65536 x 65536 RGB would be 12 GiB)
// are refused with an error naming the size.
#pragma once

#include "elements/image/image_decoder.hpp"

namespace gstmini {

class PngDec : public ImageDecoder {
 public:
  explicit PngDec(std::string name);
  static const ElementClass& element_class();

 protected:
  ScanResult scan(const std::uint8_t* data, std::size_t size) override {
    return scanner_.scan(data, size);
  }
  std::size_t scan_parsed() const override { return scanner_.parsed(); }
  void reset_scan() override { scanner_.reset(); }
  bool decode(const std::uint8_t* data, std::size_t size, Frame& frame,
              std::string* error) override;
  const char* decode_error_message() const override { return "Failed to decode PNG image"; }

 private:
  PngScanner scanner_;
};

}  // namespace gstmini
