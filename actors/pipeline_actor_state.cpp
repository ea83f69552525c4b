// PipelineActor, the state walk: one step at a time, sinks first, each
// set_state caller answered by its own walk; the clock, base time and latency
// chosen on the way up; ASYNC prerolls completed by the sinks.
#include <caf/all.hpp>

#include <algorithm>
#include <utility>

#include "actors/answer_join.hpp"
#include "actors/element_actor.hpp"
#include "actors/pipeline_actor.hpp"
#include "runtime/debug/log.hpp"

namespace gstmini::actors {

// ---- state changes ----------------------------------------------------------

void PipelineActor::set_state(State target) {
  target_ = target;
  GSTMINI_LOG_OBJECT(pipeline_category(), DebugLevel::Info, name_, "setting state to {}",
                     to_string(target));
  // A lower (or the same) target cancels a preroll still in progress.
  if (waiting_async_ && target_ <= current_) {
    waiting_async_ = false;
    async_pending_.clear();
  }
  // NO_PREROLL answers a walk up to PAUSED; a walk redirected down to READY
  // or NULL (another thread's set_state) ends in SUCCESS for every waiter.
  if (target_ <= State::Ready && step_return_ == StateChangeReturn::NoPreroll)
    step_return_ = StateChangeReturn::Success;
  if (!stepping_ && !waiting_async_) {
    // A new request: an earlier failure is not this one's answer.
    if (step_return_ == StateChangeReturn::Failure) step_return_ = StateChangeReturn::Success;
    step();
  }
  if (waiting_async_) complete(StateChangeReturn::Async);  // GStreamer answers ASYNC at once
  publish();
}

void PipelineActor::step() {
  if (current_ == target_) {
    complete(step_return_);
    return;
  }
  State next = next_state(current_, target_);
  StateChange change = transition(current_, next);
  if (change == StateChange::ReadyToPaused) {
    eos_from_.clear();
    eos_posted_ = false;
    no_preroll_ = false;
    async_pending_.clear();
    async_done_early_.clear();
  }
  stepping_ = true;
  step_return_ = StateChangeReturn::Success;
  order_ = sinks_first();
  if (recorder_ && change == StateChange::PausedToPlaying) recorder_->playing();
  if (recorder_ && change == StateChange::PausedToReady) recorder_->finished();
  if (change == StateChange::PausedToPlaying) {
    prepare_playing(change);
    return;
  }
  change_child(0, change);
}

// GstPipeline's PAUSED->PLAYING: select the clock, ask the sinks for the
// latency and hand it to them (LATENCY event), then take the base time and
// only then move the children.
void PipelineActor::prepare_playing(StateChange change) {
  select_clock();
  configure_latency([this, change] {
    base_time_ = clock_->now() - start_time_;
    playing_clock_ = true;
    GSTMINI_LOG_OBJECT(pipeline_category(), DebugLevel::Info, name_,
                       "base time {} (running time {} played)", format_time(base_time_),
                       format_time(start_time_));
    publish();  // sinks may sync on it before the step completes
    change_child(0, change);
  });
}

void PipelineActor::configure_latency(std::function<void()> then) {
  query_sinks(Query(QueryType::Latency), [this, then](bool handled, Query answer) {
    latency_ = handled && answer.live ? answer.min_latency : 0;
    if (handled && answer.live && answer.min_latency > answer.max_latency)
      bus_->post(Message::warning(
          name_, "Impossible to configure latency",
          "min " + format_time(answer.min_latency) + " > max " + format_time(answer.max_latency)));
    GSTMINI_LOG_OBJECT(pipeline_category(), DebugLevel::Info, name_, "configured latency {}{}",
                       format_time(latency_), answer.live ? " (live)" : "");
    for (std::size_t i : sinks())
      request(nodes_[i].actor, caf::infinite, SendEventMsg{Event::latency(latency_)})
          .then([](bool) {}, [](caf::error&) {});  // a dead sink was posted by element_down
    publish();
    if (then) then();
  });
}

// The clock of the most upstream element that provides one, else the
// system clock (gst_bin_provide_clock_func); use_clock() overrides.
void PipelineActor::select_clock() {
  std::shared_ptr<Clock> chosen = clock_;
  std::string provider = name_;
  if (!fixed_clock_) {
    chosen = nullptr;
    for (auto it = order_.rbegin(); it != order_.rend() && !chosen; ++it) {
      chosen = nodes_[*it].element->provide_clock();
      if (chosen) provider = nodes_[*it].element->name();
    }
    if (!chosen) chosen = SystemClock::obtain();
  }
  if (chosen == clock_ && clock_announced_) return;
  clock_ = chosen;
  clock_announced_ = true;
  publish();  // before the message: whoever it wakes sees the new clock
  bus_->post(Message::new_clock(provider, clock_->name()));
}

std::vector<std::size_t> PipelineActor::sinks() const {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].element->is_sink()) found.push_back(i);
  return found;
}

