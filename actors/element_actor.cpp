// ElementActor: links, items and state changes. See element_actor.hpp for
// the protocol and its ordering guarantees.
#include "actors/element_actor.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <exception>
#include <utility>

namespace gstmini::actors {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::string describe(const Item& item) {
  return std::visit(
      Overloaded{
          [](const Buffer& b) { return "buffer pts " + format_time(b.pts); },
          [](const BufferList& l) { return "list of " + std::to_string(l.size()) + " buffers"; },
          [](const Event& e) { return std::string("event ") + to_string(e.type()); },
      },
      item);
}

}  // namespace

// What an item adds to a queue's level: buffers, bytes, duration.
static StagingLevel level_of(const Item& item) {
  StagingLevel level;
  auto add = [&level](const Buffer& b) {
    level.buffers += 1;
    level.bytes += b.size();
    if (is_valid(b.duration)) level.time += b.duration;
  };
  if (const auto* b = std::get_if<Buffer>(&item)) add(*b);
  if (const auto* l = std::get_if<BufferList>(&item))
    for (const Buffer& b : *l) add(b);
  return level;
}

// Buffers in a data item (0 for an event).
static std::uint64_t buffers_in(const Item& item) {
  if (std::holds_alternative<Buffer>(item)) return 1;
  if (const auto* list = std::get_if<BufferList>(&item)) return list->size();
  return 0;
}

bool ElementActor::OutLink::has_room() const {
  if (!limits.enabled) return outbox.empty() && in_flight < window;
  // GStreamer's queue lets a push in while it is not full; ours is already
  // in, so: not full without the newest item.
  StagingLevel before = level;
  before -= newest;
  return !limits.full(before);
}

ElementActor::ElementActor(caf::actor_config& cfg, ElementPtr element, caf::actor pipeline,
                           std::shared_ptr<Bus> bus)
    : caf::event_based_actor(cfg),
      element_(std::move(element)),
      source_(dynamic_cast<Source*>(element_.get())),
      sink_(dynamic_cast<Sink*>(element_.get())),
      pipeline_(std::move(pipeline)),
      output_(*element_),
      in_(element_->pads().size()),
      out_(element_->pads().size()) {
  element_->runtime().bus = std::move(bus);
  // Application threads call these (appsrc push, appsink pull,
  // end_of_stream), so they are set once, here, before Pipeline::add()
  // returns, and never changed afterwards: not even on_exit clears them
  // (that write raced with the readers). They hold only addresses (weak),
  // so calling them after this actor is gone sends nothing.
  caf::actor_addr self_addr = address();
  element_->runtime().wake = [self_addr] {
    if (auto self = caf::actor_cast<caf::actor>(self_addr)) caf::anon_send(self, wake_atom::value);
  };
  caf::actor_addr pipeline_addr = pipeline_.address();
  element_->runtime().notify_pipeline = [pipeline_addr,
                                         name = element_->name()](const Message& message) {
    if (message.type != MessageType::Latency) return;
    if (auto to = caf::actor_cast<caf::actor>(pipeline_addr))
      caf::anon_send(to, LatencyChangedMsg{name});
  };
}

