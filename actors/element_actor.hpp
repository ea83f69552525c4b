// ElementActor: hosts one Element; nothing else calls into it.
//
// Accepts: ItemMsg / ItemBatchMsg (data and serialized events on a sink
// pad), FlowMsg (answers and credit on a src pad), ConnectSrcMsg / ConnectSinkMsg, ChangeStateMsg,
// ClockFiredMsg, and down messages from the src peers it monitors.
//
// Faults: an exception in an element hook becomes an ERROR on the bus and
// FlowReturn::Error for the item; one escaping elsewhere in the actor is
// posted the same way (the exception handler) and ends the actor. Its
// upstream peers see it die (monitor) and answer their waiting push with
// FlowReturn::Error; the pipeline actor skips it when going down.
//
// Ordering guarantees:
//  * Items on one sink pad are handled one at a time, in arrival order; a
//    serialized event never overtakes a buffer.
//  * An item is answered upstream only when it is *complete*: the element's
//    hook ran and every src link it pushed on has room again. With credit 1
//    (no staging) that means the downstream chain answered: a lock-step push,
//    GStreamer's call stack as messages. With credit N (granted by the
//    receiver, see actors/messages.hpp, or a fixed window N) the answer comes
//    as soon as fewer than N items are unanswered, carrying the link's sticky
//    result (a downstream EOS/ERROR is reported by a later push).
//  * Sending is batched without timers: inside one handler run, pushes go to
//    the link's outbox, and when the run ends what the credit allows leaves
//    in one message (SendBatch). A queue's
//    src link also stages items up to its limits (runtime/staging.hpp):
//    upstream is answered on enqueue and held only while the queue is full;
//    a leaky queue drops instead of holding, and a queue below its min
//    thresholds keeps its items until more arrive (or an event or EOS).
//  * The actor is never blocked: while an item waits for downstream answers
//    or for a clock wake-up, control messages (state changes) still run.
//
// Sources run their streaming loop here (produce when the link has room;
// live sources first wait for a clock wake-up). Sinks hold the first buffer
// in PAUSED (preroll) and wait for a clock wake-up before rendering in
// PLAYING.
#pragma once

#include <caf/event_based_actor.hpp>

#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/messages.hpp"
#include "runtime/actor_thread.hpp"
#include "runtime/base_sink.hpp"
#include "runtime/base_source.hpp"
#include "runtime/bus.hpp"
#include "runtime/element.hpp"
#include "runtime/stats/flow_counters.hpp"

namespace gstmini::actors {

class ElementActor : public caf::event_based_actor {
 public:
  ElementActor(caf::actor_config& cfg, ElementPtr element, caf::actor pipeline,
               std::shared_ptr<Bus> bus);
  caf::behavior make_behavior() override;
  const char* name() const override { return "gstmini.element"; }
  void on_exit() override;
  // Element code runs only in here: the thread is marked as an actor thread
  // meanwhile (runtime/actor_thread.hpp), so blocking calls fail fast.
  resume_result resume(caf::execution_unit* unit, std::size_t max_throughput) override {
    ActorThreadScope scope;
    return caf::event_based_actor::resume(unit, max_throughput);
  }

