// PipelineActor: owns the element actors, the clock and the base time.
//
// Accepts (from the Pipeline handle, by request): AddMsg, LinkMsg,
// UnlinkMsg, SetStateMsg, SyncStateMsg, UseClockMsg, SendEventMsg,
// PipelineQueryMsg, dot_atom (the graph as dot text), EnableStatsMsg, teardown_atom. From
// element actors: ElementEosMsg, AsyncDoneMsg, and down messages (it
// monitors every element).
//
// Supervision: every request carries an error handler, so a dead element
// never takes this actor down with it. A dead element is posted as an ERROR
// naming it; state changes toward NULL skip it (they always complete), and
// changes upward fail. on_exit sends an exit to every element, so however
// this actor ends, no element outlives it.
//
// State changes are ordered messages: one step at a time (NULL->READY->
// PAUSED->PLAYING and back), and within a step one element at a time, sinks
// first and then upstream, each answer awaited before the next request. A
// step where sinks answered ASYNC (preroll) completes when every one of
// them reported AsyncDoneMsg; a NO_PREROLL answer (live source) means no
// waiting. The base time is taken on PAUSED->PLAYING as
//     base_time = clock.now() - running time already played
// so PLAYING->PAUSED->PLAYING keeps running time continuous.
#pragma once

#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/typed_response_promise.hpp>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "actors/messages.hpp"
#include "runtime/actor_thread.hpp"
#include "runtime/bus.hpp"
#include "runtime/clock.hpp"
#include "runtime/debug/dot.hpp"
#include "runtime/element.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/state.hpp"
#include "runtime/stats/flow_recorder.hpp"

namespace gstmini::actors {

// What the application's handle reads without a round trip.
struct PipelineStatus {
  ClockTime latency = 0;
  std::mutex mutex;
  std::condition_variable changed;
  State current = State::Null;
  State pending = State::VoidPending;
  StateChangeReturn last_return = StateChangeReturn::Success;
  ClockTime base_time = kClockTimeNone;
  std::shared_ptr<Clock> clock;
  // Set by the handle before the actor starts: counts every element actor
  // spawned, so destroying the Pipeline can wait for all of them.
  std::function<void(const caf::actor&)> track;
};

struct AddMsg {
  ElementPtr element;
};
struct LinkMsg {
  std::string src, src_pad, sink, sink_pad;  // empty pad: first free one
  std::uint32_t window;
};
// The answer to LinkMsg: an error text, or the link as made.
struct LinkResult {
  std::string error;
  LinkInfo link;
};
struct UnlinkMsg {
  std::string src, sink;
};
// Brings one element to the pipeline's state (gst_element_sync_state_with_parent).
struct SyncStateMsg {
  std::string element;
};
struct SetStateMsg {
  State target;
};
struct UseClockMsg {
  std::shared_ptr<Clock> clock;
};
struct PipelineQueryMsg {
  Query query;
};
// Asks for the pipeline graph as Graphviz dot text (Pipeline::to_dot).
using dot_atom = caf::atom_constant<caf::atom("dot")>;
// Turns flow statistics on for every element, present and future.
struct EnableStatsMsg {
  std::shared_ptr<FlowRecorder> recorder;
};

// The "pipeline" debug category, shared by the PipelineActor's files.
DebugCategory& pipeline_category();

class PipelineActor : public caf::event_based_actor {
 public:
  PipelineActor(caf::actor_config& cfg, std::string name, std::shared_ptr<Bus> bus,
                std::shared_ptr<PipelineStatus> status, std::uint32_t default_window,
                bool fixed_clock, std::string dot_dump_prefix);
  caf::behavior make_behavior() override;
  const char* name() const override { return "gstmini.pipeline"; }
  void on_exit() override;
  // Marks the thread as an actor thread while this actor runs.
  resume_result resume(caf::execution_unit* unit, std::size_t max_throughput) override {
    ActorThreadScope scope;
    return caf::event_based_actor::resume(unit, max_throughput);
  }

 private:
  struct Node {
    ElementPtr element;
    caf::actor actor;
    State state = State::Null;  // as last answered by the element
    bool alive = true;          // false once its actor terminated (down_msg)
  };
  struct Link {
    std::size_t src;
    unsigned src_pad;
    std::size_t sink;
    unsigned sink_pad;
    std::uint32_t window;
  };

