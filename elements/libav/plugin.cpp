// The libav plugin: elements on FFmpeg's libraries (LGPL in Debian's build
// of libavcodec/libavformat), like GStreamer's gst-libav.
#include "runtime/registry/plugin.hpp"
#include "elements/libav/avdec_h264.hpp"
#include "elements/libav/mpegtsmux.hpp"
#include "runtime/registry/registry.hpp"

static void plugin_init(gstmini::Registry& registry) {
  registry.add<gstmini::MpegTsMux>();
  registry.add<gstmini::AvDecH264>();
}

GSTMINI_PLUGIN_DEFINE(libav, "FFmpeg-based muxer and decoder (libavformat, libavcodec)",
                      plugin_init, "0.1.0", "LGPL")