 private:
  struct Pending {
    Item item;
    std::uint64_t epoch;
    std::uint16_t depth;
    std::uint64_t batch;  // the ItemBatchMsg it came in (InLink::batches), 0: alone
    AnswerTo answer_to;   // a delegated item: who gets its answer
  };
  struct InLink {  // one per sink pad
    caf::actor peer;
    std::uint32_t peer_pad = 0;
    std::string peer_name;
    std::deque<Pending> pending;
    bool eos = false;
    bool flushing = false;          // between FLUSH_START and FLUSH_STOP
    std::uint64_t stale_below = 0;  // items of older epochs were flushed
    std::uint32_t window = 0;       // a fixed window; 0: grant credit()
    std::uint32_t granted = 1;      // the credit the sender was last given
    std::uint32_t owed = 0;         // OK answers not sent yet
    std::uint64_t owed_epoch = 0;
    std::uint64_t batches = 0;     // ItemBatchMsgs received, numbers Pending::batch
    PadCounters* stats = nullptr;  // flow statistics on
    // The last CAPS on this pad was refused: data gets NOT_NEGOTIATED until
    // caps are accepted (gst_pad_push after a failed sticky caps event).
    bool caps_refused = false;
    bool not_negotiated_posted = false;  // one ERROR per stream, not per buffer
    // Sticky events received on this pad: a src pad requested later starts
    // with them (a tee branch added while PLAYING gets stream-start, caps
    // and segment before its first buffer).
    std::vector<Event> sticky;
  };
  struct OutLink {  // one per src pad
    caf::actor peer;
    std::uint32_t peer_pad = 0;
    std::string peer_name;
    std::uint32_t fixed_window = 0;  // 0: the link runs on the receiver's credit
    std::uint32_t window = 1;        // unanswered items allowed now (the credit)
    StagingLimits limits;            // enabled: a queue's src link (see staging.hpp)
    StagingLevel level;              // what the outbox holds
    StagingLevel newest;             // the last staged item: its push waits while
                                     // the queue without it is full
    std::uint64_t dropped = 0;       // buffers dropped by a leaky queue
    bool discont_next = false;       // after a drop, the next buffer is DISCONT
    std::uint32_t in_flight = 0;
    std::uint64_t epoch = 0;
    std::uint64_t pushed = 0;  // buffers pushed, numbers the log lines
    std::deque<ItemMsg> outbox;
    FlowReturn last = FlowReturn::Ok;  // first non-OK answer, sticky until stop
    bool used = false;                 // pushed on by the current item
    // Sticky events pushed on this pad (stream-start, segment, eos); a new
    // peer gets them before the next item (sticky_pending).
    std::vector<Event> sticky;
    bool sticky_pending = false;
    PadCounters* stats = nullptr;  // flow statistics on
    // The peer's actor died: pushes get FlowReturn::Error (not NOT_LINKED)
    // until the pad is linked again or the element goes down to READY.
    bool peer_died = false;
    // The last item pushed with our answer delegated (tail-push delegation):
    // if the peer dies, the sender waiting for it is told FlowReturn::Error.
    AnswerTo delegated;
    bool linked() const { return static_cast<bool>(peer); }
    bool has_room() const;
  };
  // The item being handled (for a source: the buffer(s) being pushed).
  struct Current {
    bool busy = false;
    bool from_source = false;
    std::uint32_t pad = 0;
    std::uint64_t epoch = 0;
    std::uint16_t depth = 0;
    std::uint64_t batch = 0;  // Pending::batch of the item
    bool event = false;       // the item is an event (answered at once)
    AnswerTo answer_to;       // it came delegated: the answer goes there
    bool delegated = false;   // its push took our answer along: nothing to answer
    FlowReturn own = FlowReturn::Ok;
    bool not_linked = false;  // pushed on a pad without a peer
    // Sinks: the item waiting for PLAYING (preroll) or for the clock.
    std::optional<Item> held;
    bool waiting_clock = false;
    Sink::SyncPlan plan;
    // Back to idle, field by field: runs twice per item, and building a
    // whole Current{} to assign from cost more than the rest of finish_item.
    void clear() {
      busy = from_source = not_linked = waiting_clock = event = delegated = false;
      if (answer_to.actor) answer_to = AnswerTo{};
      pad = 0;
      epoch = 0;
      depth = 0;
      batch = 0;
      own = FlowReturn::Ok;
      held.reset();
      plan = Sink::SyncPlan{};
    }
  };

  // While alive, pushes wait in the outboxes; the outermost one's end sends
  // them, batched (a handler run is one scope).
  class SendBatch {
   public:
    explicit SendBatch(ElementActor& actor) : actor_(actor), outer_(!actor.batching_) {
      actor_.batching_ = true;
    }
    ~SendBatch() {
      if (outer_) actor_.end_batch();
    }
    SendBatch(const SendBatch&) = delete;
    SendBatch& operator=(const SendBatch&) = delete;

   private:
    ElementActor& actor_;
    bool outer_;
  };

