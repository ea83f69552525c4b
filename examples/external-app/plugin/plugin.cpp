// The application's plugin: one registration function and the descriptor
// the registry looks up (GST_PLUGIN_DEFINE in GStreamer).
#include <gstmini/gstmini.hpp>

#include "../src/rot13.hpp"

namespace {

void plugin_init(gstmini::Registry& registry) { registry.add<example::Rot13>(); }

}  // namespace

GSTMINI_PLUGIN_DEFINE_FULL(exampleplugin, "Example elements shipped by an application", plugin_init,
                           "1.0", "LGPL", "external-app", "external-app example",
                           "https://github.com/gstmini/gstmini/tree/main/examples/external-app")
