// ElementActor: what a sink does with an item (GstBaseSink's chain, preroll
// and do_sync), as messages. The item stays in cur_.held while the sink
// prerolls (PAUSED) or waits for its clock wake-up (PLAYING); upstream gets
// its answer only after the render, so a lock-step source is paced by it.
#include <caf/all.hpp>

#include "actors/element_actor.hpp"
#include "runtime/eos_hold.hpp"

namespace gstmini::actors {

void ElementActor::sink_item() {
  Item& item = *cur_.held;
  if (auto* event = std::get_if<Event>(&item)) {
    const Pad& pad = element_->pads()[cur_.pad];
    guarded("event", [&] {
      sink_->sink_event(pad, *event, output_);
      return FlowReturn::Ok;
    });
    output_.clear();
    if (event->type() != EventType::Eos) {
      cur_.held.reset();
      finish_item(FlowReturn::Ok);
      return;
    }
    if (element_->state() != State::Playing) {
      // EOS completes preroll; it is posted once the sink is PLAYING.
      eos_pending_ = true;
      report_preroll();
      cur_.held.reset();
      finish_item(FlowReturn::Ok);
      return;
    }
    if (need_preroll_) {  // EOS right after a flush: nothing to preroll
      report_preroll();
      need_preroll_ = false;
    }
    sync_and_render();
    return;
  }
  if (holding_for_preroll()) {
    if (!prerolled_) {
      const Buffer* first =
          std::holds_alternative<Buffer>(item)
              ? &std::get<Buffer>(item)
              : (std::get<BufferList>(item).empty() ? nullptr
                                                    : &std::get<BufferList>(item).front());
      if (first) guarded("preroll", [&] { return sink_->handle_preroll(*first); });
      report_preroll();
    }
    return;  // held until PLAYING
  }
  sync_and_render();
}

void ElementActor::sync_and_render() {
  const ElementRuntime& rt = element_->runtime();
  Item& item = *cur_.held;
  if (std::holds_alternative<Event>(item)) {
    // basesink waits for the end of the last buffer before posting EOS.
    if (sink_->get<bool>("sync") && is_valid(last_stop_) && rt.clock && is_valid(rt.base_time)) {
      ClockTime at = rt.base_time + last_stop_;
      if (at > rt.clock->now()) {
        cur_.waiting_clock = true;
        schedule_wakeup(at);
        return;
      }
    }
    if (!sink_ready_for_eos(*sink_)) return;  // held until the element wakes us
    finish_sink_eos();
    return;
  }
  const Buffer* first = std::holds_alternative<Buffer>(item) ? &std::get<Buffer>(item)
                        : std::get<BufferList>(item).empty() ? nullptr
                                                             : &std::get<BufferList>(item).front();
  if (!first) {
    cur_.held.reset();
    finish_item(FlowReturn::Ok);
    return;
  }
  cur_.plan = sink_->plan_sync(*first);
  if (cur_.plan.outside_segment) {
    GSTMINI_DEBUG_OBJECT(*element_, "buffer pts {} is outside the segment: dropped",
                         format_time(first->pts));
    cur_.held.reset();
    finish_item(FlowReturn::Ok);
    return;
  }
  if (!cur_.plan.wait) {
    render_held(0);
    return;
  }
  ClockTime now = rt.clock->now();
  if (cur_.plan.clock_time > now) {
    GSTMINI_LOG_OBJ(*element_, "{}waiting for clock time {} (running time {})", indent(),
                    format_time(cur_.plan.clock_time), format_time(cur_.plan.running_time));
    cur_.waiting_clock = true;
    schedule_wakeup(cur_.plan.clock_time);
    return;
  }
  render_held(static_cast<ClockTimeDiff>(now - cur_.plan.clock_time));
}

void ElementActor::render_held(ClockTimeDiff jitter) {
  if (!sink_->ready_to_render()) return;  // stays held until the element wakes us
  Item item = std::move(*cur_.held);
  cur_.held.reset();
  const Sink::SyncPlan& plan = cur_.plan;
  GSTMINI_DEBUG_OBJECT(*element_, "{}render {}: running time {}, clock time {}, lateness {}",
                       indent(), std::holds_alternative<Buffer>(item) ? "buffer" : "list",
                       format_time(plan.running_time), format_time(plan.clock_time),
                       format_time_diff(jitter));
  const std::uint64_t started_ns = stats_ ? stats_now_ns() : 0;
  FlowReturn ret = guarded("render", [&] {
    return std::holds_alternative<Buffer>(item)
               ? sink_->render_synced(std::get<Buffer>(item), plan, jitter)
               : sink_->render_synced(std::get<BufferList>(item), plan, jitter);
  });
  if (stats_)
    stats_processed(started_ns,
                    std::holds_alternative<Buffer>(item) ? 1 : std::get<BufferList>(item).size());
  if (const Pad* sink_pad = element_->first_pad(PadDirection::Sink))
    for (Event& event : sink_->take_upstream_events())
      upstream_.push_back(Output::Item{sink_pad->index, std::move(event)});
  if (!upstream_.empty()) send_upstream(false, nullptr);
  if (is_valid(plan.running_stop))
    last_stop_ = plan.running_stop;
  else if (is_valid(plan.running_time))
    last_stop_ = plan.running_time;
  finish_item(ret);
}

void ElementActor::finish_sink_eos() {
  cur_.held.reset();
  GSTMINI_DEBUG_OBJECT(*element_, "EOS reached");
  send(pipeline_, ElementEosMsg{element_->name()});
  finish_item(FlowReturn::Ok);
}

void ElementActor::report_preroll() {
  if (prerolled_) return;
  prerolled_ = true;
  GSTMINI_DEBUG_OBJECT(*element_, "prerolled");
  send(pipeline_, AsyncDoneMsg{element_->name()});
}

// PAUSED holds the first buffer; so does PLAYING after a flush that reset
// running time, until the pipeline hands out the new base time.
bool ElementActor::holding_for_preroll() const {
  return element_->state() != State::Playing || need_preroll_;
}

void ElementActor::sink_flushed(bool reset_time) {
  prerolled_ = false;
  eos_pending_ = false;
  last_stop_ = kClockTimeNone;
  if (reset_time && element_->state() == State::Playing) need_preroll_ = true;
}

void ElementActor::sink_state_changed(StateChange change) {
  switch (change) {
    case StateChange::ReadyToPaused:
      prerolled_ = false;
      break;
    case StateChange::PausedToPlaying:
      need_preroll_ = false;
      grants_many_ = !element_->get<bool>("sync") && !sink_->asks_upstream_while_rendering();
      if (eos_pending_) {
        eos_pending_ = false;
        send(pipeline_, ElementEosMsg{element_->name()});
      }
      if (cur_.held && !cur_.waiting_clock) sync_and_render();
      break;
    case StateChange::PlayingToPaused:
      grants_many_ = false;
      // Unschedule the wait and hold the item again: it re-syncs on PLAYING.
      if (cur_.waiting_clock) {
        cancel_wakeup();
        cur_.waiting_clock = false;
      }
      prerolled_ = cur_.held.has_value();
      break;
    default:
      break;
  }
}

}  // namespace gstmini::actors
