// ElementActor: the streaming loop of a source (GstBaseSrc's task), as
// messages. The loop runs while the src link has room: with window 1 the
// next buffer is created only when downstream answered the last one.
#include <caf/all.hpp>

#include <string>

#include "actors/element_actor.hpp"
#include "runtime/eos_hold.hpp"

namespace gstmini::actors {

void ElementActor::start_task() {
  if (task_running_) return;
  task_running_ = true;
  live_ = source_->is_live();  // read once per start: a property lookup per buffer shows up
  GSTMINI_DEBUG_OBJECT(*element_, "starting streaming task");
  produce_loop();
}

void ElementActor::produce_loop() {
  if (in_produce_loop_) return;  // re-entered from finish_item(): the loop below continues
  in_produce_loop_ = true;
  while (task_running_ && !cur_.busy) {
    if (source_->negotiation_needed()) {
      negotiate();  // the answer restarts the loop
      if (negotiating_ || !task_running_) break;
    }
    if (live_ && wait_until_due()) break;
    if (!source_->ready_to_create()) break;  // parked until the element wakes us
    cur_.clear();
    cur_.busy = true;
    cur_.from_source = true;
    output_.clear();
    const std::uint64_t started_ns = stats_ ? stats_now_ns() : 0;
    cur_.own = guarded("create", [&] { return source_->produce(output_); });
    if (stats_) stats_processed(started_ns, produced_buffers());
    send_outputs();
    try_complete();
  }
  in_produce_loop_ = false;
}

// A live source captures when its next buffer is due; until then it asks
// the clock for a wake-up. Returns true while waiting.
bool ElementActor::wait_until_due() {
  if (wait_id_) return true;
  const ElementRuntime& rt = element_->runtime();
  ClockTime due = source_->next_due_time();
  if (!is_valid(due) || !rt.clock || !is_valid(rt.base_time)) return false;
  ClockTime at = rt.base_time + due;
  if (at <= rt.clock->now()) return false;
  schedule_wakeup(at);
  return true;
}

void ElementActor::source_item_done(FlowReturn ret) {
  if (!task_running_) return;  // stopped meanwhile, or this was the final EOS
  if (ret == FlowReturn::Ok) {
    produce_loop();
    return;
  }
  end_stream(ret);
}

// GstBaseSrc's loop on a non-OK flow: pause the task; EOS and fatal errors
// send EOS downstream, fatal errors also post "Internal data stream error".
void ElementActor::end_stream(FlowReturn reason) {
  task_running_ = false;
  GSTMINI_INFO_OBJECT(*element_, "pausing task, reason {}", to_string(reason));
  if (reason == FlowReturn::Flushing) return;
  if (is_fatal(reason))
    element_->post_error("Internal data stream error.",
                         "streaming stopped, reason " + std::string(to_string(reason)) + " (" +
                             std::to_string(static_cast<int>(reason)) + ")");
  if (eos_sent_) return;
  eos_sent_ = true;
  cur_.clear();
  cur_.busy = true;
  cur_.from_source = true;
  output_.clear();
  output_.push_event(Event::eos());
  send_outputs();
  try_complete();
}

// ---- clock wake-ups (shared with sinks) ---------------------------------------

void ElementActor::schedule_wakeup(ClockTime at) {
  const std::uint64_t token = ++wait_token_;
  caf::actor_addr self_addr = address();
  wait_id_ = element_->runtime().clock->schedule(at, [self_addr, token] {
    if (auto self = caf::actor_cast<caf::actor>(self_addr))
      caf::anon_send(self, ClockFiredMsg{token});
  });
}

void ElementActor::cancel_wakeup() {
  if (wait_id_ && element_->runtime().clock) element_->runtime().clock->unschedule(*wait_id_);
  wait_id_.reset();
  ++wait_token_;  // a wake-up already on its way is now stale
}

void ElementActor::on_clock_fired(std::uint64_t token) {
  if (token != wait_token_) return;
  wait_id_.reset();
  if (source_) {
    produce_loop();
  } else if (cur_.waiting_clock) {
    cur_.waiting_clock = false;
    if (std::holds_alternative<Event>(*cur_.held)) {
      if (sink_ready_for_eos(*sink_)) finish_sink_eos();  // else held until woken
    } else {
      ClockTime now = element_->runtime().clock->now();
      render_held(static_cast<ClockTimeDiff>(now - cur_.plan.clock_time));
    }
  }
}

}  // namespace gstmini::actors
