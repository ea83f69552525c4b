// ElementActor, the receiving side of a link: items taken in order, one
// hook run at a time (the lock-step chain), and the FlowReturn answered to
// the sender once the whole downstream chain has answered.
#include <caf/all.hpp>

#include <algorithm>
#include <exception>
#include <utility>

#include "actors/element_actor.hpp"
#include "actors/item_facts.hpp"
#include "runtime/pipeline.hpp"

namespace gstmini::actors {

// ---- items ------------------------------------------------------------------

void ElementActor::on_item(ItemMsg& msg) {
  if (msg.pad >= in_.size()) return;
  if (stats_ && msg.sent_ns) stats_received(in_[msg.pad], msg);
  // Sent before a FLUSH_START that overtook it: dropped, never answered
  // (the sender forgot it when it flushed). A delegated one is answered: the
  // element waiting for it may be above the flush (its epoch check drops
  // the answer if it flushed too).
  if (msg.epoch < in_[msg.pad].stale_below) {
    if (msg.answer_to.actor)
      answer_item(msg.pad, msg.epoch, FlowReturn::Flushing, false, msg.answer_to);
    return;
  }
  // A flushing pad, or one of an element below PAUSED, refuses with FLUSHING.
  if (element_->state() < State::Paused || in_[msg.pad].flushing) {
    answer_item(msg.pad, msg.epoch, FlowReturn::Flushing, false, msg.answer_to);
    return;
  }
  // Idle with nothing waiting: pump() would pick this very item, so start it
  // without the round trip through the pending deque.
  if (!cur_.busy && !pumping_ && nothing_pending()) {
    pumping_ = true;
    next_in_ = (msg.pad + 1) % static_cast<std::uint32_t>(in_.size());
    start_item(msg.pad, std::move(msg.item), msg.epoch, msg.depth, 0, std::move(msg.answer_to));
    pumping_ = false;
    pump();  // items that arrived while this one ran (none, unless re-entered)
    return;
  }
  in_[msg.pad].pending.push_back(
      Pending{std::move(msg.item), msg.epoch, msg.depth, 0, std::move(msg.answer_to)});
  pump();
}

// A batch is its items one after the other, as if each came alone (and
// they all share the sender's epoch of the moment it was sent).
void ElementActor::on_items(ItemBatchMsg& msg) {
  if (msg.items.empty() || msg.items.front().pad >= in_.size()) return;
  const std::uint32_t pad = msg.items.front().pad;
  InLink& in = in_[pad];
  const std::uint64_t batch = ++in.batches;
  std::uint32_t refused = 0;
  for (ItemMsg& item : msg.items) {
    if (stats_ && item.sent_ns) stats_received(in, item);
    if (item.epoch < in.stale_below) continue;
    if (element_->state() < State::Paused || in.flushing) {
      ++refused;
      continue;
    }
    in.pending.push_back(Pending{std::move(item.item), item.epoch, item.depth, batch, {}});
  }
  if (refused && in.peer)
    send(in.peer,
         FlowMsg{in.peer_pad, msg.items.front().epoch, FlowReturn::Flushing, refused, grant(in)});
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
      start_item(pad, std::move(pending.item), pending.epoch, pending.depth, pending.batch,
                 std::move(pending.answer_to));
      started = true;
    }
    if (!started) break;
  }
  pumping_ = false;
}

// Items go by rvalue reference from the message (or the pending deque) to
// the hook: every variant move saved counts at a few million items a second.
void ElementActor::start_item(std::uint32_t pad, Item&& item, std::uint64_t epoch,
                              std::uint16_t depth, std::uint64_t batch, AnswerTo answer_to) {
  cur_.clear();
  cur_.busy = true;
  if (answer_to.actor) cur_.answer_to = std::move(answer_to);
  cur_.pad = pad;
  cur_.epoch = epoch;
  cur_.depth = depth;
  cur_.batch = batch;
  InLink& in = in_[pad];
  const Event* event = std::get_if<Event>(&item);
  cur_.event = event != nullptr;
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
    if (!event) last_bytes_ = level_of(item).bytes;
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
  } else if (cur_.delegated) {
    GSTMINI_LOG_OBJ(*element_, "{}RETURN left to the element the push went to", indent());
  } else {
    GSTMINI_LOG_OBJ(*element_, "{}RETURNING {} to caller", indent(), to_string(ret));
    answer_item(cur_.pad, cur_.epoch, ret, cur_.event, cur_.answer_to);
    if (ret != FlowReturn::Ok && cur_.batch) drop_rest_of_batch(cur_.pad, cur_.batch, ret);
  }
  cur_.clear();
  if (from_source)
    source_item_done(ret);
  else
    pump();
}

