// The Pipeline handle: the application-side half of the pipeline. It leases
// the process's actor runtime (actors/actor_runtime.hpp), owns the pipeline
// actor, and turns each call into one request (control only, never per
// buffer) made by the runtime's bridge actor: the calling thread only sends
// a message and waits on a condition variable, so it never touches CAF's
// per-thread state and may call from any thread that is not an actor's.
#include "runtime/pipeline.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <optional>
#include <thread>

#include "actors/actor_runtime.hpp"
#include "actors/pipeline_actor.hpp"
#include "runtime/actor_thread.hpp"
#include "runtime/debug/log.hpp"
#include "runtime/env.hpp"
#include "runtime/registry/registry.hpp"

namespace gstmini {
namespace {

DebugCategory& category() {
  return debug_category("pipeline", "pipeline actor: states, clock, EOS");
}

// Waiting for a pipeline's actors to stop: how often to say so on the log.
constexpr auto kTeardownWarning = std::chrono::seconds(10);

}  // namespace

PipelineOptions PipelineOptions::from_env() {
  PipelineOptions options;
  if (auto window = env_integer("GSTMINI_WINDOW", 0, kMaxWindow))
    options.window = static_cast<std::uint32_t>(*window);
  if (auto strict = env_integer("GSTMINI_STRICT", 0, 1)) options.strict = *strict == 1;
  options.stats = StatsOptions::from_env();
  return options;
}

namespace detail {

// Wakes the application threads waiting for answers of one pipeline actor;
// `actor_down` ends every wait once the actor has terminated (a request it
// took but never answered would otherwise wait forever).
struct CallGate {
  std::mutex mutex;
  std::condition_variable answered;
  bool actor_down = false;
};

class PipelineImpl {
 public:
  PipelineImpl(std::string name, const PipelineOptions& options)
      : name_(std::move(name)),
        bus_(std::make_shared<Bus>()),
        status_(std::make_shared<actors::PipelineStatus>()),
        runtime_(actors::ActorRuntime::acquire(options.threads, options.max_throughput, name_)),
        tracker_(std::make_shared<actors::ActorTracker>()),
        gate_(std::make_shared<CallGate>()) {
    status_->clock = options.clock ? options.clock : SystemClock::obtain();
    status_->track = [tracker = tracker_](const caf::actor& element) { tracker->track(element); };
    actor_ = runtime_->spawn<actors::PipelineActor>(
        name_, bus_, status_, options.strict ? 1 : options.window, options.clock != nullptr,
        options.dot_dump_prefix);
    tracker_->track(actor_);
    // Runs when the actor terminates, after its last answer was sent: going
    // through the bridge puts it behind that answer in the bridge's mailbox.
    actor_->attach_functor([runtime = runtime_.get(), gate = gate_] {
      runtime->run([gate](caf::event_based_actor*) {
        std::lock_guard<std::mutex> lock(gate->mutex);
        gate->actor_down = true;
        gate->answered.notify_all();
      });
    });
  }

  // Waits until the pipeline actor and every element actor have terminated:
  // after this no element code runs. Stragglers (an element actor the
  // pipeline actor did not stop) get an exit of their own.
  ~PipelineImpl() {
    caf::anon_send(actor_, actors::teardown_atom::value);
    actor_ = nullptr;
    {
      std::unique_lock<std::mutex> lock(gate_->mutex);
      while (!gate_->answered.wait_for(lock, kTeardownWarning, [&] { return gate_->actor_down; }))
        warn_teardown("the pipeline actor");
    }
    tracker_->exit_all();
    while (!tracker_->wait_until(0, kTeardownWarning)) warn_teardown("its element actors");
  }

  // Asks the pipeline actor; nullopt (and an ERROR on the log) if it is gone.
  // Never times out, like GStreamer's calls; a call slower than
  // slow_call_warning() is reported on the log while it goes on waiting.
  template <class Result, class Msg>
  std::optional<Result> call(const char* what, Msg msg) const {
    check_may_block("a Pipeline method");
    struct Reply {
      std::optional<Result> value;
      std::string error;
      bool done = false;
    };
    auto reply = std::make_shared<Reply>();
    auto gate = gate_;
    runtime_->run(
        [target = actor_, msg = std::move(msg), reply, gate](caf::event_based_actor* self) mutable {
          self->request(target, caf::infinite, std::move(msg))
              .then(
                  [reply, gate](Result& result) {
                    std::lock_guard<std::mutex> lock(gate->mutex);
                    reply->value = std::move(result);
                    reply->done = true;
                    gate->answered.notify_all();
                  },
                  [reply, gate, self](caf::error& error) {
                    std::lock_guard<std::mutex> lock(gate->mutex);
                    reply->error = self->system().render(error);
                    reply->done = true;
                    gate->answered.notify_all();
                  });
        });
    std::unique_lock<std::mutex> lock(gate->mutex);
    auto started = std::chrono::steady_clock::now();
    while (!gate->answered.wait_for(lock, actors::slow_call_warning(),
                                    [&] { return reply->done || gate->actor_down; })) {
      auto waited = std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::steady_clock::now() - started);
      GSTMINI_LOG_OBJECT(category(), DebugLevel::Warning, name_,
                         "{} has not been answered after {} s; still waiting", what,
                         waited.count());
    }
    if (!reply->done) reply->error = "the pipeline actor is gone";
    if (!reply->value)
      GSTMINI_LOG_OBJECT(category(), DebugLevel::Error, name_, "{} failed: {}", what, reply->error);
    return std::move(reply->value);
  }

