// gstmini: everything an application or a plugin needs, in one include
// (GStreamer's <gst/gst.h>).
//
//   #include <gstmini/gstmini.hpp>
//
//   auto pipeline = gstmini::parse_launch("fakesrc num-buffers=3 ! fakesink");
//   pipeline->set_state(gstmini::State::Playing);
//
// Each concept also has its own header, <gstmini/runtime/NAME.hpp>; the
// application-facing elements are <gstmini/elements/appsrc.hpp> and
// <gstmini/elements/appsink.hpp>. None of them includes CAF, spdlog or fmt:
// those are private to libgstmini.
#pragma once

#include "elements/appsink.hpp"
#include "elements/appsrc.hpp"
#include "gstmini/version.hpp"
#include "runtime/base_sink.hpp"
#include "runtime/base_source.hpp"
#include "runtime/base_transform.hpp"
#include "runtime/buffer.hpp"
#include "runtime/bus.hpp"
#include "runtime/caps/caps.hpp"
#include "runtime/clock.hpp"
#include "runtime/clock_time.hpp"
#include "runtime/debug/log.hpp"
#include "runtime/element.hpp"
#include "runtime/event.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "runtime/message.hpp"
#include "runtime/pad.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/property.hpp"
#include "runtime/query.hpp"
#include "runtime/registry/plugin.hpp"
#include "runtime/registry/registry.hpp"
#include "runtime/segment.hpp"
#include "runtime/state.hpp"
