// ElementActor: its mailbox (the behaviour), exit and exception reporting.
// The roles live beside it: element_actor_chain.cpp (receiving items),
// element_actor_push.cpp (sending them), element_actor_state.cpp, and the
// caps, events, query, sink, source and stats files. See element_actor.hpp
// for the protocol and its ordering guarantees.
#include "actors/element_actor.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <exception>
#include <utility>

#include "actors/item_facts.hpp"

namespace gstmini::actors {

bool ElementActor::OutLink::has_room() const {
  if (!limits.enabled) return in_flight + outbox.size() < window;
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

namespace {
// What the data handlers return: no reply. For a void handler CAF 0.17
// makes a response promise per message (four reference counts) only to
// drop it, the message being asynchronous; delegated<> skips that.
using NoReply = caf::delegated<void>;
}  // namespace

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
  set_down_handler([this](caf::down_msg& msg) {
    SendBatch batch(*this);
    peer_down(msg);
  });
  return {
      [this](ItemMsg& msg) {
        SendBatch batch(*this);
        on_item(msg);
        return NoReply{};
      },
      [this](ItemBatchMsg& msg) {
        SendBatch batch(*this);
        on_items(msg);
        return NoReply{};
      },
      [this](const FlowMsg& msg) {
        SendBatch batch(*this);
        on_flow(msg);
        return NoReply{};
      },
      [this](ConnectSrcMsg& msg) {  // answers true once wired
        OutLink& link = out_.at(msg.pad);
        link.peer = std::move(msg.peer);
        link.peer_pad = msg.peer_pad;
        link.peer_name = std::move(msg.peer_name);
        link.fixed_window = msg.window;
        link.window = msg.window ? msg.window : 1;  // credit starts at 1
        link.limits = element_->staging_limits();
        link.sticky_pending = !link.sticky.empty();
        link.peer_died = false;
        // A new link: nothing of the old one is in flight or sticky-failed.
        link.epoch = msg.epoch;
        link.in_flight = 0;
        link.last = FlowReturn::Ok;
        link.delegated = AnswerTo{};  // the old peer answers its own delegated item
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
        SendBatch batch(*this);
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
        link.window = msg.window;
        link.granted = msg.window ? msg.window : 1;
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
        SendBatch batch(*this);
        return change_state(msg);
      },
      [this](const FlushMsg& msg) {
        SendBatch batch(*this);
        on_flush(msg);
      },
      [this](UpstreamEventMsg& msg) {
        SendBatch batch(*this);
        return on_upstream_event(msg);
      },
      [this](SendEventMsg& msg) {
        SendBatch batch(*this);
        return on_send_event(msg);
      },
      [this](QueryMsg& msg) { return on_query(msg); },
      [this](ElementQueryMsg& msg) { return on_element_query(msg); },
      [this](const BaseTimeMsg& msg) { on_base_time(msg.base_time); },
      [this](AttachStatsMsg& msg) { stats_attach(std::move(msg.counters)); },
      [this](wake_atom) {
        SendBatch batch(*this);
        if (source_ && task_running_ && !cur_.busy) produce_loop();
        if (sink_ && cur_.held && !cur_.waiting_clock && !holding_for_preroll()) sync_and_render();
      },
      [this](const ClockFiredMsg& msg) {
        SendBatch batch(*this);
        on_clock_fired(msg.token);
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

}  // namespace gstmini::actors
