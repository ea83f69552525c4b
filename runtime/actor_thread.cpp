#include "runtime/actor_thread.hpp"

#include <string>

namespace gstmini {
namespace {
thread_local int actor_depth = 0;  // ActorThreadScopes alive on this thread
}  // namespace

bool on_actor_thread() noexcept { return actor_depth > 0; }

void check_may_block(const char* call) {
  if (!on_actor_thread()) return;
  throw BlockingCallError(
      std::string(call) +
      " called on an actor thread (from an element hook or callback such as new-sample or "
      "handoff): it would wait for the pipeline the calling thread is running; call it from an "
      "application thread");
}

ActorThreadScope::ActorThreadScope() noexcept { ++actor_depth; }
ActorThreadScope::~ActorThreadScope() { --actor_depth; }

}  // namespace gstmini
