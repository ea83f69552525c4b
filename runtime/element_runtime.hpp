// ElementRuntime: what the hosting actor gives an element (bus, clock, base
// time, state, and the hooks back into the actor).
#pragma once

#include <functional>
#include <memory>

#include "runtime/bus.hpp"
#include "runtime/clock.hpp"
#include "runtime/clock_time.hpp"
#include "runtime/message.hpp"
#include "runtime/state.hpp"

namespace gstmini {

// Set by the hosting actor; read by the element.
struct ElementRuntime {
  std::shared_ptr<Bus> bus;
  std::shared_ptr<Clock> clock;
  ClockTime base_time = kClockTimeNone;
  State state = State::Null;
  // Messages the pipeline itself acts on (LATENCY) also go here.
  std::function<void(const Message&)> notify_pipeline;
  // Thread-safe: asks the element's actor to look again at work it parked
  // because the element was not ready (appsrc got data, appsink got room).
  std::function<void()> wake;
};

}  // namespace gstmini
