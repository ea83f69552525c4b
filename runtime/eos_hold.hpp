// EosHold: what a sink implements (next to Sink) when it still finishes work
// after it accepted the last buffer, such as an upload in flight
// (awss3sink). The sink's actor asks it before posting EOS: while
// ready_for_eos() is false the EOS stays held, unanswered, and the actor
// asks again when the element calls wake(). So EOS reaches the application
// only once the data is safe, as basesink's EOS handler blocking on it would
// do, without blocking the actor.
//
// An interface of its own (found with dynamic_cast) rather than a Sink
// virtual: only the few sinks that need it see it.
#pragma once

#include "runtime/element.hpp"

namespace gstmini {

class EosHold {
 public:
  virtual ~EosHold() = default;
  // Called on the sink's own actor.
  virtual bool ready_for_eos() = 0;
};

// For the sink's actor: true unless `sink` is an EosHold that is not ready.
inline bool sink_ready_for_eos(Element& sink) {
  auto* hold = dynamic_cast<EosHold*>(&sink);
  return !hold || hold->ready_for_eos();
}

}  // namespace gstmini
