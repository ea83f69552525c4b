// ElementActor: flow statistics (runtime/stats/flow_stats.hpp). The actor writes
// its own counters only (relaxed atomics, one writer); every call site
// checks stats_ (or the link's stats pointer) first, so with statistics off
// nothing here runs.
#include <caf/all.hpp>

#include <utility>

#include "actors/element_actor.hpp"

namespace gstmini::actors {
namespace {

// Buffers and bytes of a data item; (0, 0) for an event.
std::pair<std::uint64_t, std::uint64_t> buffers_and_bytes(const Item& item) {
  if (const auto* b = std::get_if<Buffer>(&item)) return {1, b->size()};
  std::uint64_t bytes = 0;
  if (const auto* l = std::get_if<BufferList>(&item)) {
    for (const Buffer& b : *l) bytes += b.size();
    return {l->size(), bytes};
  }
  return {0, 0};
}

}  // namespace

void ElementActor::stats_attach(std::shared_ptr<ElementCounters> counters) {
  stats_ = std::move(counters);
  for (std::uint32_t pad = 0; pad < element_->pads().size(); ++pad) stats_describe(pad);
}

// Names a pad's counters after the pad and its current peer.
void ElementActor::stats_describe(std::uint32_t pad) {
  if (!stats_ || pad >= element_->pads().size()) return;
  const Pad& p = element_->pads()[pad];
  PadCounters& counters = stats_->pad(pad);
  const std::string name = element_->name() + ":" + p.name;
  if (p.direction == PadDirection::Sink && pad < in_.size()) {
    InLink& link = in_[pad];
    link.stats = &counters;
    stats_->describe_pad(counters, name, p.direction, link.peer ? link.peer_name : "", link.window,
                         false, 0);
  } else if (p.direction == PadDirection::Src && pad < out_.size()) {
    OutLink& link = out_[pad];
    link.stats = &counters;
    stats_->describe_pad(counters, name, p.direction, link.peer ? link.peer_name : "",
                         link.fixed_window, link.limits.enabled, link.limits.max_buffers);
    stats_credit(link);
  }
}

// Data leaving on a link: counted, and stamped for the receiver's mailbox wait.
bool ElementActor::stats_sent(OutLink& link, ItemMsg& msg) {
  if (!link.stats) return false;
  auto [buffers, bytes] = buffers_and_bytes(msg.item);
  if (buffers == 0) return false;
  link.stats->buffers.add(buffers);
  link.stats->bytes.add(bytes);
  msg.sent_ns = stats_now_ns();
  return true;
}

void ElementActor::stats_credit(OutLink& link) {
  if (!link.stats) return;
  link.stats->credit.set(link.window);
  link.stats->max_credit.raise_to(link.window);
}

void ElementActor::stats_received(InLink& link, const ItemMsg& msg) {
  if (!link.stats) return;
  const std::uint64_t now = stats_now_ns();
  link.stats->received.add(buffers_and_bytes(msg.item).first);
  link.stats->mailbox_ns.add(now > msg.sent_ns ? now - msg.sent_ns : 0);
}

// Back-pressure: the time between the push that left the link without room
// and the answer (or drop) that made room again.
void ElementActor::stats_room(OutLink& link) {
  if (!link.stats) return;
  const bool room = link.has_room();
  const std::uint64_t since = link.stats->blocked_since_ns.get();
  if (!room && since == 0) {
    link.stats->blocked_since_ns.set(stats_now_ns());
  } else if (room && since != 0) {
    // Readers add a block still going on themselves: clear it first, so a
    // sample may miss this block for a moment but never counts it twice.
    link.stats->blocked_since_ns.set(0);
    link.stats->blocked_ns.add(stats_now_ns() - since);
  }
}

void ElementActor::stats_level(const OutLink& link, const StagingLevel& held) {
  if (!link.stats) return;
  link.stats->level_buffers.set(held.buffers);
  link.stats->level_bytes.set(held.bytes);
  link.stats->level_time.set(held.time);
  link.stats->max_level_buffers.raise_to(held.buffers);
  link.stats->dropped.set(link.dropped);
}

std::uint64_t ElementActor::produced_buffers() {
  std::uint64_t buffers = 0;
  for (const Output::Item& item : output_.items()) buffers += buffers_and_bytes(item.data).first;
  return buffers;
}

void ElementActor::stats_processed(std::uint64_t started_ns, std::uint64_t buffers) {
  if (buffers == 0) return;
  const std::uint64_t took = stats_now_ns() - started_ns;
  stats_->processed.add(buffers);
  stats_->processing_ns.add(took);
  stats_->processing_max_ns.raise_to(took);
}

}  // namespace gstmini::actors
