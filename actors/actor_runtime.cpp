// The process's actor system: options, start on first lease, stop after the
// last, and the bridge actor that answers application threads. See
// actor_runtime.hpp for the rules and runtime/runtime.hpp for the public side.
#include "actors/actor_runtime.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <caf/all.hpp>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "actors/handoff_sharing.hpp"
#include "runtime/debug/log.hpp"
#include "runtime/env.hpp"

namespace gstmini::actors {
namespace {

DebugCategory& category() { return debug_category("runtime", "the process's actor runtime"); }

constexpr unsigned kDefaultThroughput = 32;

thread_local bool t_runtime_thread = false;

// How long a stopped runtime waits for its threads to leave the process.
constexpr auto kThreadExitPatience = std::chrono::seconds(2);

// Marks the threads the actor system starts, so a release on one of them is
// handed to the reaper and clear_logger() leaves them alone, and lists them
// for ThreadRoster::wait_gone().
class MarkThreads : public caf::thread_hook {
 public:
  explicit MarkThreads(ThreadRoster* roster) : roster_(roster) {}
  void init(caf::actor_system&) override {}
  void thread_started() override {
    t_runtime_thread = true;
    roster_->add(static_cast<pid_t>(syscall(SYS_gettid)));
  }
  void thread_terminates() override { t_runtime_thread = false; }

 private:
  ThreadRoster* roster_;
};

struct RunMsg {
  std::function<void(caf::event_based_actor*)> fn;
};

// A class, not a function: CAF 0.17's factory for function-based actors
// spawned without arguments binds a reference to a null tuple (UBSan).
class BridgeActor : public caf::event_based_actor {
 public:
  explicit BridgeActor(caf::actor_config& config) : caf::event_based_actor(config) {}
  caf::behavior make_behavior() override {
    return {[this](RunMsg& msg) { msg.fn(this); }};
  }
};

// Stops runtimes whose last lease was released on one of their own threads.
// A reaper that has finished is joined at the next stop; the rest at exit,
// so no actor system outlives static destruction.
class Reaper {
 public:
  void stop(ActorRuntime* runtime) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto finished = [](Reaping& r) {
      if (!*r.done) return false;
      r.thread.join();  // it has done its work and is only leaving
      return true;
    };
    reapings_.erase(std::remove_if(reapings_.begin(), reapings_.end(), finished), reapings_.end());
    auto done = std::make_shared<std::atomic<bool>>(false);
    reapings_.push_back({std::thread([runtime, done] {
                           delete runtime;
                           *done = true;
                         }),
                         done});
  }
  ~Reaper() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Reaping& r : reapings_) r.thread.join();
  }

 private:
  struct Reaping {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::mutex mutex_;
  std::vector<Reaping> reapings_;
};

Reaper& reaper() {
  static Reaper r;
  return r;
}

struct State {
  std::mutex mutex;
  std::weak_ptr<ActorRuntime> current;
  std::optional<RuntimeOptions> requested;  // set_runtime_options()
  RuntimeOptions running;                   // of `current`
  std::size_t leases = 0;
  std::size_t starts = 0;
};

State& state() {
  static State* s = new State;  // never destroyed: leases may end in static destructors
  return *s;
}

unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// Values from the API are clamped (and reported), never refused.
unsigned clamp_option(const char* what, unsigned value, unsigned max) {
  if (value <= max) return value;
  GSTMINI_LOG_OBJECT(category(), DebugLevel::Warning, "runtime", "{} {} is above {}: using {}",
                     what, value, max, max);
  return max;
}

std::atomic<long long> g_slow_call_ms{30000};

}  // namespace

// ---- options ------------------------------------------------------------------

}  // namespace gstmini::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::RunMsg)

