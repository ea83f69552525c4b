// The image plugin: PNG and JPEG decoders and encoders (GStreamer's png and
// jpeg plugins), on Debian's libpng and libjpeg-turbo.
#include "runtime/registry/plugin.hpp"
#include "elements/image/jpegdec.hpp"
#include "elements/image/jpegenc.hpp"
#include "elements/image/pngdec.hpp"
#include "elements/image/pngenc.hpp"
#include "runtime/registry/registry.hpp"

namespace {
void plugin_init(gstmini::Registry& registry) {
  registry.add<gstmini::PngDec>();
  registry.add<gstmini::PngEnc>();
  registry.add<gstmini::JpegDec>();
  registry.add<gstmini::JpegEnc>();
}
}  // namespace

GSTMINI_PLUGIN_DEFINE(image, "PNG and JPEG image decoders and encoders", plugin_init, "0.1.0",
                      "LGPL")
