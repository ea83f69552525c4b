// ElementActor, state changes: the element's own change_state hook, then the
// streaming state reset on the way down.
#include <caf/all.hpp>

#include <algorithm>
#include <exception>
#include <utility>

#include "actors/element_actor.hpp"
#include "actors/item_facts.hpp"

namespace gstmini::actors {

// ---- state changes ----------------------------------------------------------

StateChangeReturn ElementActor::change_state(const ChangeStateMsg& msg) {
  ElementRuntime& rt = element_->runtime();
  if (msg.clock) rt.clock = msg.clock;
  if (msg.change == StateChange::PausedToPlaying) rt.base_time = msg.base_time;
  if (msg.change == StateChange::ReadyToPaused)
    for (OutLink& link : out_) link.limits = element_->staging_limits();
  if (msg.change == StateChange::ReadyToPaused && stats_)
    for (std::uint32_t pad = 0; pad < out_.size(); ++pad) stats_describe(pad);

  StateChangeReturn ret = StateChangeReturn::Failure;
  guarded("change_state", [&] {
    ret = element_->change_state(msg.change);
    return FlowReturn::Ok;
  });
  GSTMINI_DEBUG_OBJECT(*element_, "state change {} returned {}", to_string(msg.change),
                       to_string(ret));
  if (ret == StateChangeReturn::Failure) return ret;
  rt.state = transition_to(msg.change);

  if (sink_) sink_state_changed(msg.change);
  if (source_) {
    const bool live = source_->is_live();
    if ((msg.change == StateChange::ReadyToPaused && !live) ||
        (msg.change == StateChange::PausedToPlaying && live))
      start_task();
    if (msg.change == StateChange::PlayingToPaused && live) {
      task_running_ = false;  // a live source does not produce while PAUSED
      cancel_wakeup();
    }
  }
  if (msg.change == StateChange::PausedToReady) reset_streaming();
  return ret;
}

// PAUSED->READY: stop the task, refuse everything held with FLUSHING and
// forget what is in flight (the epoch bump makes late answers harmless).
void ElementActor::reset_streaming() {
  task_running_ = false;
  cancel_wakeup();
  if (cur_.busy && !cur_.from_source && !cur_.delegated)
    answer_item(cur_.pad, cur_.epoch, FlowReturn::Flushing, cur_.event, cur_.answer_to);
  cur_.clear();
  for (std::uint32_t pad = 0; pad < in_.size(); ++pad) {
    for (const Pending& pending : in_[pad].pending)
      answer_item(pad, pending.epoch, FlowReturn::Flushing, false, pending.answer_to);
    in_[pad].pending.clear();
    in_[pad].eos = false;
    in_[pad].flushing = false;
    in_[pad].caps_refused = in_[pad].not_negotiated_posted = false;
    in_[pad].sticky.clear();
  }
  for (const Pad& pad : element_->pads()) element_->set_current_caps(pad.index, Caps());
  negotiating_ = false;
  ++negotiation_seq_;
  for (OutLink& link : out_) {
    forget_in_flight(link);
    link.delegated = AnswerTo{};
    link.last = FlowReturn::Ok;
    link.dropped = 0;
    link.sticky.clear();  // a deactivated pad forgets its sticky events
    link.sticky_pending = false;
    link.peer_died = false;
  }
  prerolled_ = false;
  eos_pending_ = false;
  need_preroll_ = false;
  eos_sent_ = false;
  last_stop_ = kClockTimeNone;
}

}  // namespace gstmini::actors
