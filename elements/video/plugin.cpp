// The raw video plugin: test source, converter, scaler, rate and freeze.
#include "runtime/registry/plugin.hpp"
#include "elements/video/imagefreeze.hpp"
#include "elements/video/videoconvert.hpp"
#include "elements/video/videorate.hpp"
#include "elements/video/videoscale.hpp"
#include "elements/video/videotestsrc.hpp"
#include "runtime/registry/registry.hpp"

static void plugin_init(gstmini::Registry& registry) {
  registry.add<gstmini::VideoTestSrc>();
  registry.add<gstmini::VideoConvert>();
  registry.add<gstmini::VideoScale>();
  registry.add<gstmini::VideoRate>();
  registry.add<gstmini::ImageFreeze>();
}

GSTMINI_PLUGIN_DEFINE(videoelements,
                      "Raw video: test source, convert, scale (libswscale), rate, freeze",
                      plugin_init, "0.1.0", "LGPL")