  std::string name_;
  std::shared_ptr<Bus> bus_;
  std::shared_ptr<actors::PipelineStatus> status_;
  std::shared_ptr<actors::ActorRuntime> runtime_;
  std::shared_ptr<actors::ActorTracker> tracker_;
  std::shared_ptr<CallGate> gate_;
  caf::actor actor_;
  mutable std::mutex mutex_;
  std::vector<ElementPtr> elements_;
  std::vector<LinkInfo> links_;
  std::shared_ptr<FlowRecorder> recorder_;  // under mutex_

 private:
  void warn_teardown(const char* what) const {
    GSTMINI_LOG_OBJECT(category(), DebugLevel::Warning, name_,
                       "destroying: still waiting for {} to stop ({} actors alive)", what,
                       tracker_->alive());
  }
};

}  // namespace detail

Pipeline::Pipeline(std::string name, PipelineOptions options)
    : impl_(std::make_unique<detail::PipelineImpl>(std::move(name), options)) {
  if (options.stats.enabled) enable_stats(options.stats);
}

Pipeline::~Pipeline() {
  State state = State::VoidPending, pending = State::VoidPending;
  get_state(&state, &pending, 0);
  if (state == State::Null && pending == State::VoidPending) return;  // already down
  set_state(State::Null);  // if the pipeline actor is gone, teardown still releases everything
}

const std::string& Pipeline::name() const { return impl_->name_; }

void Pipeline::add(ElementPtr element) {
  std::string error =
      impl_->call<std::string>("add", actors::AddMsg{element})
          .value_or("could not add " + (element ? element->name() : "a null element") + " to " +
                    impl_->name_ + ": the pipeline is gone");
  if (!error.empty()) throw ElementError(error);
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  impl_->elements_.push_back(std::move(element));
}

ElementPtr Pipeline::get_by_name(const std::string& name) const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  for (const ElementPtr& e : impl_->elements_)
    if (e->name() == name) return e;
  return nullptr;
}

std::vector<ElementPtr> Pipeline::elements() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->elements_;
}

void Pipeline::link(const ElementPtr& src, const ElementPtr& sink, std::uint32_t window) {
  link_pads(src, "", sink, "", window);
}

void Pipeline::link_pads(const ElementPtr& src, const std::string& src_pad, const ElementPtr& sink,
                         const std::string& sink_pad, std::uint32_t window) {
  if (!src || !sink) throw LinkError("could not link: null element");
  auto result =
      impl_
          ->call<actors::LinkResult>(
              "link", actors::LinkMsg{src->name(), src_pad, sink->name(), sink_pad, window})
          .value_or(actors::LinkResult{
              "could not link " + src->name() + " to " + sink->name() + ": the pipeline is gone",
              {}});
  if (!result.error.empty()) throw LinkError(result.error);
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  impl_->links_.push_back(std::move(result.link));
}

void Pipeline::unlink(const ElementPtr& src, const ElementPtr& sink) {
  if (!src || !sink) throw LinkError("could not unlink: null element");
  std::string error =
      impl_->call<std::string>("unlink", actors::UnlinkMsg{src->name(), sink->name()})
          .value_or("could not unlink " + src->name() + " from " + sink->name() +
                    ": the pipeline is gone");
  if (!error.empty()) throw LinkError(error);
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  auto& links = impl_->links_;
  links.erase(std::remove_if(links.begin(), links.end(),
                             [&](const LinkInfo& l) {
                               return l.src == src->name() && l.sink == sink->name();
                             }),
              links.end());
}

StateChangeReturn Pipeline::sync_state_with_parent(const ElementPtr& element) {
  return impl_
      ->call<StateChangeReturn>("sync_state_with_parent", actors::SyncStateMsg{element->name()})
      .value_or(StateChangeReturn::Failure);
}

