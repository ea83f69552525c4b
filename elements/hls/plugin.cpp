// The hls plugin: hlssink2 writing HLS segments and a playlist to local files.
#include "runtime/registry/plugin.hpp"
#include "elements/hls/hlssink2.hpp"
#include "runtime/registry/registry.hpp"

static void plugin_init(gstmini::Registry& registry) { registry.add<gstmini::HlsSink2>(); }

GSTMINI_PLUGIN_DEFINE(hls, "HTTP Live Streaming (HLS) sink", plugin_init, "0.1.0", "LGPL")