namespace gstmini {

RuntimeOptions RuntimeOptions::from_env() {
  RuntimeOptions options;
  if (auto n = env_integer("GSTMINI_THREADS", 1, kMaxWorkerThreads))
    options.threads = static_cast<unsigned>(*n);
  if (auto n = env_integer("GSTMINI_MAX_THROUGHPUT", 1, kMaxThroughputLimit))
    options.max_throughput = static_cast<unsigned>(*n);
  return options;
}

void set_runtime_options(const RuntimeOptions& options) {
  auto& s = actors::state();
  std::lock_guard<std::mutex> lock(s.mutex);
  RuntimeOptions clamped = options;
  clamped.threads = actors::clamp_option("worker threads", options.threads, kMaxWorkerThreads);
  clamped.max_throughput =
      actors::clamp_option("max throughput", options.max_throughput, kMaxThroughputLimit);
  s.requested = clamped;
  if (!s.current.expired())
    GSTMINI_LOG_OBJECT(actors::category(), DebugLevel::Warning, "runtime",
                       "the runtime is running ({} pipelines): the new options apply after the "
                       "last pipeline is gone",
                       s.leases);
}

void set_worker_threads(unsigned threads) {
  RuntimeOptions options;
  {
    auto& s = actors::state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.requested) options = *s.requested;
  }
  options.threads = threads;
  set_runtime_options(options);
}

RuntimeInfo runtime_info() {
  auto& s = actors::state();
  std::lock_guard<std::mutex> lock(s.mutex);
  RuntimeInfo info;
  info.running = !s.current.expired();
  if (info.running) {
    info.threads = s.running.threads;
    info.max_throughput = s.running.max_throughput;
  }
  info.pipelines = s.leases;
  info.starts = s.starts;
  return info;
}

}  // namespace gstmini

namespace gstmini::actors {

// ---- the runtime ----------------------------------------------------------------

namespace {
// One Pipeline's lease: its own control block over the shared runtime, so
// the leases can be counted (runtime_info) while the owner reference it
// holds decides when the runtime stops.
struct Lease {
  std::shared_ptr<ActorRuntime> owner;
  void operator()(ActorRuntime*) {
    {
      State& s = state();
      std::lock_guard<std::mutex> lock(s.mutex);
      --s.leases;
    }
    owner.reset();  // the last one stops the runtime
  }
};
}  // namespace

std::shared_ptr<ActorRuntime> ActorRuntime::acquire(unsigned threads, unsigned max_throughput,
                                                    const std::string& who) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::shared_ptr<ActorRuntime> runtime = s.current.lock();
  if (!runtime) {
    RuntimeOptions options = s.requested ? *s.requested : RuntimeOptions::from_env();
    if (threads) options.threads = clamp_option("worker threads", threads, kMaxWorkerThreads);
    if (max_throughput)
      options.max_throughput = clamp_option("max throughput", max_throughput, kMaxThroughputLimit);
    if (!options.threads) options.threads = cores();
    if (!options.max_throughput) options.max_throughput = kDefaultThroughput;
    runtime = std::shared_ptr<ActorRuntime>(new ActorRuntime(options), [](ActorRuntime* r) {
      if (on_runtime_thread())
        reaper().stop(r);  // a worker cannot join itself
      else
        delete r;
    });
    s.current = runtime;
    s.running = options;
    ++s.starts;
    GSTMINI_LOG_OBJECT(category(), DebugLevel::Info, "runtime",
                       "started: {} worker threads, max throughput {}", options.threads,
                       options.max_throughput);
  } else {
    if (threads && threads != s.running.threads)
      GSTMINI_LOG_OBJECT(category(), DebugLevel::Warning, who,
                         "asks for {} worker threads; the process's runtime runs {}", threads,
                         s.running.threads);
    if (max_throughput && max_throughput != s.running.max_throughput)
      GSTMINI_LOG_OBJECT(category(), DebugLevel::Warning, who,
                         "asks for max throughput {}; the process's runtime uses {}",
                         max_throughput, s.running.max_throughput);
  }
  ++s.leases;
  ActorRuntime* raw = runtime.get();
  return std::shared_ptr<ActorRuntime>(raw, Lease{std::move(runtime)});
}

