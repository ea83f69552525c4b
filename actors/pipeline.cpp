// The Pipeline handle: the application-side half of the pipeline. It owns
// the actor system and the pipeline actor, and turns each call into one
// request (control only, never per buffer).
#include "runtime/pipeline.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "actors/pipeline_actor.hpp"
#include "runtime/actor_thread.hpp"
#include "runtime/registry.hpp"

namespace gstmini {
namespace {

unsigned env_unsigned(const char* name, unsigned fallback) {
  const char* text = std::getenv(name);
  if (!text || !*text) return fallback;
  char* end = nullptr;
  unsigned long value = std::strtoul(text, &end, 10);
  return *end ? fallback : static_cast<unsigned>(value);
}

// Control requests answer within milliseconds; this only turns a bug into an
// error instead of a hang.
constexpr auto kControlTimeout = std::chrono::seconds(30);

}  // namespace

PipelineOptions PipelineOptions::from_env() {
  PipelineOptions options;
  options.window = env_unsigned("GSTMINI_WINDOW", options.window);
  options.threads = env_unsigned("GSTMINI_THREADS", options.threads);
  options.max_throughput = env_unsigned("GSTMINI_MAX_THROUGHPUT", options.max_throughput);
  options.stats = StatsOptions::from_env();
  return options;
}

namespace detail {

class PipelineImpl {
 public:
  PipelineImpl(std::string name, const PipelineOptions& options)
      : name_(std::move(name)),
        bus_(std::make_shared<Bus>()),
        status_(std::make_shared<actors::PipelineStatus>()) {
    unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    config_.set("scheduler.max-threads", static_cast<std::size_t>(threads));
    config_.set("scheduler.max-throughput", static_cast<std::size_t>(options.max_throughput));
    system_ = std::make_unique<caf::actor_system>(config_);
    status_->clock = options.clock ? options.clock : SystemClock::obtain();
    actor_ = system_->spawn<actors::PipelineActor>(
        name_, bus_, status_, options.window, options.clock != nullptr, options.dot_dump_prefix);
  }

  ~PipelineImpl() {
    caf::anon_send(actor_, actors::teardown_atom::value);
    actor_ = nullptr;
    system_.reset();  // waits until every actor has terminated
  }

  template <class Result, class Msg>
  Result call(Msg msg) const {
    check_may_block("a Pipeline method");
    caf::scoped_actor self{*system_};
    Result result = Result();
    self->request(actor_, kControlTimeout, std::move(msg))
        .receive([&](Result& r) { result = std::move(r); },
                 [&](caf::error& e) {
                   throw std::runtime_error("pipeline " + name_ +
                                            " did not answer: " + system_->render(e));
                 });
    return result;
  }

  std::string name_;
  std::shared_ptr<Bus> bus_;
  std::shared_ptr<actors::PipelineStatus> status_;
  caf::actor_system_config config_;
  std::unique_ptr<caf::actor_system> system_;
  caf::actor actor_;
  mutable std::mutex mutex_;
  std::vector<ElementPtr> elements_;
  std::vector<LinkInfo> links_;
  std::shared_ptr<FlowRecorder> recorder_;  // under mutex_
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
  try {
    set_state(State::Null);
  } catch (const std::exception&) {
    // The pipeline actor is gone already; teardown below still releases everything.
  }
}

const std::string& Pipeline::name() const { return impl_->name_; }

void Pipeline::add(ElementPtr element) {
  std::string error = impl_->call<std::string>(actors::AddMsg{element});
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
  auto result = impl_->call<actors::LinkResult>(
      actors::LinkMsg{src->name(), src_pad, sink->name(), sink_pad, window});
  if (!result.error.empty()) throw LinkError(result.error);
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  impl_->links_.push_back(std::move(result.link));
}

void Pipeline::unlink(const ElementPtr& src, const ElementPtr& sink) {
  if (!src || !sink) throw LinkError("could not unlink: null element");
  std::string error = impl_->call<std::string>(actors::UnlinkMsg{src->name(), sink->name()});
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
  return impl_->call<StateChangeReturn>(actors::SyncStateMsg{element->name()});
}

std::vector<LinkInfo> Pipeline::links() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->links_;
}

void Pipeline::link_many(const std::vector<ElementPtr>& chain, std::uint32_t window) {
  for (std::size_t i = 1; i < chain.size(); ++i) link(chain[i - 1], chain[i], window);
}

StateChangeReturn Pipeline::set_state(State state) {
  return impl_->call<StateChangeReturn>(actors::SetStateMsg{state});
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
  return impl_->call<bool>(actors::SendEventMsg{std::move(event)});
}

bool Pipeline::seek(double rate, SeekFlags flags, SeekType start_type, ClockTime start,
                    SeekType stop_type, ClockTime stop) {
  return send_event(Event::seek(SeekArgs{rate, flags, start_type, start, stop_type, stop}));
}

bool Pipeline::query(Query& query) {
  auto reply = impl_->call<actors::QueryReply>(actors::PipelineQueryMsg{query});
  query = std::move(reply.query);
  return reply.handled;
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
  std::string error = impl_->call<std::string>(actors::UseClockMsg{std::move(clock)});
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

std::string Pipeline::to_dot() const { return impl_->call<std::string>(actors::dot_atom::value); }

std::string Pipeline::dump_dot(const std::string& name) const {
  if (!std::getenv("GSTMINI_DEBUG_DUMP_DOT_DIR")) return {};
  return write_dot_file(name, to_dot());
}

bool Pipeline::enable_stats(StatsOptions options) {
  options.enabled = true;
  auto recorder = std::make_shared<FlowRecorder>(impl_->name_, std::move(options));
  if (!impl_->call<bool>(actors::EnableStatsMsg{recorder})) return false;
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
