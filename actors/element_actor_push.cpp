// ElementActor, the sending side of a link: the outbox, credit, staging
// levels, EOS and the answers (FlowMsg) coming back, and a peer that died.
#include <caf/all.hpp>

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

#include "actors/element_actor.hpp"
#include "actors/item_facts.hpp"

namespace gstmini::actors {

void ElementActor::send_outputs() {
  const std::vector<Pad>& pads = element_->pads();
  const bool one_output = output_.items().size() == 1;
  for (Output::Item& item : output_.items()) {
    if (item.pad < pads.size() && pads[item.pad].direction == PadDirection::Sink) {
      upstream_.push_back(std::move(item));  // sent by send_upstream()
      continue;
    }
    if (const auto* event = std::get_if<Event>(&item.data);
        event && item.pad < out_.size() &&
        (event->type() == EventType::FlushStart || event->type() == EventType::FlushStop)) {
      if (event->type() == EventType::FlushStart)
        flush_link_start(out_[item.pad]);
      else
        flush_link_stop(out_[item.pad], event->reset_time());
      continue;
    }
    if (item.pad >= out_.size()) {  // the element has no such src pad
      if (!std::holds_alternative<Event>(item.data)) cur_.not_linked = true;
      continue;
    }
    OutLink& link = out_[item.pad];
    if (const auto* event = std::get_if<Event>(&item.data); event && event->is_sticky()) {
      remember_sticky(link.sticky, *event);
      if (event->type() == EventType::Caps)
        element_->set_current_caps(item.pad, event->parsed_caps());
    }
    if (!link.linked() && link.peer_died) {
      link.used = cur_.busy;  // completes with the link's sticky ERROR
      continue;
    }
    if (!link.linked()) {
      // Only data fails on an unlinked pad; sticky events wait for a peer.
      if (!std::holds_alternative<Event>(item.data)) cur_.not_linked = true;
      GSTMINI_LOG_OBJ(*element_, "{}PUSHING {} on an unlinked pad{}", indent(), describe(item.data),
                      std::holds_alternative<Event>(item.data) ? "" : ": not-linked");
      continue;
    }
    link.used = cur_.busy;  // pushes outside an item (send_event) are not waited for
    if (std::holds_alternative<Buffer>(item.data)) {
      GSTMINI_LOG_OBJ(*element_, "{}PUSHING buffer {} ({}) to {}", indent(), link.pushed,
                      format_time(std::get<Buffer>(item.data).pts), link.peer_name);
      ++link.pushed;
    } else {
      GSTMINI_LOG_OBJ(*element_, "{}PUSHING {} to {}", indent(), describe(item.data),
                      link.peer_name);
    }
    if (one_output && may_delegate(link, item.data)) {
      link.used = false;  // the item is done: its answer went along
      push_delegated(link, std::move(item.data));
      continue;
    }
    push_item(link, std::move(item.data));
  }
  output_.clear();
}

// A pad keeps the last stream-start, segment and eos it pushed (a new
// stream-start starts over).
void ElementActor::remember_sticky(std::vector<Event>& sticky, const Event& event) {
  if (event.type() == EventType::StreamStart) sticky.clear();
  for (Event& kept : sticky) {
    if (kept.type() == event.type()) {
      kept = event;
      return;
    }
  }
  sticky.push_back(event);
}

void ElementActor::push_item(OutLink& link, Item&& item) {
  // A queue starts a new streaming domain: its pushes begin a new call stack.
  auto depth = static_cast<std::uint16_t>(link.limits.enabled ? 1 : cur_.depth + 1);
  if (link.sticky_pending) {
    // A peer linked after sticky events went out gets them first.
    link.sticky_pending = false;
    const Event* current = std::get_if<Event>(&item);
    for (const Event& sticky : link.sticky)
      if (!current || sticky.type() != current->type())
        link.outbox.push_back(ItemMsg{link.peer_pad, link.epoch, depth, Item{sticky}, 0, {}});
  }
  if (link.limits.enabled) {
    if (!make_room(link, item)) return;
    if (const Event* e = std::get_if<Event>(&item); e && e->type() == EventType::Eos)
      stage_eos(link);
    link.newest = level_of(item);
    link.level += link.newest;
  }
  // Outside a SendBatch, nothing staged ahead of it and credit left:
  // straight to the peer (what flush_outbox would do, without the trip
  // through the outbox).
  if (!batching_ && link.outbox.empty() && link.in_flight < link.window &&
      !(link.limits.enabled && !std::holds_alternative<Event>(item) &&
        link.limits.holds_output(link.level))) {
    if (link.limits.enabled) link.level -= link.newest;
    ItemMsg msg{link.peer_pad, link.epoch, depth, std::move(item), 0, {}};
    if (stats_ && stats_sent(link, msg)) stats_message(link);
    send(link.peer, std::move(msg));
    ++link.in_flight;
  } else {
    link.outbox.push_back(ItemMsg{link.peer_pad, link.epoch, depth, std::move(item), 0, {}});
    if (!batching_) flush_outbox(link);  // else at the end of the run (end_batch)
  }
  report_level(link);
  if (stats_) stats_room(link);
}

// Delegation keeps lock-step exact only where our answer would be the
// push's answer and nothing else: a data item whose hook returned OK and
// pushed it as its one output, an element with one static sink and one
// static src pad (no result to combine), a sender that waits for this one
// item (grant 1, nothing owed or queued behind it), and a lock-step link
// with nothing in flight or staged and no sticky failure.
bool ElementActor::may_delegate(const OutLink& link, const Item& item) const {
  if (!cur_.busy || cur_.from_source || cur_.event || cur_.own != FlowReturn::Ok ||
      std::holds_alternative<Event>(item))
    return false;
  const std::vector<Pad>& pads = element_->pads();
  if (pads.size() != 2) return false;
  for (const Pad& pad : pads)
    if (!pad.templ || pad.templ->presence != PadPresence::Always) return false;
  const InLink& in = in_[cur_.pad];
  if ((!cur_.answer_to.actor && !in.peer) || grant(in) != 1 || in.owed != 0 || !in.pending.empty())
    return false;
  return link.linked() && !link.limits.enabled && link.window == 1 && link.in_flight == 0 &&
         link.outbox.empty() && !link.sticky_pending && link.last == FlowReturn::Ok;
}

// Not counted in flight: the waiting sender's credit keeps our next item
// back until the chain answered this one.
void ElementActor::push_delegated(OutLink& link, Item&& item) {
  const InLink& in = in_[cur_.pad];
  link.delegated =
      cur_.answer_to.actor ? cur_.answer_to : AnswerTo{in.peer, in.peer_pad, cur_.epoch};
  ItemMsg msg{link.peer_pad,   link.epoch, static_cast<std::uint16_t>(cur_.depth + 1),
              std::move(item), 0,          link.delegated};
  if (stats_ && stats_sent(link, msg)) stats_message(link);
  send(link.peer, std::move(msg));
  cur_.delegated = true;
}

bool ElementActor::make_room(OutLink& link, Item& item) {
  const bool data = !std::holds_alternative<Event>(item);
  if (data && link.discont_next) {
    if (auto* b = std::get_if<Buffer>(&item)) b->set_flag(BufferFlags::Discont);
    link.discont_next = false;
  }
  if (!data || link.limits.leaky == Leaky::No || !link.limits.full(link.level)) return true;
  if (link.limits.leaky == Leaky::Upstream) {  // the new one goes
    link.dropped += level_of(item).buffers;
    link.discont_next = true;
    GSTMINI_DEBUG_OBJECT(*element_, "queue full: dropping the incoming buffer ({} dropped)",
                         link.dropped);
    report_level(link);
    return false;
  }
  // Leaky downstream: the oldest buffers go until there is room.
  for (auto it = link.outbox.begin(); it != link.outbox.end() && link.limits.full(link.level);) {
    if (std::holds_alternative<Event>(it->item)) {
      ++it;
      continue;
    }
    StagingLevel old = level_of(it->item);
    link.level -= old;
    link.dropped += old.buffers;
    it = link.outbox.erase(it);
  }
  if (auto* b = std::get_if<Buffer>(&item)) b->set_flag(BufferFlags::Discont);
  GSTMINI_DEBUG_OBJECT(*element_, "queue full: dropped the oldest buffers ({} dropped)",
                       link.dropped);
  return true;
}

// EOS into a queue: the min thresholds no longer hold anything back (until
// a flush restores them); with flush-on-eos the staged buffers are dropped.
void ElementActor::stage_eos(OutLink& link) {
  link.limits.clear_thresholds();
  if (!link.limits.flush_on_eos) return;
  auto is_data = [](const ItemMsg& m) { return !std::holds_alternative<Event>(m.item); };
  link.outbox.erase(std::remove_if(link.outbox.begin(), link.outbox.end(), is_data),
                    link.outbox.end());
  link.level = link.newest = StagingLevel{};
  GSTMINI_DEBUG_OBJECT(*element_, "EOS with flush-on-eos: staged buffers dropped");
}

// Drops what waits in the outbox and forgets what is in flight; the epoch
// bump makes answers still on their way harmless. A queue reloads its limits
// (GStreamer's flush restores the min thresholds EOS cleared).
void ElementActor::forget_in_flight(OutLink& link) {
  if (link.limits.enabled) link.limits = element_->staging_limits();
  link.outbox.clear();
  link.level = link.newest = StagingLevel{};
  link.in_flight = 0;
  ++link.epoch;
  link.used = false;
  report_level(link);
  if (stats_) stats_room(link);
}

// Sends what the link's credit allows, several items in one ItemBatchMsg;
// a queue below its min thresholds keeps its buffers while the newest
// staged item is a buffer.
bool ElementActor::flush_outbox(OutLink& link) {
  std::vector<ItemMsg> batch;
  bool data = false;  // the message carries buffers (statistics)
  auto sendable = [&link] {
    return !link.outbox.empty() && link.in_flight < link.window &&
           !(link.limits.enabled && !std::holds_alternative<Event>(link.outbox.back().item) &&
             link.limits.holds_output(link.level));
  };
  while (sendable()) {
    if (link.limits.enabled) link.level -= level_of(link.outbox.front().item);
    if (stats_ && stats_sent(link, link.outbox.front())) data = true;
    ++link.in_flight;
    if (batch.empty() && (link.outbox.size() == 1 || !(link.in_flight < link.window))) {
      if (data) stats_message(link);
      send(link.peer, std::move(link.outbox.front()));  // one item: no batch
      link.outbox.pop_front();
      return true;
    }
    if (batch.empty())
      batch.reserve(std::min<std::size_t>(link.outbox.size(), link.window - link.in_flight + 1));
    batch.push_back(std::move(link.outbox.front()));
    link.outbox.pop_front();
  }
  if (batch.empty()) return false;
  if (data) stats_message(link);
  send(link.peer, ItemBatchMsg{std::move(batch)});
  return true;
}

bool ElementActor::flush_outboxes() {
  bool sent = false;
  for (OutLink& link : out_) {
    if (link.outbox.empty() || !link.linked() || !flush_outbox(link)) continue;
    sent = true;
    report_level(link);
    if (stats_) stats_room(link);
  }
  return sent;
}

void ElementActor::end_batch() {
  while (flush_outboxes() && cur_.busy) try_complete();
  send_owed_to_stalled();
  batching_ = false;
}

// A queue's level counts what it holds, not the item waiting to get in.
void ElementActor::report_level(const OutLink& link) {
  if (!link.limits.enabled) return;
  // The level counts what the queue holds, not the item waiting to get in.
  StagingLevel held = link.level;
  if (!link.has_room()) held -= link.newest;
  element_->staging_changed(held, link.dropped);
  if (link.stats) stats_level(link, held);
}

void ElementActor::peer_down(const caf::down_msg& msg) {
  for (std::uint32_t pad = 0; pad < in_.size(); ++pad) {
    InLink& in = in_[pad];
    if (!in.peer || in.peer.address() != msg.source) continue;
    in.peer = nullptr;  // nobody to answer any more, but delegated items' senders
    for (const Pending& pending : in.pending)
      if (pending.answer_to.actor)
        answer_item(pad, pending.epoch, FlowReturn::Error, false, pending.answer_to);
    in.pending.clear();
  }
  for (OutLink& link : out_) {
    if (!link.peer || link.peer.address() != msg.source) continue;
    GSTMINI_DEBUG_OBJECT(*element_, "peer {} died: its answers are FlowReturn::error",
                         link.peer_name);
    link.peer = nullptr;
    link.peer_died = true;
    // The item it held may carry our sender's answer: it will never come.
    if (link.delegated.actor)
      answer_item(0, 0, FlowReturn::Error, false, std::exchange(link.delegated, AnswerTo{}));
    forget_in_flight(link);
    link.last = FlowReturn::Error;
  }
  try_complete();
}

void ElementActor::on_flow(const FlowMsg& msg) {
  if (msg.pad >= out_.size()) return;
  OutLink& link = out_[msg.pad];
  // An answer from before a stop or flush: its item was already dropped.
  if (msg.epoch != link.epoch || link.in_flight < msg.count) return;
  link.in_flight -= msg.count;
  if (msg.credit) link.window = msg.credit;
  if (stats_) stats_credit(link);
  if (msg.ret != FlowReturn::Ok && link.last == FlowReturn::Ok) link.last = msg.ret;
  flush_outbox(link);
  report_level(link);
  if (stats_) stats_room(link);
  try_complete();
}

}  // namespace gstmini::actors
