// Which threads may block (DESIGN invariant 8).
//
// Element code runs on the runtime's actor threads, a few workers shared by
// every element: each hook, and the application callbacks an element makes
// from its hooks, on the element's own actor:
//   * AppSink's new-sample callback,
//   * FakeSink's handoff and preroll-handoff,
//   * Queue's overrun and underrun callbacks.
// (A Bus watch runs on the bus's own thread and a bus pop on the caller's:
// they are application threads.)
//
// A call from an actor thread that waits for the pipeline would wait for
// work that needs the very thread it holds, so these calls check and throw
// BlockingCallError at once instead of stalling or deadlocking:
//   * every Pipeline method that asks the pipeline actor (set_state,
//     query_*, seek, send_event, add, link, ...) and get_state with a
//     timeout other than 0;
//   * AppSrc::push_buffer when it would wait for room (block=true, full);
//   * AppSink::pull_sample / try_pull_sample when they would wait.
// Thrown inside a hook or callback, it reaches the bus as an ERROR naming
// the element (every hook is guarded). Non-blocking calls stay allowed:
// properties, current_state(), get_state(..., 0), try_pull_sample(0), a
// push with room.
#pragma once

#include <stdexcept>

namespace gstmini {

class BlockingCallError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// True while this thread runs code for an actor (element or pipeline).
bool on_actor_thread() noexcept;

// Throws BlockingCallError naming `call` if on_actor_thread().
void check_may_block(const char* call);

// Marks the calling thread as an actor thread for its lifetime (nests).
// The actor layer wraps every run of an actor in one.
class ActorThreadScope {
 public:
  ActorThreadScope() noexcept;
  ~ActorThreadScope();
  ActorThreadScope(const ActorThreadScope&) = delete;
  ActorThreadScope& operator=(const ActorThreadScope&) = delete;
};

}  // namespace gstmini