  // ---- links and items (element_actor_chain.cpp) ----
  void on_item(ItemMsg& msg);
  void on_items(ItemBatchMsg& msg);
  void on_flow(const FlowMsg& msg);
  void pump();
  bool nothing_pending() const;
  void start_item(std::uint32_t pad, Item&& item, std::uint64_t epoch, std::uint16_t depth,
                  std::uint64_t batch = 0, AnswerTo answer_to = {});
  void run_hook(std::uint32_t pad, Item&& item);
  void send_outputs();
  static void remember_sticky(std::vector<Event>& sticky, const Event& event);
  void push_item(OutLink& link, Item&& item);
  // Leaky queues: false if the item was dropped instead of staged.
  bool make_room(OutLink& link, Item& item);
  void stage_eos(OutLink& link);
  // Sends what the link's credit allows, in one message; false if nothing.
  bool flush_outbox(OutLink& link);
  void forget_in_flight(OutLink& link);
  void report_level(const OutLink& link);
  void try_complete();
  void finish_item(FlowReturn ret);
  // A peer actor terminated (we monitor every src peer): what it owed us
  // comes back as FlowReturn::Error, so no push waits for a dead actor.
  void peer_down(const caf::down_msg& msg);
  void answer(std::uint32_t pad, std::uint64_t epoch, FlowReturn ret, bool event);
  // The answer of an item that may have come delegated (answer_to set).
  void answer_item(std::uint32_t pad, std::uint64_t epoch, FlowReturn ret, bool event,
                   const AnswerTo& answer_to);
  // Tail-push delegation (messages.hpp): whether the current item's one
  // output `item` on `link` may carry our answer along.
  bool may_delegate(const OutLink& link, const Item& item) const;
  void push_delegated(OutLink& link, Item&& item);
  void send_owed(std::uint32_t pad);
  void send_owed_to_stalled();
  // After a non-OK result for an item of a batch: the batch's next buffers
  // (up to its next event) are answered with it, unhandled.
  void drop_rest_of_batch(std::uint32_t pad, std::uint64_t batch, FlowReturn ret);
  // What this element grants a sender on a credit link (messages.hpp).
  std::uint32_t credit() const;
  std::uint32_t grant(const InLink& in) const { return in.window ? in.window : credit(); }
  // Sends the outboxes (SendBatch's end); what that frees may complete the
  // current item, whose successors are batched again.
  void end_batch();
  bool flush_outboxes();
  // Runs an element hook; an exception becomes an ERROR on the bus naming
  // the element, and FlowReturn::Error (DESIGN invariant 5).
  template <class F>
  FlowReturn guarded(const char* what, F&& hook) {
    try {
      return hook();
    } catch (...) {
      return report_exception(what, std::current_exception());
    }
  }
  FlowReturn report_exception(const char* what, std::exception_ptr error);
  std::string indent() const;

  // ---- state changes (element_actor.cpp) ----
  StateChangeReturn change_state(const ChangeStateMsg& msg);
  void reset_streaming();

  // ---- events and flushing (element_actor_events.cpp) ----
  void on_flush(const FlushMsg& msg);
  caf::result<bool> on_upstream_event(UpstreamEventMsg& msg);
  caf::result<bool> on_send_event(SendEventMsg& msg);
  // Sends the upstream events the last hook pushed (upstream_); `done` gets
  // true once all answered if any element (or `handled`) handled them.
  void send_upstream(bool handled, std::function<void(bool)> on_answered);
  // The same for a request: answers it when upstream has answered.
  caf::result<bool> answer_upstream(bool handled);
  void flush_link_start(OutLink& link);
  void flush_link_stop(OutLink& link, bool reset_time);
  void run_seek(bool flush);
  void on_base_time(ClockTime base_time);

