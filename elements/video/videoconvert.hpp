// videoconvert: converts between raw video formats with libswscale
// (GstVideoConvert). Size and framerate pass unchanged; the output format
// is what downstream asks for, else the one closest to the input (the same
// one: passthrough, no copy).
#pragma once

#include "elements/video/swscale_transform.hpp"

namespace gstmini {

class VideoConvert : public video::SwscaleTransform {
 public:
  explicit VideoConvert(std::string name);
  static const ElementClass& element_class();

  Caps transform_caps(PadDirection direction, const Caps& caps) const override;
  Caps fixate_caps(const Caps& caps, Caps othercaps) override;

 protected:
  int sws_flags() const override;
};

}  // namespace gstmini
