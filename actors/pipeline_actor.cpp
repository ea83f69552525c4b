#include "actors/pipeline_actor.hpp"
#include "actors/answer_join.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <utility>

#include "actors/element_actor.hpp"
#include "runtime/debug/log.hpp"

namespace gstmini::actors {
DebugCategory& pipeline_category() {
  return debug_category("pipeline", "pipeline actor: states, clock, EOS");
}

PipelineActor::PipelineActor(caf::actor_config& cfg, std::string name, std::shared_ptr<Bus> bus,
                             std::shared_ptr<PipelineStatus> status, std::uint32_t default_window,
                             bool fixed_clock, std::string dot_dump_prefix)
    : caf::event_based_actor(cfg),
      name_(std::move(name)),
      bus_(std::move(bus)),
      status_(std::move(status)),
      default_window_(default_window),
      clock_(status_->clock),
      fixed_clock_(fixed_clock),
      dot_dump_prefix_(dot_dump_prefix.empty() ? name_ : std::move(dot_dump_prefix)) {}

caf::behavior PipelineActor::make_behavior() {
  set_down_handler([this](caf::down_msg& msg) { element_down(msg); });
  return {
      [this](const AddMsg& msg) { return add(msg.element); },
      [this](const LinkMsg& msg) { return link(msg); },
      [this](const UnlinkMsg& msg) { return unlink(msg); },
      [this](const SyncStateMsg& msg) -> caf::result<StateChangeReturn> {
        auto promise = make_response_promise();
        for (std::size_t i = 0; i < nodes_.size(); ++i)
          if (nodes_[i].element->name() == msg.element) {
            sync_state(i, promise);
            return caf::delegated<StateChangeReturn>();
          }
        return StateChangeReturn::Failure;
      },
      [this](const SetStateMsg& msg) -> caf::result<StateChangeReturn> {
        if (stepping_) {
          queued_requests_.emplace_back(msg.target, make_response_promise());
          return caf::delegated<StateChangeReturn>();
        }
        waiters_.push_back(make_response_promise());
        set_state(msg.target);
        return caf::delegated<StateChangeReturn>();
      },
      [this](const UseClockMsg& msg) -> std::string {
        if (current_ > State::Ready) return "the clock can only be changed in NULL or READY";
        clock_ = msg.clock;
        fixed_clock_ = true;
        clock_announced_ = false;
        publish();
        return {};
      },
      [this](const ElementEosMsg& msg) {
        eos_from_.insert(msg.element);
        GSTMINI_LOG_OBJECT(pipeline_category(), DebugLevel::Debug, name_,
                           "EOS from {} ({}/{} sinks)", msg.element, eos_from_.size(),
                           count_sinks());
        if (!eos_posted_ && eos_from_.size() >= count_sinks()) {
          eos_posted_ = true;
          if (recorder_) recorder_->finished();  // the table comes before the EOS message
          bus_->post(Message::eos(name_));
        }
      },
      [this](const AsyncDoneMsg& msg) { async_done(msg.element); },
      [this](const EnableStatsMsg& msg) {
        if (recorder_) return false;  // already on
        recorder_ = msg.recorder;
        for (const Node& node : nodes_)
          send(node.actor, AttachStatsMsg{recorder_->counters().add(node.element)});
        if (current_ == State::Playing) recorder_->playing();
        return true;
      },
      [this](const LatencyChangedMsg& msg) {
        // gst_bin_recalculate_latency: only a running pipeline has one.
        GSTMINI_LOG_OBJECT(pipeline_category(), DebugLevel::Debug, name_, "latency changed in {}",
                           msg.element);
        if (playing_clock_) configure_latency(nullptr);
      },
      [this](SendEventMsg& msg) { return send_event(std::move(msg.event)); },
      [this](PipelineQueryMsg& msg) -> caf::result<QueryReply> {
        auto promise = make_response_promise<QueryReply>();
        query_sinks(std::move(msg.query), [promise](bool handled, Query answer) mutable {
          promise.deliver(QueryReply{handled, std::move(answer)});
        });
        return promise;
      },
      [this](dot_atom) { return to_dot(graph()); },
      [this](teardown_atom) {
        tearing_down_ = true;
        quit();  // on_exit stops every element
      },
  };
}

void PipelineActor::on_exit() {
  // However this actor ends (teardown, or a bug), the elements end with it:
  // they hold handles to each other and would otherwise live on, and
  // ~actor_system waits for every actor.
  for (Node& node : nodes_)
    if (node.alive) send_exit(node.actor, caf::exit_reason::user_shutdown);
  nodes_.clear();
  for (auto& waiter : waiters_)
    if (waiter.pending()) waiter.deliver(StateChangeReturn::Failure);
  waiters_.clear();
  for (auto& [target, promise] : queued_requests_)
    if (promise.pending()) promise.deliver(StateChangeReturn::Failure);
  queued_requests_.clear();
}

// Upstream events go to the sinks, downstream ones to the sources; the answer
// is true if any of them handled it.
caf::result<bool> PipelineActor::send_event(Event event) {
  const bool upstream = event.is_upstream();
  const bool flushing_seek =
      event.type() == EventType::Seek && has_flag(event.parsed_seek().flags, SeekFlags::Flush);
  std::vector<caf::actor> targets;
  std::set<std::string> sinks;
  for (const Node& node : nodes_) {
    const Element& e = *node.element;
    bool is_sink = e.is_sink();
    bool is_source = e.is_source();
    if (upstream ? is_sink : is_source) targets.push_back(node.actor);
    if (is_sink) sinks.insert(e.name());
  }
  if (targets.empty()) return false;
  if (flushing_seek) {
    // Running time restarts at 0; PLAYING sinks preroll again first. The
    // stream starts over, so its EOS is collected again (GstBin forgets
    // the sinks' EOS on a flushing seek).
    start_time_ = 0;
    eos_from_.clear();
    eos_posted_ = false;
    // (Sinks go PLAYING before the step completes: the base time being in
    // force is what tells that they run on the clock.)
    if (playing_clock_) reprerolling_ = sinks;
  }
  auto promise = make_response_promise<bool>();
  auto join =
      AnswerJoin<bool>::make([this, promise, flushing_seek](std::vector<bool>& answers) mutable {
        const bool any = std::find(answers.begin(), answers.end(), true) != answers.end();
        if (flushing_seek && !any) reprerolling_.clear();  // nobody flushed
        promise.deliver(any);
      });
  for (const caf::actor& target : targets)
    join->ask<bool>(this, target, SendEventMsg{event}, false, [](bool ok) { return ok; });
  join->start();
  return promise;
}

void PipelineActor::element_down(const caf::down_msg& msg) {
  if (tearing_down_) return;
  for (Node& node : nodes_) {
    if (node.actor.address() != msg.source) continue;
    node.alive = false;
    bus_->post(Message::error(node.element->name(), "element stopped unexpectedly",
                              "actor exit reason: " + to_string(msg.reason)));
    // A dead sink never prerolls: a preroll waiting for it would never end.
    if (waiting_async_ && async_pending_.count(node.element->name()))
      async_done(node.element->name());
  }
}

}  // namespace gstmini::actors