caf::behavior ElementActor::make_behavior() {
  // Last line of defence: hooks are already guarded, this catches bugs in
  // the actor itself and keeps the reason readable (CAF drops what()).
  set_exception_handler([this](std::exception_ptr& ptr) -> caf::error {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ptr);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    element_->post_error(what, "internal error in the actor hosting " + element_->name());
    return caf::make_error(caf::sec::runtime_error, what);
  });
  set_down_handler([this](caf::down_msg& msg) { peer_down(msg); });
  return {
      [this](ItemMsg& msg) {
        on_item(msg);
        send_owed_if_idle();
      },
      [this](const FlowMsg& msg) {
        on_flow(msg);
        send_owed_if_idle();
      },
      [this](ConnectSrcMsg& msg) {  // answers true once wired
        OutLink& link = out_.at(msg.pad);
        link.peer = std::move(msg.peer);
        link.peer_pad = msg.peer_pad;
        link.peer_name = std::move(msg.peer_name);
        link.window = msg.window ? msg.window : 1;
        link.limits = element_->staging_limits();
        link.sticky_pending = !link.sticky.empty();
        link.peer_died = false;
        // A new link: nothing of the old one is in flight or sticky-failed.
        link.epoch = msg.epoch;
        link.in_flight = 0;
        link.last = FlowReturn::Ok;
        monitor(link.peer);
        if (stats_) stats_describe(msg.pad);
        return true;
      },
      [this](const RequestPadMsg& msg) {
        RequestPadReply reply;
        const PadTemplate* templ = nullptr;
        for (const PadTemplate& t : element_->element_class().pad_templates)
          if (t.name_template == msg.template_name && t.presence == PadPresence::Request)
            templ = &t;
        if (!templ) {
          reply.error =
              element_->name() + " has no request pad template \"" + msg.template_name + "\"";
          return reply;
        }
        const Pad* pad = nullptr;
        guarded("request_new_pad", [&] {
          pad = element_->request_new_pad(*templ, msg.name, &reply.error);
          return FlowReturn::Ok;
        });
        if (!pad) {
          if (reply.error.empty()) reply.error = "could not create pad on " + element_->name();
          return reply;
        }
        reply.pad = *pad;
        in_.resize(element_->pads().size());
        out_.resize(element_->pads().size());
        if (pad->direction == PadDirection::Src) {
          OutLink& link = out_[pad->index];
          link.limits = element_->staging_limits();
          if (const Pad* sink = element_->first_pad(PadDirection::Sink)) {
            link.sticky = in_[sink->index].sticky;
            for (const Event& event : link.sticky)
              if (event.type() == EventType::Caps)
                element_->set_current_caps(pad->index, event.parsed_caps());
          }
        }
        return reply;
      },
      [this](const DisconnectMsg& msg) {
        if (msg.pad >= element_->pads().size()) return;
        if (element_->pads()[msg.pad].direction == PadDirection::Sink) {
          InLink& in = in_[msg.pad];
          in.peer = nullptr;
          in.pending.clear();
          in.owed = 0;
          in.flushing = false;  // no FLUSH_STOP will come from the old peer
          return;
        }
        OutLink& link = out_[msg.pad];
        link.peer = nullptr;
        forget_in_flight(link);
        try_complete();
      },
      [this](ConnectSinkMsg& msg) {
        InLink& link = in_.at(msg.pad);
        link.peer = std::move(msg.peer);
        link.peer_pad = msg.peer_pad;
        link.peer_name = std::move(msg.peer_name);
        link.window = msg.window ? msg.window : 1;
        // A new link starts clean: whatever the old peer left (a flush
        // without its stop, EOS, items of its epochs) does not apply.
        link.stale_below = msg.epoch;
        link.flushing = false;
        link.eos = false;
        link.pending.clear();
        link.owed = 0;
        if (stats_) stats_describe(msg.pad);
        return true;
      },
      [this](const ChangeStateMsg& msg) {
        StateChangeReturn ret = change_state(msg);
        send_owed_if_idle();
        return ret;
      },
      [this](const FlushMsg& msg) {
        on_flush(msg);
        send_owed_if_idle();
      },
      [this](UpstreamEventMsg& msg) { return on_upstream_event(msg); },
      [this](SendEventMsg& msg) { return on_send_event(msg); },
      [this](QueryMsg& msg) { return on_query(msg); },
      [this](ElementQueryMsg& msg) { return on_element_query(msg); },
      [this](const BaseTimeMsg& msg) { on_base_time(msg.base_time); },
      [this](AttachStatsMsg& msg) { stats_attach(std::move(msg.counters)); },
      [this](wake_atom) {
        if (source_ && task_running_ && !cur_.busy) produce_loop();
        if (sink_ && cur_.held && !cur_.waiting_clock && !holding_for_preroll()) sync_and_render();
        send_owed_if_idle();
      },
      [this](const ClockFiredMsg& msg) {
        on_clock_fired(msg.token);
        send_owed_if_idle();
      },
  };
}

