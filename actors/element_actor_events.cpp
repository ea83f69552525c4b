// ElementActor: events outside the data stream, and flushing.
//
// FLUSH_START crosses a link out of band (high priority): the sender forgets
// what it had in flight on that link and moves to a new epoch; the receiver
// drops every item of an older epoch still in its mailbox, drops what it
// had pending, stops waiting on the clock, and refuses new items with
// FLUSHING until FLUSH_STOP, which travels in order. Correctness comes from
// the epochs, not from how fast the high-priority message overtakes: a
// FLUSH_STOP whose FLUSH_START was overtaken by a newer one, and any flush
// of an older link (messages.hpp), are ignored.
//
// Upstream events (SEEK, LATENCY, QOS, custom) are requests: each element
// runs its src_event() hook and forwards what it pushed upstream; the answer
// is true as soon as one element on the way handled the event.
#include <algorithm>
#include <caf/all.hpp>

#include <functional>
#include <memory>
#include <utility>

#include "actors/answer_join.hpp"
#include "actors/element_actor.hpp"

namespace gstmini::actors {

void ElementActor::on_flush(const FlushMsg& msg) {
  if (msg.pad >= in_.size()) return;
  InLink& in = in_[msg.pad];
  const Pad& pad = element_->pads()[msg.pad];
  // A flush of an older link, or the FLUSH_STOP of a flush that a newer
  // FLUSH_START overtook (start, start, stop, stop): the newer flush rules.
  if (msg.epoch < in.stale_below || link_of(msg.epoch) != link_of(in.stale_below)) {
    GSTMINI_DEBUG_OBJECT(*element_, "stale flush-{} on {} ignored", msg.start ? "start" : "stop",
                         pad.name);
    return;
  }
  if (msg.start) {
    in.stale_below = msg.epoch;
    in.flushing = true;
    // Dropped unanswered: their sender flushed and forgot them. Delegated
    // ones are answered, their sender may be above the flush.
    for (const Pending& pending : in.pending)
      if (pending.answer_to.actor)
        answer_item(msg.pad, pending.epoch, FlowReturn::Flushing, false, pending.answer_to);
    in.pending.clear();
    in.owed = 0;
    if (cur_.busy && !cur_.from_source && cur_.pad == msg.pad) {
      cancel_wakeup();
      if (cur_.answer_to.actor)
        answer_item(msg.pad, cur_.epoch, FlowReturn::Flushing, false, cur_.answer_to);
      cur_.clear();
      for (OutLink& link : out_) link.used = false;
    }
  } else {
    in.flushing = false;
    in.eos = false;
    if (sink_) sink_flushed(msg.reset_time);
  }
  GSTMINI_DEBUG_OBJECT(*element_, "{} on {}", msg.start ? "flush-start" : "flush-stop", pad.name);
  output_.clear();
  guarded("event", [&] {
    element_->sink_event(pad, msg.start ? Event::flush_start() : Event::flush_stop(msg.reset_time),
                         output_);
    return FlowReturn::Ok;
  });
  send_outputs();  // the default handler flushes every src link in turn
  if (!upstream_.empty()) send_upstream(false, nullptr);
  if (!msg.start) pump();
}

void ElementActor::flush_link_start(OutLink& link) {
  forget_in_flight(link);
  link.last = FlowReturn::Ok;
  if (link.linked())
    send<caf::message_priority::high>(link.peer, FlushMsg{link.peer_pad, true, link.epoch, false});
}

void ElementActor::flush_link_stop(OutLink& link, bool reset_time) {
  if (link.linked()) send(link.peer, FlushMsg{link.peer_pad, false, link.epoch, reset_time});
}

caf::result<bool> ElementActor::on_upstream_event(UpstreamEventMsg& msg) {
  if (msg.pad >= element_->pads().size()) return false;
  const Pad& pad = element_->pads()[msg.pad];
  GSTMINI_DEBUG_OBJECT(*element_, "{} event on {}", to_string(msg.event.type()), pad.name);
  output_.clear();
  bool handled = false;
  guarded("src_event", [&] {
    handled = element_->src_event(pad, std::move(msg.event), output_);
    return FlowReturn::Ok;
  });
  send_outputs();
  bool flush = false;
  if (handled && source_ && source_->take_pending_seek(&flush)) run_seek(flush);
  return answer_upstream(handled);
}

caf::result<bool> ElementActor::on_send_event(SendEventMsg& msg) {
  output_.clear();
  bool handled = false;
  guarded("send_event", [&] {
    handled = element_->send_event(std::move(msg.event), output_);
    return FlowReturn::Ok;
  });
  send_outputs();
  // An EOS sent to a waiting source is acted on at once.
  if (handled && source_ && task_running_ && !cur_.busy) produce_loop();
  return answer_upstream(handled);
}

void ElementActor::send_upstream(bool handled, std::function<void(bool)> on_answered) {
  std::vector<Output::Item> items = std::move(upstream_);
  upstream_.clear();
  auto join = AnswerJoin<bool>::make(
      [handled, on_answered = std::move(on_answered)](std::vector<bool>& answers) {
        if (on_answered)
          on_answered(handled || std::find(answers.begin(), answers.end(), true) != answers.end());
      });
  for (Output::Item& item : items) {
    InLink& in = in_[item.pad];
    if (!in.peer) continue;
    join->ask<bool>(this, in.peer,
                    UpstreamEventMsg{in.peer_pad, std::get<Event>(std::move(item.data))}, false,
                    [](bool ok) { return ok; });
  }
  join->start();
}

caf::result<bool> ElementActor::answer_upstream(bool handled) {
  if (upstream_.empty()) return handled;
  auto promise = make_response_promise<bool>();
  send_upstream(handled, [promise](bool any) mutable { promise.deliver(any); });
  return promise;
}

// A seek the source accepted: a flushing one empties the pipeline first;
// either way the loop restarts and pushes the new SEGMENT before any buffer.
void ElementActor::run_seek(bool flush) {
  if (flush) {
    task_running_ = false;
    cancel_wakeup();
    cur_.clear();
    for (OutLink& link : out_) flush_link_start(link);
    for (OutLink& link : out_) flush_link_stop(link, true);
  }
  eos_sent_ = false;
  const State state = element_->state();
  if (state == State::Playing || (state == State::Paused && !source_->is_live())) start_task();
}

void ElementActor::on_base_time(ClockTime base_time) {
  element_->runtime().base_time = base_time;
  need_preroll_ = false;
  if (sink_ && cur_.held && !cur_.waiting_clock && element_->state() == State::Playing)
    sync_and_render();
}

}  // namespace gstmini::actors