ActorRuntime::ActorRuntime(const RuntimeOptions& options)
    : options_(options), config_(std::make_unique<caf::actor_system_config>()) {
  caf::actor_system_config& cfg = *config_;
  cfg.set("scheduler.max-threads", static_cast<std::size_t>(options.threads));
  cfg.set("scheduler.max-throughput", static_cast<std::size_t>(options.max_throughput));
  // Work sharing with hand-off (actors/handoff_sharing.hpp), loaded as the
  // scheduler module so CAF does not pick one of its own. Not CAF's default
  // work stealing: a stealing worker runs the actor it just woke before
  // anything queued from outside (LIFO), so one pipeline streaming lock-step
  // at full speed kept every other pipeline's control messages waiting; its
  // idle workers also poll (CPU for idle live pipelines).
  cfg.module_factories.push_back([](caf::actor_system& sys) -> caf::actor_system::module* {
    return new caf::scheduler::coordinator<HandoffSharing>(sys);
  });
  cfg.add_thread_hook<MarkThreads>(&roster_);
  system_ = std::make_unique<caf::actor_system>(cfg);
  bridge_ = system_->spawn<BridgeActor>();
  forget_logger();
}

ActorRuntime::~ActorRuntime() {
  caf::anon_send_exit(bridge_, caf::exit_reason::user_shutdown);
  bridge_ = nullptr;
  system_.reset();  // waits for every actor, then joins the threads
  // CAF runs a detached thread of its own (0.17's printer actor) that is
  // still leaving when ~actor_system returns: stopped means its threads are
  // gone too, so an application sees no thread of ours after its last
  // Pipeline (and may unload the library).
  if (!roster_.wait_gone(kThreadExitPatience))
    GSTMINI_LOG_OBJECT(category(), DebugLevel::Warning, "runtime",
                       "a thread of the stopped runtime is still running after {} s",
                       kThreadExitPatience.count());
  GSTMINI_LOG_OBJECT(category(), DebugLevel::Info, "runtime", "stopped");
}

// ---- thread roster --------------------------------------------------------------

void ThreadRoster::add(pid_t tid) {
  std::lock_guard<std::mutex> lock(mutex_);
  tids_.push_back(tid);
}

bool ThreadRoster::wait_gone(std::chrono::milliseconds patience) {
  std::vector<pid_t> tids;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tids.swap(tids_);
  }
  // A thread is listed in /proc/self/task until the kernel has reaped it,
  // which is after a join returns and after a detached thread's last line.
  // (A tid the kernel reused at once would only cost the patience.)
  const auto deadline = std::chrono::steady_clock::now() + patience;
  for (pid_t tid : tids) {
    const std::string path = "/proc/self/task/" + std::to_string(tid);
    while (access(path.c_str(), F_OK) == 0) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  return true;
}

void ActorRuntime::run(std::function<void(caf::event_based_actor*)> fn) {
  caf::anon_send(bridge_, RunMsg{std::move(fn)});
}

bool ActorRuntime::on_runtime_thread() { return t_runtime_thread; }

void ActorRuntime::forget_logger() {
  if (!t_runtime_thread) caf::logger::set_current_actor_system(nullptr);
}

// ---- tracker --------------------------------------------------------------------

void ActorTracker::track(const caf::actor& actor) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    alive_.emplace(actor.id(), actor.address());
  }
  std::weak_ptr<ActorTracker> self = weak_from_this();
  const caf::actor_id id = actor.id();
  actor->attach_functor([self, id] {
    if (auto tracker = self.lock()) {
      std::lock_guard<std::mutex> lock(tracker->mutex_);
      tracker->alive_.erase(id);
      tracker->changed_.notify_all();
    }
  });
}

std::size_t ActorTracker::alive() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return alive_.size();
}

void ActorTracker::exit_all() {
  std::vector<caf::actor_addr> targets;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& entry : alive_) targets.push_back(entry.second);
  }
  for (const caf::actor_addr& addr : targets)
    if (auto actor = caf::actor_cast<caf::actor>(addr))
      caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}

bool ActorTracker::wait_until(std::size_t left, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return alive_.size() <= left; });
}

std::chrono::milliseconds slow_call_warning() {
  return std::chrono::milliseconds(g_slow_call_ms.load(std::memory_order_relaxed));
}

void set_slow_call_warning(std::chrono::milliseconds interval) {
  g_slow_call_ms.store(std::max<long long>(1, interval.count()), std::memory_order_relaxed);
}

}  // namespace gstmini::actors