void ElementActor::on_exit() {
  cancel_wakeup();
  // runtime().wake and notify_pipeline stay: app threads may be calling them.
  // Peers hold handles to each other: drop ours so no cycle outlives us.
  in_.clear();
  out_.clear();
  pipeline_ = nullptr;
  cur_.clear();
}

std::string ElementActor::indent() const { return std::string(2u * cur_.depth, ' '); }

FlowReturn ElementActor::report_exception(const char* what, std::exception_ptr error) {
  const std::string where =
      std::string("exception thrown in ") + what + "() of " + element_->name();
  try {
    std::rethrow_exception(std::move(error));
  } catch (const std::exception& e) {
    element_->post_error(e.what(), where);
  } catch (...) {
    element_->post_error("unknown exception", where);
  }
  return FlowReturn::Error;
}

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

void ElementActor::send_outputs() {
  const std::vector<Pad>& pads = element_->pads();
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
        link.outbox.push_back(ItemMsg{link.peer_pad, link.epoch, depth, Item{sticky}, 0});
  }
  if (link.limits.enabled) {
    if (!make_room(link, item)) return;
    if (const Event* e = std::get_if<Event>(&item); e && e->type() == EventType::Eos)
      stage_eos(link);
    link.newest = level_of(item);
    link.level += link.newest;
  }
  // Nothing staged ahead of it and room in the window: straight to the peer
  // (what flush_outbox would do, without the trip through the outbox).
  if (link.outbox.empty() && link.in_flight < link.window &&
      !(link.limits.enabled && !std::holds_alternative<Event>(item) &&
        link.limits.holds_output(link.level))) {
    if (link.limits.enabled) link.level -= link.newest;
    ItemMsg msg{link.peer_pad, link.epoch, depth, std::move(item), 0};
    if (stats_) stats_sent(link, msg);
    send(link.peer, std::move(msg));
    ++link.in_flight;
  } else {
    link.outbox.push_back(ItemMsg{link.peer_pad, link.epoch, depth, std::move(item), 0});
    flush_outbox(link);
  }
  report_level(link);
  if (stats_) stats_room(link);
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

// Sends what the link's window allows; a queue below its min thresholds
// keeps its buffers while the newest staged item is a buffer.
void ElementActor::flush_outbox(OutLink& link) {
  while (!link.outbox.empty() && link.in_flight < link.window) {
    if (link.limits.enabled && !std::holds_alternative<Event>(link.outbox.back().item) &&
        link.limits.holds_output(link.level))
      break;
    if (link.limits.enabled) link.level -= level_of(link.outbox.front().item);
    if (stats_) stats_sent(link, link.outbox.front());
    send(link.peer, std::move(link.outbox.front()));
    link.outbox.pop_front();
    ++link.in_flight;
  }
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

void ElementActor::peer_down(const caf::down_msg& msg) {
  for (InLink& in : in_) {
    if (!in.peer || in.peer.address() != msg.source) continue;
    in.peer = nullptr;  // nobody to answer any more
    in.pending.clear();
  }
  for (OutLink& link : out_) {
    if (!link.peer || link.peer.address() != msg.source) continue;
    GSTMINI_DEBUG_OBJECT(*element_, "peer {} died: its answers are FlowReturn::error",
                         link.peer_name);
    link.peer = nullptr;
    link.peer_died = true;
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
  if (msg.ret != FlowReturn::Ok && link.last == FlowReturn::Ok) link.last = msg.ret;
  flush_outbox(link);
  report_level(link);
  if (stats_) stats_room(link);
  try_complete();
}

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
  if (cur_.busy && !cur_.from_source) answer(cur_.pad, cur_.epoch, FlowReturn::Flushing);
  cur_.clear();
  for (std::uint32_t pad = 0; pad < in_.size(); ++pad) {
    for (const Pending& pending : in_[pad].pending)
      answer(pad, pending.epoch, FlowReturn::Flushing);
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
