// pngenc: raw frames in, PNG images out (GStreamer's pngenc, on libpng).
//
// Accepts RGBA, RGB, GRAY8 and GRAY16_BE, as GStreamer's. Like GStreamer's
// it writes rows without PNG filtering (PNG_FILTER_NONE) at the given zlib
// compression-level (0-9, default 6): same files, same speed trade-off.
#pragma once

#include "elements/image/image_encoder.hpp"

namespace gstmini {

class PngEnc : public ImageEncoder {
 public:
  static constexpr std::uint64_t kDefaultCompressionLevel = 6;

  explicit PngEnc(std::string name);
  static const ElementClass& element_class();

 protected:
  bool encode(const Input& input, const std::uint8_t* pixels, std::vector<std::uint8_t>* image,
              std::string* error) override;
  std::string output_caps_prefix(const Input&) const override { return "image/png"; }
};

}  // namespace gstmini
