// ElementActor, the receiving side of a link: items taken in order, one
// hook run at a time (the lock-step chain), and the FlowReturn answered to
// the sender once the whole downstream chain has answered.
#include <caf/all.hpp>

#include <algorithm>
#include <exception>
#include <utility>

#include "actors/element_actor.hpp"
#include "actors/item_facts.hpp"

namespace gstmini::actors {

// ---- items ------------------------------------------------------------------

void ElementActor::on_item(ItemMsg& msg) {
  if (msg.pad >= in_.size()) return;
  if (stats_ && msg.sent_ns) stats_received(in_[msg.pad], msg);
  // Sent before a FLUSH_START that overtook it: dropped, never answered
  // (the sender forgot it when it flushed).
  if (msg.epoch < in_[msg.pad].stale_below) return;
  // A flushing pad, or one of an element below PAUSED, refuses with FLUSHING.
  if (element_->state() < State::Paused || in_[msg.pad].flushing) {
    InLink& link = in_[msg.pad];
    if (link.peer) send(link.peer, FlowMsg{link.peer_pad, msg.epoch, FlowReturn::Flushing, 1});
    return;
  }
  // Idle with nothing waiting: pump() would pick this very item, so start it
  // without the round trip through the pending deque.
  if (!cur_.busy && !pumping_ && nothing_pending()) {
    pumping_ = true;
    next_in_ = (msg.pad + 1) % static_cast<std::uint32_t>(in_.size());
    start_item(msg.pad, std::move(msg.item), msg.epoch, msg.depth);
    pumping_ = false;
    pump();  // items that arrived while this one ran (none, unless re-entered)
    return;
  }
  in_[msg.pad].pending.push_back(Pending{std::move(msg.item), msg.epoch, msg.depth});
  pump();
}

bool ElementActor::nothing_pending() const {
  return std::all_of(in_.begin(), in_.end(), [](const InLink& l) { return l.pending.empty(); });
}

// Handles pending items one at a time until one has to wait.
void ElementActor::pump() {
  if (pumping_) return;  // re-entered from finish_item(): the loop below goes on
  pumping_ = true;
  const auto n = static_cast<std::uint32_t>(in_.size());
  while (!cur_.busy) {
    bool started = false;
    for (std::uint32_t k = 0; k < n && !started; ++k) {
      std::uint32_t pad = (next_in_ + k) % n;
      if (in_[pad].pending.empty()) continue;
      next_in_ = (pad + 1) % n;
      Pending pending = std::move(in_[pad].pending.front());
      in_[pad].pending.pop_front();
      start_item(pad, std::move(pending.item), pending.epoch, pending.depth);
      started = true;
    }
    if (!started) break;
  }
  pumping_ = false;
}

// Items go by rvalue reference from the message (or the pending deque) to
// the hook: every variant move saved counts at a few million items a second.
void ElementActor::start_item(std::uint32_t pad, Item&& item, std::uint64_t epoch,
                              std::uint16_t depth) {
  cur_.clear();
  cur_.busy = true;
  cur_.pad = pad;
  cur_.epoch = epoch;
  cur_.depth = depth;
  InLink& in = in_[pad];
  const Event* event = std::get_if<Event>(&item);
  GSTMINI_LOG_OBJ(*element_, "{}chain — RECEIVED {} from {}", indent(), describe(item),
                  in.peer_name);
  // After EOS a pad refuses data until the stream restarts.
  if (in.eos && !event) {
    finish_item(FlowReturn::Eos);
    return;
  }
  if (event && event->type() == EventType::Eos) in.eos = true;
  // A new stream may follow EOS without a flush (gst_pad_push_event clears
  // the pad's EOS flag on STREAM_START).
  if (event && event->type() == EventType::StreamStart) in.eos = false;
  const bool refused =
      event ? event->type() == EventType::Caps && !accept_caps_event(pad, event->parsed_caps())
            : in.caps_refused;
  if (refused) {
    finish_item(FlowReturn::NotNegotiated);
    return;
  }
  if (event && event->is_sticky()) remember_sticky(in.sticky, *event);
  if (event && event->type() == EventType::Caps && !sink_ && element_->transforms_caps()) {
    ask_peer_caps_then_run(pad, std::move(item));
    return;
  }
  if (sink_) {
    cur_.held = std::move(item);
    sink_item();
    return;
  }
  run_hook(pad, std::move(item));
}

void ElementActor::run_hook(std::uint32_t pad, Item&& item) {
  const Pad& p = element_->pads()[pad];
  output_.clear();
  const std::uint64_t started_ns = stats_ ? stats_now_ns() : 0;
  const std::uint64_t buffers = stats_ ? buffers_in(item) : 0;
  cur_.own = guarded("chain", [&] {
    return std::visit(
        Overloaded{
            [&](Buffer& b) { return element_->chain(p, std::move(b), output_); },
            [&](BufferList& l) { return element_->chain_list(p, std::move(l), output_); },
            [&](Event& e) {
              if (!element_->sink_event(p, std::move(e), output_))
                GSTMINI_DEBUG_OBJECT(*element_, "event not handled on {}", p.name);
              return FlowReturn::Ok;
            },
        },
        item);
  });
  if (stats_) stats_processed(started_ns, buffers);
  if (cur_.own == FlowReturn::NotNegotiated)
    report_not_negotiated(pad, element_->take_not_negotiated_reason());
  send_outputs();
  if (!upstream_.empty()) send_upstream(false, nullptr);  // e.g. QOS from a chain: nobody waits
  try_complete();
}

void ElementActor::try_complete() {
  if (!cur_.busy || cur_.held) return;  // a sink completes its own items
  FlowCombiner combiner;
  for (const OutLink& link : out_) {
    if (!link.used) continue;
    if (!link.has_room()) return;
    combiner.add(link.last);
  }
  if (cur_.not_linked) combiner.add(FlowReturn::NotLinked);
  finish_item(cur_.own != FlowReturn::Ok ? cur_.own : element_->adjust_flow(combiner.result()));
}

void ElementActor::finish_item(FlowReturn ret) {
  for (OutLink& link : out_) link.used = false;
  const bool from_source = cur_.from_source;
  if (from_source && cur_.own != FlowReturn::Ok) {
    GSTMINI_LOG_OBJ(*element_, "create returned {}", to_string(ret));
  } else if (from_source) {
    GSTMINI_LOG_OBJ(*element_, "PUSH RETURNED: {}", to_string(ret));
  } else {
    GSTMINI_LOG_OBJ(*element_, "{}RETURNING {} to caller", indent(), to_string(ret));
    answer(cur_.pad, cur_.epoch, ret);
  }
  cur_.clear();
  if (from_source)
    source_item_done(ret);
  else
    pump();
}

// With window 1 every answer goes at once: the lock-step call stack. With a
// larger window, OK answers are owed and sent together (one FlowMsg with a
// count) when the mailbox runs empty or half the window is owed; anything
// else first sends what is owed, so answers stay in item order.
void ElementActor::answer(std::uint32_t pad, std::uint64_t epoch, FlowReturn ret) {
  InLink& in = in_[pad];
  if (in.window > 1 && ret == FlowReturn::Ok && (in.owed == 0 || in.owed_epoch == epoch)) {
    ++in.owed;
    in.owed_epoch = epoch;
    if (in.owed >= in.window / 2) send_owed(pad);
    return;
  }
  send_owed(pad);
  if (in.peer) send(in.peer, FlowMsg{in.peer_pad, epoch, ret, 1});
}

void ElementActor::send_owed(std::uint32_t pad) {
  InLink& in = in_[pad];
  if (in.owed == 0) return;
  if (in.peer) send(in.peer, FlowMsg{in.peer_pad, in.owed_epoch, FlowReturn::Ok, in.owed});
  in.owed = 0;
}

// Called at the end of every handler that may finish items.
void ElementActor::send_owed_if_idle() {
  if (!mailbox().empty()) return;
  for (std::uint32_t pad = 0; pad < in_.size(); ++pad) send_owed(pad);
}

}  // namespace gstmini::actors