  // ---- flow statistics (element_actor_stats.cpp); callers check stats_ ----
  void stats_attach(std::shared_ptr<ElementCounters> counters);
  void stats_describe(std::uint32_t pad);
  // Counts a data item leaving; false for an event.
  bool stats_sent(OutLink& link, ItemMsg& msg);
  // One message left carrying data (a batch counts once).
  void stats_message(OutLink& link) { link.stats->messages.add(1); }
  void stats_credit(OutLink& link);
  void stats_received(InLink& link, const ItemMsg& msg);
  void stats_room(OutLink& link);
  void stats_level(const OutLink& link, const StagingLevel& held);
  void stats_processed(std::uint64_t started_ns, std::uint64_t buffers);
  std::uint64_t produced_buffers();  // data in output_ (a source's create)
  // ---- caps (element_actor_caps.cpp) ----
  // A CAPS event on sink pad `pad`: accepted (recorded on the pad) or refused.
  bool accept_caps_event(std::uint32_t pad, const Caps& caps);
  // Posts the ERROR for data refused with NOT_NEGOTIATED on sink pad `pad`.
  void report_not_negotiated(std::uint32_t pad, const std::string& reason);
  // Sources: asks downstream for its caps before the first buffer.
  void negotiate();
  void settle_negotiation(const Caps& peer);
  // A forwarded CAPS query's answer narrowed to what `pad` handles.
  void narrow_caps_answer(const Pad& pad, bool answered, Query& query);
  // A CAPS event for a format-changing element: ask downstream first, then
  // run the hook with the event (the item stays current meanwhile).
  void ask_peer_caps_then_run(std::uint32_t pad, Item&& item);

  // ---- queries (element_actor_query.cpp) ----
  caf::result<QueryReply> on_query(QueryMsg& msg);
  caf::result<QueryReply> on_element_query(ElementQueryMsg& msg);
  // `pad`: the pad the query arrived on (nullptr for element queries).
  // `own_filter`: set for a format-changing element, whose answer is
  // translated back with transform_caps() and limited to that filter.
  caf::result<QueryReply> settle_query(QueryResult result, Query query, PadDirection out_of,
                                       const Pad* pad, const Caps* own_filter = nullptr);

  // ---- source loop (element_actor_source.cpp) ----
  void start_task();
  void produce_loop();
  bool wait_until_due();
  void source_item_done(FlowReturn ret);
  void end_stream(FlowReturn reason);

  // ---- sink (element_actor_sink.cpp) ----
  void sink_item();
  void sync_and_render();
  void on_clock_fired(std::uint64_t token);
  void render_held(ClockTimeDiff jitter);
  void finish_sink_eos();
  void schedule_wakeup(ClockTime at);
  void cancel_wakeup();
  void sink_state_changed(StateChange change);
  void report_preroll();
  void sink_flushed(bool reset_time);
  bool holding_for_preroll() const;

  ElementPtr element_;
  Source* source_ = nullptr;  // element_ as a Source, if it is one
  Sink* sink_ = nullptr;      // element_ as a Sink, if it is one
  caf::actor pipeline_;
  Output output_;
  std::vector<InLink> in_;     // indexed by pad index
  std::vector<OutLink> out_;   // indexed by pad index
  std::uint32_t next_in_ = 0;  // round-robin over sink pads
  bool pumping_ = false;       // inside pump(): re-entry returns at once
  bool batching_ = false;      // inside a SendBatch: pushes wait in the outboxes
  Current cur_;

  // Source task.
  bool task_running_ = false;
  bool live_ = false;  // the source's is-live, as of the task's start
  bool in_produce_loop_ = false;
  bool eos_sent_ = false;
  bool negotiating_ = false;           // a source's CAPS query is out
  std::uint64_t negotiation_seq_ = 0;  // answers of an older query are stale
  // Clock wake-ups (sources waiting to capture, sinks waiting to render).
  std::uint64_t wait_token_ = 0;
  std::optional<ClockId> wait_id_;
  // Sink preroll / EOS bookkeeping.
  bool prerolled_ = false;
  bool eos_pending_ = false;              // EOS arrived while PAUSED: posted on PLAYING
  ClockTime last_stop_ = kClockTimeNone;  // running time where the last buffer ended
  bool need_preroll_ = false;             // PLAYING, but a flush reset running time: preroll again
  bool grants_many_ = false;              // a sync=false sink in PLAYING: see credit()
  std::uint64_t last_bytes_ = 0;          // a sink's last data item, in bytes
  std::vector<Output::Item> upstream_;    // upstream events the last hook pushed
  // Flow statistics: null while off (the hot path's only cost is this check).
  std::shared_ptr<ElementCounters> stats_;
};

}  // namespace gstmini::actors
