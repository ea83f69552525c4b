// The SDL2 plugin: a window for raw video (sdlvideosink, autovideosink).
#include "runtime/registry/plugin.hpp"
#include "elements/sdl/sdlvideosink.hpp"
#include "runtime/registry/registry.hpp"

namespace {

// autovideosink: the same sink under GStreamer's generic name.
class AutoVideoSink : public gstmini::SdlVideoSink {
 public:
  explicit AutoVideoSink(std::string name) : SdlVideoSink(auto_element_class(), std::move(name)) {}
  static const gstmini::ElementClass& element_class() { return auto_element_class(); }
};

}  // namespace

static void plugin_init(gstmini::Registry& registry) {
  registry.add<gstmini::SdlVideoSink>();
  registry.add<AutoVideoSink>();
}

GSTMINI_PLUGIN_DEFINE(sdl, "SDL2 video output", plugin_init, "0.1.0", "LGPL")
