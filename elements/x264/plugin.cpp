// The x264 plugin: GPL, because libx264 is. It is a separate shared
// library (libgstminix264.so) so that the core keeps its own licence, as
// GStreamer keeps x264enc in -ugly.
#include "runtime/registry/plugin.hpp"
#include "elements/x264/x264enc.hpp"
#include "runtime/registry/registry.hpp"

static void plugin_init(gstmini::Registry& registry) { registry.add<gstmini::X264Enc>(); }

GSTMINI_PLUGIN_DEFINE(x264, "libx264-based H.264 encoder plugin", plugin_init, "0.1.0", "GPL")