// OK answers to a sender holding more than 1 credit are owed and go
// together (one FlowMsg with a count) once half the grant is owed, or at
// the end of the handler run if the sender has no credit left
// (send_owed_to_stalled). Anything else first sends what is owed, so
// answers stay in item order. Every answer carries the grant of the moment.
void ElementActor::answer(std::uint32_t pad, std::uint64_t epoch, FlowReturn ret, bool event) {
  InLink& in = in_[pad];
  if (ret == FlowReturn::Ok && !event && in.granted > 1 &&
      (in.owed == 0 || in.owed_epoch == epoch)) {
    ++in.owed;
    in.owed_epoch = epoch;
    if (in.owed >= in.granted / 2) send_owed(pad);
    return;
  }
  send_owed(pad);
  in.granted = grant(in);
  GSTMINI_LOG_OBJ(*element_, "answering 1 item {} to {}, credit {}", to_string(ret), in.peer_name,
                  in.granted);
  if (in.peer) send(in.peer, FlowMsg{in.peer_pad, epoch, ret, 1, in.granted});
}

void ElementActor::answer_item(std::uint32_t pad, std::uint64_t epoch, FlowReturn ret, bool event,
                               const AnswerTo& answer_to) {
  if (!answer_to.actor) {
    answer(pad, epoch, ret, event);
    return;
  }
  // Delegated items are lock-step: nothing owed to hold back, no credit to
  // grant (0: the waiting element's credit stays 1).
  GSTMINI_LOG_OBJ(*element_, "answering 1 delegated item {}", to_string(ret));
  send(answer_to.actor, FlowMsg{answer_to.pad, answer_to.epoch, ret, 1, 0});
  // The link's sender hears nothing from us while it delegates: if we now
  // grant more (a sync=false sink gone to PLAYING), tell it (an answer for
  // no item), and it sends batches instead.
  InLink& in = in_[pad];
  const std::uint32_t now_granted = grant(in);
  if (in.peer && now_granted != in.granted) {
    in.granted = now_granted;
    send(in.peer, FlowMsg{in.peer_pad, epoch, FlowReturn::Ok, 0, in.granted});
  }
}

void ElementActor::send_owed(std::uint32_t pad) {
  InLink& in = in_[pad];
  if (in.owed == 0) return;
  in.granted = grant(in);
  GSTMINI_LOG_OBJ(*element_, "answering {} items ok to {}, credit {}", in.owed, in.peer_name,
                  in.granted);
  if (in.peer)
    send(in.peer, FlowMsg{in.peer_pad, in.owed_epoch, FlowReturn::Ok, in.owed, in.granted});
  in.owed = 0;
}

// Everything a sender may have unanswered is here (owed, pending or being
// handled): it waits for us, so what is owed goes now.
void ElementActor::send_owed_to_stalled() {
  for (std::uint32_t pad = 0; pad < in_.size(); ++pad) {
    InLink& in = in_[pad];
    if (in.owed == 0) continue;
    const std::size_t here =
        in.owed + in.pending.size() + (cur_.busy && !cur_.from_source && cur_.pad == pad ? 1 : 0);
    if (here >= in.granted) send_owed(pad);
  }
}

void ElementActor::drop_rest_of_batch(std::uint32_t pad, std::uint64_t batch, FlowReturn ret) {
  InLink& in = in_[pad];
  std::uint32_t dropped = 0;
  std::uint64_t epoch = 0;
  while (!in.pending.empty() && in.pending.front().batch == batch &&
         !std::holds_alternative<Event>(in.pending.front().item)) {
    epoch = in.pending.front().epoch;
    in.pending.pop_front();
    ++dropped;
  }
  if (dropped == 0) return;
  GSTMINI_LOG_OBJ(*element_, "{} more buffers of the batch answered {} unhandled", dropped,
                  to_string(ret));
  if (in.peer) send(in.peer, FlowMsg{in.peer_pad, epoch, ret, dropped, grant(in)});
}

// A plain element grants 1: each push waits for the whole chain below (a
// GStreamer streaming thread's call stack). A queue grants its free room
// (its answers are OK until it is full anyway). A sync=false sink in
// PLAYING grants up to kMaxCredit items, but no more than kSinkAheadBytes
// of them by the size of its last buffer: a sink that falls behind (an
// upload) holds little, and a pusher learns a non-OK result a few buffers
// late, as it would behind a queue.
std::uint32_t ElementActor::credit() const {
  if (sink_) {
    if (!grants_many_) return 1;
    const std::uint64_t items = last_bytes_ ? kSinkAheadBytes / last_bytes_ : kMaxCredit;
    return static_cast<std::uint32_t>(std::clamp<std::uint64_t>(items, 1, kMaxCredit));
  }
  for (const OutLink& link : out_)
    if (link.linked() && link.limits.enabled)
      return staging_room(link.limits, link.level, link.newest, kMaxCredit);
  return 1;
}

}  // namespace gstmini::actors