std::vector<LinkInfo> Pipeline::links() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->links_;
}

void Pipeline::link_many(const std::vector<ElementPtr>& chain, std::uint32_t window) {
  for (std::size_t i = 1; i < chain.size(); ++i) link(chain[i - 1], chain[i], window);
}

StateChangeReturn Pipeline::set_state(State state) {
  return impl_->call<StateChangeReturn>("set_state", actors::SetStateMsg{state})
      .value_or(StateChangeReturn::Failure);
}

StateChangeReturn Pipeline::get_state(State* state, State* pending, ClockTime timeout) {
  auto& status = *impl_->status_;
  if (timeout != 0) check_may_block("Pipeline::get_state with a timeout");
  std::unique_lock<std::mutex> lock(status.mutex);
  auto done = [&] { return status.pending == State::VoidPending; };
  if (!is_valid(timeout))
    status.changed.wait(lock, done);
  else
    status.changed.wait_for(lock, std::chrono::nanoseconds(timeout), done);
  if (state) *state = status.current;
  if (pending) *pending = status.pending;
  if (status.pending != State::VoidPending) return StateChangeReturn::Async;
  return status.last_return;
}

State Pipeline::current_state() const {
  std::lock_guard<std::mutex> lock(impl_->status_->mutex);
  return impl_->status_->current;
}

bool Pipeline::send_event(Event event) {
  return impl_->call<bool>("send_event", actors::SendEventMsg{std::move(event)}).value_or(false);
}

bool Pipeline::seek(double rate, SeekFlags flags, SeekType start_type, ClockTime start,
                    SeekType stop_type, ClockTime stop) {
  return send_event(Event::seek(SeekArgs{rate, flags, start_type, start, stop_type, stop}));
}

bool Pipeline::query(Query& query) {
  auto reply = impl_->call<actors::QueryReply>("query", actors::PipelineQueryMsg{query});
  if (!reply) return false;
  query = std::move(reply->query);
  return reply->handled;
}

bool Pipeline::query_position(ClockTime* position) {
  Query q(QueryType::Position);
  if (!query(q)) return false;
  *position = q.position;
  return true;
}

bool Pipeline::query_duration(ClockTime* duration) {
  Query q(QueryType::Duration);
  if (!query(q)) return false;
  *duration = q.duration;
  return true;
}

bool Pipeline::query_latency(bool* live, ClockTime* min_latency, ClockTime* max_latency) {
  Query q(QueryType::Latency);
  if (!query(q)) return false;
  if (live) *live = q.live;
  if (min_latency) *min_latency = q.min_latency;
  if (max_latency) *max_latency = q.max_latency;
  return true;
}

ClockTime Pipeline::latency() const {
  std::lock_guard<std::mutex> lock(impl_->status_->mutex);
  return impl_->status_->latency;
}

Bus& Pipeline::bus() { return *impl_->bus_; }
std::shared_ptr<Bus> Pipeline::bus_ptr() const { return impl_->bus_; }

void Pipeline::use_clock(std::shared_ptr<Clock> clock) {
  std::string error = impl_->call<std::string>("use_clock", actors::UseClockMsg{std::move(clock)})
                          .value_or("the pipeline is gone");
  if (!error.empty()) throw std::logic_error(error);
}

std::shared_ptr<Clock> Pipeline::clock() const {
  std::lock_guard<std::mutex> lock(impl_->status_->mutex);
  return impl_->status_->clock;
}

ClockTime Pipeline::base_time() const {
  std::lock_guard<std::mutex> lock(impl_->status_->mutex);
  return impl_->status_->base_time;
}

std::string Pipeline::to_dot() const {
  return impl_->call<std::string>("to_dot", actors::dot_atom::value).value_or(std::string());
}

std::string Pipeline::dump_dot(const std::string& name) const {
  if (!std::getenv("GSTMINI_DEBUG_DUMP_DOT_DIR")) return {};
  return write_dot_file(name, to_dot());
}

bool Pipeline::enable_stats(StatsOptions options) {
  options.enabled = true;
  auto recorder = std::make_shared<FlowRecorder>(impl_->name_, std::move(options));
  if (!impl_->call<bool>("enable_stats", actors::EnableStatsMsg{recorder}).value_or(false))
    return false;
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  impl_->recorder_ = std::move(recorder);
  return true;
}

StatsSnapshot Pipeline::stats() const {
  std::shared_ptr<FlowRecorder> recorder;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex_);
    recorder = impl_->recorder_;
  }
  if (recorder) return recorder->snapshot();
  StatsSnapshot empty;
  empty.pipeline = impl_->name_;
  return empty;
}

}  // namespace gstmini
