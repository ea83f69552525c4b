// ActorRuntime: the process's one caf::actor_system (runtime/runtime.hpp is
// the public side), and the two tools every Pipeline handle needs from it.
//
// Lifetime: acquire() hands out leases (shared_ptr). The first lease starts
// the system; when the last one is released the system stops: it waits for
// every actor, then joins its threads. Release on one of the runtime's own
// threads (a Pipeline destroyed inside an element callback) hands the stop
// to a reaper thread, since a worker cannot join itself.
//
// Application threads never spawn anything: CAF's spawn (and scoped_actor,
// which spawns) stores a thread-local reference to the system's logger, and
// ~actor_system waits until every such reference is gone, so a still-alive
// thread that once made a call would hang the shutdown forever. The rules:
//   - spawn() clears that reference again on application threads;
//   - call() (request/response from an application thread) goes through the
//     runtime's long-lived `bridge` actor: the thread sends one message and
//     waits on a condition variable the bridge's response handler signals.
//
// ActorTracker: the shared system no longer waits for a pipeline's actors,
// so each Pipeline counts its own (pipeline actor and element actors) and
// its destructor waits until all have terminated: after ~Pipeline no element
// code runs.
#pragma once

#include <sys/types.h>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/runtime.hpp"

namespace gstmini::actors {

// The threads an actor system started (by kernel thread id), so that its
// owner can wait until they have left the process, not only finished.
class ThreadRoster {
 public:
  void add(pid_t tid);
  // Waits until no listed thread exists any more; false after `patience`.
  bool wait_gone(std::chrono::milliseconds patience);

 private:
  std::mutex mutex_;
  std::vector<pid_t> tids_;
};

class ActorRuntime {
 public:
  // `threads` / `max_throughput`: a Pipeline's wishes (0: none); used only
  // if this call starts the runtime, else a difference is logged for `who`.
  static std::shared_ptr<ActorRuntime> acquire(unsigned threads, unsigned max_throughput,
                                               const std::string& who);
  ~ActorRuntime();
  ActorRuntime(const ActorRuntime&) = delete;
  ActorRuntime& operator=(const ActorRuntime&) = delete;

  caf::actor_system& system() { return *system_; }
  const RuntimeOptions& options() const { return options_; }

  // Spawns a top-level actor from any thread.
  template <class T, class... Ts>
  caf::actor spawn(Ts&&... args) {
    caf::actor actor = system_->spawn<T>(std::forward<Ts>(args)...);
    forget_logger();
    return actor;
  }
  // Runs `fn` on the bridge actor (an actor thread of this runtime), in the
  // order run() was called from one thread.
  void run(std::function<void(caf::event_based_actor*)> fn);

  // True on a thread the actor system started (worker or timer).
  static bool on_runtime_thread();
  // Drops this thread's reference to the system's logger (see the header
  // comment); a no-op on the runtime's own threads.
  static void forget_logger();

 private:
  explicit ActorRuntime(const RuntimeOptions& options);

  RuntimeOptions options_;
  ThreadRoster roster_;  // filled by the config's thread hook
  std::unique_ptr<caf::actor_system_config> config_;
  std::unique_ptr<caf::actor_system> system_;
  caf::actor bridge_;
};

// The actors of one pipeline, for waiting until all have terminated.
class ActorTracker : public std::enable_shared_from_this<ActorTracker> {
 public:
  // Counts `actor` until it terminates (at once if it already has). Any thread.
  void track(const caf::actor& actor);
  std::size_t alive() const;
  // Sends an exit to every tracked actor still alive.
  void exit_all();
  // Waits until at most `left` tracked actors are alive; false on timeout.
  bool wait_until(std::size_t left, std::chrono::milliseconds timeout);

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::unordered_map<caf::actor_id, caf::actor_addr> alive_;
};

// How long a control call may take before a WARNING says it is still
// waiting (it then keeps waiting: GStreamer's calls have no timeout either).
std::chrono::milliseconds slow_call_warning();
void set_slow_call_warning(std::chrono::milliseconds interval);

}  // namespace gstmini::actors
