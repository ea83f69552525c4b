// videoscale: resizes raw video with libswscale (GstVideoScale). Format and
// framerate pass unchanged; the output size is what downstream asks for,
// keeping the display aspect ratio when only one side is given, else the
// input's size (passthrough, no copy).
#pragma once

#include "elements/video/swscale_transform.hpp"

namespace gstmini {

class VideoScale : public video::SwscaleTransform {
 public:
  explicit VideoScale(std::string name);
  static const ElementClass& element_class();

  Caps transform_caps(PadDirection direction, const Caps& caps) const override;
  Caps fixate_caps(const Caps& caps, Caps othercaps) override;

 protected:
  int sws_flags() const override;
};

}  // namespace gstmini