  std::string add(const ElementPtr& element);
  using PadFound = std::function<void(std::optional<Pad>, const std::string& error)>;
  caf::result<LinkResult> link(const LinkMsg& msg);
  void resolve_pad(std::size_t node, PadDirection direction, const std::string& name,
                   PadFound found);
  void request_pad(std::size_t node, const PadTemplate& templ, const std::string& name,
                   PadFound found);
  std::string incompatible_caps(std::size_t src, const Pad& src_pad, std::size_t sink,
                                const Pad& sink_pad) const;
  void connect(const LinkMsg& msg, std::size_t src, const Pad& src_pad, std::size_t sink,
               const Pad& sink_pad, caf::typed_response_promise<LinkResult> promise);
  std::string unlink(const UnlinkMsg& msg);
  void sync_state(std::size_t node, caf::response_promise promise);
  bool pad_linked(std::size_t node, unsigned pad) const;
  std::vector<std::size_t> sinks_first() const;
  bool flows_to(std::size_t from, std::size_t to) const;
  std::size_t count_sinks() const;

  void set_state(State target);
  void step();
  void change_child(std::size_t i, StateChange change);
  // The element at order_[i] answered `ret` to `change` (Failure if it died).
  void child_changed(std::size_t i, StateChange change, StateChangeReturn ret);
  void step_done(StateChange change);
  void async_done(const std::string& element);
  void complete(StateChangeReturn ret);
  void publish();
  void element_down(const caf::down_msg& msg);
  caf::result<bool> send_event(Event event);
  void new_base_time();
  // Asks every sink; `on_answer` gets the combined answer.
  void query_sinks(Query query, std::function<void(bool, Query)> on_answer);
  void select_clock();
  // PAUSED->PLAYING, before the children: clock, latency, base time.
  void prepare_playing(StateChange change);
  // Queries the sinks' latency and configures it on them, then `then`.
  void configure_latency(std::function<void()> then);
  std::vector<std::size_t> sinks() const;

  // ---- graph dumps (pipeline_actor_graph.cpp) ----
  GraphSnapshot graph() const;
  // The caps label of a link's edge: empty until the Caps type lands.
  std::string link_caps_label(const Link& link) const;
  // $GSTMINI_DEBUG_DUMP_DOT_DIR/<ts>-<prefix>.OLD_NEW.dot, if the variable is set.
  void dump_state_change(State old_state, State new_state);

  std::string name_;
  std::shared_ptr<Bus> bus_;
  std::shared_ptr<PipelineStatus> status_;
  std::uint32_t default_window_;
  std::shared_ptr<Clock> clock_;
  bool fixed_clock_;              // use_clock(): no selection
  std::string dot_dump_prefix_;   // names the dumps at state changes
  bool clock_announced_ = false;  // NEW_CLOCK posted for clock_
  ClockTime latency_ = 0;
  std::vector<Node> nodes_;
  std::unordered_map<std::string, std::size_t> index_;  // element name -> nodes_ index
  std::vector<Link> links_;
  std::uint64_t next_link_id_ = 1;  // numbers links for their epochs (messages.hpp)

  State current_ = State::Null;  // the state every element is in
  State target_ = State::Null;
  bool stepping_ = false;
  bool waiting_async_ = false;  // prerolling: READY->PAUSED not committed yet
  std::set<std::string> async_pending_;
  std::set<std::string> async_done_early_;  // prerolled before READY->PAUSED completed
  bool no_preroll_ = false;
  StateChangeReturn step_return_ = StateChangeReturn::Success;
  std::vector<std::size_t> order_;
  std::vector<caf::response_promise> waiters_;
  // set_state requests that arrived during a walk: each waits for the walk
  // before it, as GStreamer's state lock serialises set_state callers, and
  // gets the answer of its own walk.
  std::deque<std::pair<State, caf::response_promise>> queued_requests_;

  ClockTime base_time_ = kClockTimeNone;
  ClockTime start_time_ = 0;            // running time played before the last pause
  bool playing_clock_ = false;          // base_time_ is in force (from PAUSED->PLAYING on)
  std::set<std::string> reprerolling_;  // sinks to preroll after a flushing seek
  std::set<std::string> eos_from_;
  bool eos_posted_ = false;
  bool tearing_down_ = false;
  std::shared_ptr<FlowRecorder> recorder_;  // flow statistics on
};

}  // namespace gstmini::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::AddMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::LinkMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::LinkResult)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::SetStateMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::UnlinkMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::SyncStateMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::UseClockMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::PipelineQueryMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::EnableStatsMsg)