void PipelineActor::query_sinks(Query query, std::function<void(bool, Query)> on_answer) {
  std::vector<std::size_t> targets = sinks();
  if (targets.empty()) {
    on_answer(false, std::move(query));
    return;
  }
  auto join = AnswerJoin<QueryReply>::make(
      [query, on_answer = std::move(on_answer)](std::vector<QueryReply>& replies) {
        QueryCombiner combiner(query);
        for (const QueryReply& r : replies) combiner.add(r.handled, r.query);
        on_answer(combiner.handled(), combiner.result());
      });
  for (std::size_t i : targets)
    join->ask<QueryReply>(this, nodes_[i].actor, ElementQueryMsg{query}, QueryReply{false, query},
                          [](QueryReply& reply) { return std::move(reply); });
  join->start();
}

void PipelineActor::change_child(std::size_t i, StateChange change) {
  if (i == order_.size()) {
    step_done(change);
    return;
  }
  Node& node = nodes_[order_[i]];
  if (!node.alive) {
    child_changed(i, change, StateChangeReturn::Failure);
    return;
  }
  GSTMINI_LOG_OBJECT(pipeline_category(), DebugLevel::Debug, name_, "{}: {}", node.element->name(),
                     to_string(change));
  request(node.actor, caf::infinite, ChangeStateMsg{change, base_time_, clock_})
      .then([this, i, change](StateChangeReturn ret) { child_changed(i, change, ret); },
            [this, i, change](caf::error&) {
              // Only a dead actor fails a request without timeout; its
              // down message (element_down posts why) may still be queued.
              nodes_[order_[i]].alive = false;
              child_changed(i, change, StateChangeReturn::Failure);
            });
}

void PipelineActor::child_changed(std::size_t i, StateChange change, StateChangeReturn ret) {
  Node& node = nodes_[order_[i]];
  const std::string& element = node.element->name();
  if (ret == StateChangeReturn::Failure && !node.alive &&
      transition_to(change) < transition_from(change)) {
    // Going down always succeeds: a dead element has nothing left to stop.
    node.state = transition_to(change);
    change_child(i + 1, change);
    return;
  }
  if (ret == StateChangeReturn::Failure) {
    GSTMINI_LOG_OBJECT(pipeline_category(), DebugLevel::Warning, name_,
                       "{} failed to change state {}", element, to_string(change));
    if (node.alive)
      bus_->post(Message::error(element, "state change failed",
                                element + " refused " + to_string(change)));
    // Elements already moved go back, so the pipeline stays consistent.
    State from = transition_from(change);
    for (std::size_t j = 0; j < i; ++j)
      if (nodes_[order_[j]].alive)
        request(nodes_[order_[j]].actor, caf::infinite,
                ChangeStateMsg{transition(transition_to(change), from), base_time_, clock_})
            .then([](StateChangeReturn) {}, [](caf::error&) {});
    stepping_ = false;
    target_ = current_;
    step_return_ = StateChangeReturn::Failure;
    complete(StateChangeReturn::Failure);
    return;
  }
  node.state = transition_to(change);
  if (ret == StateChangeReturn::Async) async_pending_.insert(element);
  if (ret == StateChangeReturn::NoPreroll) no_preroll_ = true;
  change_child(i + 1, change);
}

