// The built-in elements, registered on first use of the registry (like
// GStreamer's coreelements plugin_init).
#include "elements/appsink.hpp"
#include "elements/appsrc.hpp"
#include "elements/capsfilter.hpp"
#include "elements/fakesink.hpp"
#include "elements/fakesrc.hpp"
#include "elements/filesink.hpp"
#include "elements/filesrc.hpp"
#include "elements/funnel.hpp"
#include "elements/identity.hpp"
#include "elements/livesrc.hpp"
#include "elements/multifilesink.hpp"
#include "elements/multifilesrc.hpp"
#include "elements/queue.hpp"
#include "elements/tee.hpp"
#include "elements/valve.hpp"
#include "runtime/registry/registry.hpp"

namespace gstmini {

void register_core_elements(Registry& registry) {
  registry.add<FakeSrc>();
  registry.add<FakeSink>();
  registry.add<Identity>();
  registry.add<LiveSrc>();
  registry.add<Queue>();
  registry.add<Tee>();
  registry.add<Funnel>();
  registry.add<Valve>();
  registry.add<AppSrc>();
  registry.add<AppSink>();
  registry.add<CapsFilter>();
  registry.add<FileSrc>();
  registry.add<FileSink>();
  registry.add<MultiFileSrc>();
  registry.add<MultiFileSink>();
}

}  // namespace gstmini