void PipelineActor::step_done(StateChange change) {
  stepping_ = false;
  const State old = current_;
  current_ = transition_to(change);
  if (change == StateChange::PlayingToPaused) {
    start_time_ = clock_->now() - base_time_;
    playing_clock_ = false;
  }
  if (change == StateChange::PausedToReady) start_time_ = 0;
  // NO_PREROLL only while the walk still goes up (another thread may have
  // asked for READY or NULL meanwhile: that walk ends in SUCCESS).
  if (change == StateChange::ReadyToPaused && no_preroll_ && target_ >= State::Paused)
    step_return_ = StateChangeReturn::NoPreroll;
  if (change == StateChange::ReadyToPaused && !no_preroll_ && !async_pending_.empty()) {
    // Prerolling: the pipeline stays READY (pending PAUSED) until every
    // sink holds a buffer; the app already gets ASYNC.
    waiting_async_ = true;
    step_return_ = StateChangeReturn::Async;
    publish();
    for (auto& waiter : waiters_) waiter.deliver(StateChangeReturn::Async);
    waiters_.clear();
    std::set<std::string> early = std::move(async_done_early_);
    async_done_early_.clear();
    for (const std::string& element : early) async_done(element);
    return;
  }
  State pending = current_ == target_ ? State::VoidPending : target_;
  publish();
  dump_state_change(old, current_);
  bus_->post(Message::state_changed(name_, old, current_, pending));
  step();
}

void PipelineActor::async_done(const std::string& element) {
  if (reprerolling_.erase(element) && reprerolling_.empty() && playing_clock_) new_base_time();
  if (!waiting_async_) {
    // A sink can preroll before the READY->PAUSED step even completed (a
    // source streams as soon as it is PAUSED): remember it for step_done.
    if (stepping_) async_done_early_.insert(element);
    return;
  }
  async_pending_.erase(element);
  if (!async_pending_.empty()) return;
  waiting_async_ = false;
  step_return_ = StateChangeReturn::Success;
  State pending = current_ == target_ ? State::VoidPending : target_;
  publish();
  dump_state_change(State::Ready, State::Paused);
  bus_->post(Message::state_changed(name_, State::Ready, State::Paused, pending));
  bus_->post(Message::async_done(name_));
  step();
}

// After a flushing seek in PLAYING every sink prerolled again: running time
// 0 is now.
void PipelineActor::new_base_time() {
  base_time_ = clock_->now();
  GSTMINI_LOG_OBJECT(pipeline_category(), DebugLevel::Info, name_,
                     "new base time {} after flushing seek", format_time(base_time_));
  publish();
  for (const Node& node : nodes_) send(node.actor, BaseTimeMsg{base_time_});
}

void PipelineActor::complete(StateChangeReturn ret) {
  publish();
  for (auto& waiter : waiters_) waiter.deliver(ret);
  waiters_.clear();
  if (!stepping_ && !queued_requests_.empty()) {
    auto [target, promise] = std::move(queued_requests_.front());
    queued_requests_.pop_front();
    waiters_.push_back(std::move(promise));
    set_state(target);
  }
}

void PipelineActor::publish() {
  std::lock_guard<std::mutex> lock(status_->mutex);
  bool busy = stepping_ || waiting_async_ || current_ != target_;
  status_->current = waiting_async_ ? State::Ready : current_;
  status_->pending = busy ? target_ : State::VoidPending;
  status_->last_return = step_return_;
  status_->base_time = playing_clock_ ? base_time_ : kClockTimeNone;
  status_->clock = clock_;
  status_->latency = latency_;
  status_->changed.notify_all();
}

}  // namespace gstmini::actors
