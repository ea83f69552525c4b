#include "actors/pipeline_actor.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <utility>

#include "actors/element_actor.hpp"
#include "runtime/log.hpp"

namespace gstmini::actors {
namespace {
DebugCategory& category() {
  return debug_category("pipeline", "pipeline actor: states, clock, EOS");
}
}  // namespace

PipelineActor::PipelineActor(caf::actor_config& cfg, std::string name, std::shared_ptr<Bus> bus,
                             std::shared_ptr<PipelineStatus> status, std::uint32_t default_window,
                             bool fixed_clock, std::string dot_dump_prefix)
    : caf::event_based_actor(cfg),
      name_(std::move(name)),
      bus_(std::move(bus)),
      status_(std::move(status)),
      default_window_(default_window ? default_window : 1),
      clock_(status_->clock),
      fixed_clock_(fixed_clock),
      dot_dump_prefix_(dot_dump_prefix.empty() ? name_ : std::move(dot_dump_prefix)) {}

caf::behavior PipelineActor::make_behavior() {
  set_down_handler([this](caf::down_msg& msg) { element_down(msg); });
  return {
      [this](const AddMsg& msg) { return add(msg.element); },
      [this](const LinkMsg& msg) { return link(msg); },
      [this](const UnlinkMsg& msg) { return unlink(msg); },
      [this](const SyncStateMsg& msg) -> caf::result<StateChangeReturn> {
        auto promise = make_response_promise();
        for (std::size_t i = 0; i < nodes_.size(); ++i)
          if (nodes_[i].element->name() == msg.element) {
            sync_state(i, promise);
            return caf::delegated<StateChangeReturn>();
          }
        return StateChangeReturn::Failure;
      },
      [this](const SetStateMsg& msg) -> caf::result<StateChangeReturn> {
        if (stepping_) {
          queued_requests_.emplace_back(msg.target, make_response_promise());
          return caf::delegated<StateChangeReturn>();
        }
        waiters_.push_back(make_response_promise());
        set_state(msg.target);
        return caf::delegated<StateChangeReturn>();
      },
      [this](const UseClockMsg& msg) -> std::string {
        if (current_ > State::Ready) return "the clock can only be changed in NULL or READY";
        clock_ = msg.clock;
        fixed_clock_ = true;
        clock_announced_ = false;
        publish();
        return {};
      },
      [this](const ElementEosMsg& msg) {
        eos_from_.insert(msg.element);
        GSTMINI_LOG_OBJECT(category(), DebugLevel::Debug, name_, "EOS from {} ({}/{} sinks)",
                           msg.element, eos_from_.size(), count_sinks());
        if (!eos_posted_ && eos_from_.size() >= count_sinks()) {
          eos_posted_ = true;
          if (recorder_) recorder_->finished();  // the table comes before the EOS message
          bus_->post(Message::eos(name_));
        }
      },
      [this](const AsyncDoneMsg& msg) { async_done(msg.element); },
      [this](const EnableStatsMsg& msg) {
        if (recorder_) return false;  // already on
        recorder_ = msg.recorder;
        for (const Node& node : nodes_)
          send(node.actor, AttachStatsMsg{recorder_->counters().add(node.element)});
        if (current_ == State::Playing) recorder_->playing();
        return true;
      },
      [this](const LatencyChangedMsg& msg) {
        // gst_bin_recalculate_latency: only a running pipeline has one.
        GSTMINI_LOG_OBJECT(category(), DebugLevel::Debug, name_, "latency changed in {}",
                           msg.element);
        if (playing_clock_) configure_latency(nullptr);
      },
      [this](SendEventMsg& msg) { return send_event(std::move(msg.event)); },
      [this](PipelineQueryMsg& msg) -> caf::result<QueryReply> {
        auto promise = make_response_promise<QueryReply>();
        query_sinks(std::move(msg.query), [promise](bool handled, Query answer) mutable {
          promise.deliver(QueryReply{handled, std::move(answer)});
        });
        return promise;
      },
      [this](dot_atom) { return to_dot(graph()); },
      [this](teardown_atom) {
        tearing_down_ = true;
        quit();  // on_exit stops every element
      },
  };
}

void PipelineActor::on_exit() {
  // However this actor ends (teardown, or a bug), the elements end with it:
  // they hold handles to each other and would otherwise live on, and
  // ~actor_system waits for every actor.
  for (Node& node : nodes_)
    if (node.alive) send_exit(node.actor, caf::exit_reason::user_shutdown);
  nodes_.clear();
  for (auto& waiter : waiters_)
    if (waiter.pending()) waiter.deliver(StateChangeReturn::Failure);
  waiters_.clear();
  for (auto& [target, promise] : queued_requests_)
    if (promise.pending()) promise.deliver(StateChangeReturn::Failure);
  queued_requests_.clear();
}

// ---- graph ------------------------------------------------------------------

std::string PipelineActor::add(const ElementPtr& element) {
  if (!element) return "cannot add a null element";
  if (index_.count(element->name()))
    return "name \"" + element->name() + "\" is not unique in pipeline " + name_;
  if (element->runtime().bus) return "element " + element->name() + " is already in a pipeline";
  caf::actor host = spawn<ElementActor>(element, caf::actor_cast<caf::actor>(this), bus_);
  monitor(host);
  if (status_->track) status_->track(host);
  if (recorder_) send(host, AttachStatsMsg{recorder_->counters().add(element)});
  index_.emplace(element->name(), nodes_.size());
  nodes_.push_back(Node{element, std::move(host)});
  return {};
}

bool PipelineActor::pad_linked(std::size_t node, unsigned pad) const {
  return std::any_of(links_.begin(), links_.end(), [&](const Link& l) {
    return (l.src == node && l.src_pad == pad) || (l.sink == node && l.sink_pad == pad);
  });
}

// Finds the pad to link: the named one, or the first free one of the
// direction; a name that fits a request template ("src_%u"), or no free pad
// left on an element that has one, asks the element's actor for a new pad.
void PipelineActor::resolve_pad(std::size_t node, PadDirection direction, const std::string& name,
                                PadFound found) {
  const Element& element = *nodes_[node].element;
  const std::string kind = direction == PadDirection::Src ? "src" : "sink";
  const std::vector<Pad> pads = element.pads_snapshot();
  if (!name.empty()) {
    for (const Pad& pad : pads) {
      if (pad.name != name) continue;
      if (pad.direction != direction)
        return found(std::nullopt, element.name() + ":" + name + " is not a " + kind + " pad");
      if (pad_linked(node, pad.index))
        return found(std::nullopt, element.name() + ":" + name + " is already linked");
      return found(pad, {});
    }
    if (const PadTemplate* templ = element.request_template_for(direction, name))
      return request_pad(node, *templ, name, std::move(found));
    return found(std::nullopt, "no pad \"" + name + "\" on " + element.name());
  }
  for (const Pad& pad : pads)
    if (pad.direction == direction && !pad_linked(node, pad.index)) return found(pad, {});
  if (const PadTemplate* templ = element.request_template_for(direction, ""))
    return request_pad(node, *templ, "", std::move(found));
  found(std::nullopt, element.count_pads(direction)
                          ? "all " + kind + " pads of " + element.name() + " are linked"
                          : element.name() + " has no " + kind + " pad");
}

void PipelineActor::request_pad(std::size_t node, const PadTemplate& templ, const std::string& name,
                                PadFound found) {
  request(nodes_[node].actor, caf::infinite, RequestPadMsg{templ.name_template, name})
      .then(
          [found](RequestPadReply& reply) {
            if (reply.error.empty())
              found(reply.pad, {});
            else
              found(std::nullopt, reply.error);
          },
          [found](caf::error&) { found(std::nullopt, "the element did not answer"); });
}

caf::result<LinkResult> PipelineActor::link(const LinkMsg& msg) {
  auto find = [&](const std::string& name) {
    auto it = index_.find(name);
    return it == index_.end() ? nodes_.size() : it->second;
  };
  std::size_t src = find(msg.src), sink = find(msg.sink);
  const std::string what = "could not link " + msg.src +
                           (msg.src_pad.empty() ? "" : ":" + msg.src_pad) + " to " + msg.sink +
                           (msg.sink_pad.empty() ? "" : ":" + msg.sink_pad) + ": ";
  if (src == nodes_.size()) return LinkResult{what + msg.src + " is not in pipeline " + name_, {}};
  if (sink == nodes_.size())
    return LinkResult{what + msg.sink + " is not in pipeline " + name_, {}};
  if (src == sink) return LinkResult{what + "an element cannot be linked to itself", {}};
  // Data going round a loop never drains: every lock-step push in it waits
  // on itself and a queue in it grows without end. GStreamer finds such
  // loops only when sorting the bin; refusing the link names the culprit.
  if (flows_to(sink, src))
    return LinkResult{what + "it would close a loop (data from " + msg.sink + " already flows to " +
                          msg.src + ")",
                      {}};
  auto promise = make_response_promise<LinkResult>();
  resolve_pad(src, PadDirection::Src, msg.src_pad,
              [this, msg, src, sink, what, promise](std::optional<Pad> src_pad,
                                                    const std::string& error) mutable {
                if (!src_pad) {
                  promise.deliver(LinkResult{what + error, {}});
                  return;
                }
                resolve_pad(
                    sink, PadDirection::Sink, msg.sink_pad,
                    [this, msg, src, sink, what, promise, src_pad](
                        std::optional<Pad> sink_pad, const std::string& sink_error) mutable {
                      if (!sink_pad) {
                        promise.deliver(LinkResult{what + sink_error, {}});
                        return;
                      }
                      if (std::string no_format = incompatible_caps(src, *src_pad, sink, *sink_pad);
                          !no_format.empty()) {
                        promise.deliver(LinkResult{what + no_format, {}});
                        return;
                      }
                      connect(msg, src, *src_pad, sink, *sink_pad, promise);
                    });
              });
  return promise;
}

// Pads whose caps cannot intersect are not linked
// (gst_pad_link_check_compatible: GST_PAD_LINK_NOFORMAT). Empty if they can.
std::string PipelineActor::incompatible_caps(std::size_t src, const Pad& src_pad, std::size_t sink,
                                             const Pad& sink_pad) const {
  const Element& a = *nodes_[src].element;
  const Element& b = *nodes_[sink].element;
  try {
    Caps produced = a.pad_caps(src_pad);
    Caps accepted = b.pad_caps(sink_pad);
    if (produced.can_intersect(accepted)) return {};
    return "pads have no common format (" + a.name() + ":" + src_pad.name + " produces " +
           produced.to_string() + "; " + b.name() + ":" + sink_pad.name + " accepts " +
           accepted.to_string() + ")";
  } catch (const std::exception& e) {
    return std::string("could not read the pads' caps: ") + e.what();
  }
}

// The sink end first, then the src end, each acknowledged: when the link
// call returns, both actors know their peer, and no item can reach a sink
// that does not know whom to answer (gst_pad_link is synchronous too).
void PipelineActor::connect(const LinkMsg& msg, std::size_t src, const Pad& src_pad,
                            std::size_t sink, const Pad& sink_pad,
                            caf::typed_response_promise<LinkResult> promise) {
  const std::string src_name = msg.src + ":" + src_pad.name;
  const std::string sink_name = msg.sink + ":" + sink_pad.name;
  const std::uint32_t window = msg.window ? msg.window : default_window_;
  links_.push_back(Link{src, src_pad.index, sink, sink_pad.index, window});
  LinkResult made{{}, LinkInfo{msg.src, src_pad.name, msg.sink, sink_pad.name, window}};
  const std::uint64_t epoch = link_epoch(next_link_id_++);
  ConnectSrcMsg src_end{src_pad.index, nodes_[sink].actor, sink_pad.index, sink_name, window,
                        epoch};
  request(nodes_[sink].actor, caf::infinite,
          ConnectSinkMsg{sink_pad.index, nodes_[src].actor, src_pad.index, src_name, window, epoch})
      .then(
          [this, src, src_end, made, promise](bool) mutable {
            request(nodes_[src].actor, caf::infinite, src_end)
                .then([made, promise](bool) mutable { promise.deliver(made); },
                      [made, promise](caf::error&) mutable {
                        promise.deliver(LinkResult{made.link.src + " stopped while linking", {}});
                      });
          },
          [made, promise](caf::error&) mutable {
            promise.deliver(LinkResult{made.link.sink + " stopped while linking", {}});
          });
  GSTMINI_LOG_OBJECT(category(), DebugLevel::Info, name_, "linked {} to {} (window {})", src_name,
                     sink_name, window);
}

std::string PipelineActor::unlink(const UnlinkMsg& msg) {
  for (auto it = links_.begin(); it != links_.end(); ++it) {
    if (nodes_[it->src].element->name() != msg.src || nodes_[it->sink].element->name() != msg.sink)
      continue;
    send(nodes_[it->src].actor, DisconnectMsg{it->src_pad});
    send(nodes_[it->sink].actor, DisconnectMsg{it->sink_pad});
    links_.erase(it);
    return {};
  }
  return "could not unlink " + msg.src + " from " + msg.sink + ": they are not linked";
}

// One step at a time from the element's state to the pipeline's.
void PipelineActor::sync_state(std::size_t i, caf::response_promise promise) {
  Node& node = nodes_[i];
  if (node.state == current_) {
    promise.deliver(StateChangeReturn::Success);
    return;
  }
  StateChange change = transition(node.state, next_state(node.state, current_));
  request(node.actor, caf::infinite, ChangeStateMsg{change, base_time_, clock_})
      .then(
          [this, i, change, promise](StateChangeReturn ret) mutable {
            if (ret == StateChangeReturn::Failure) {
              promise.deliver(ret);
              return;
            }
            nodes_[i].state = transition_to(change);
            sync_state(i, promise);
          },
          [promise](caf::error&) mutable { promise.deliver(StateChangeReturn::Failure); });
}

// Sinks first, then upstream: an element comes after every element it
// pushes to (GstBin's sorted iterator). Kahn's algorithm on the reversed
// links, O(V+E): an element is placed once everything it pushes to is.
// Links cannot make a loop (link() refuses them); if one ever did, its
// elements follow in insertion order.
std::vector<std::size_t> PipelineActor::sinks_first() const {
  const std::size_t n = nodes_.size();
  std::vector<std::size_t> unplaced_peers(n, 0);  // links to elements not yet placed
  std::vector<std::vector<std::size_t>> pushers(n);
  for (const Link& l : links_) {
    ++unplaced_peers[l.src];
    pushers[l.sink].push_back(l.src);
  }
  std::vector<std::size_t> order;
  order.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    if (unplaced_peers[i] == 0) order.push_back(i);
  for (std::size_t next = 0; next < order.size(); ++next)
    for (std::size_t pusher : pushers[order[next]])
      if (--unplaced_peers[pusher] == 0) order.push_back(pusher);
  if (order.size() < n)
    for (std::size_t i = 0; i < n; ++i)
      if (unplaced_peers[i] != 0) order.push_back(i);
  return order;
}

// True if data pushed by `from` reaches `to` through the links (O(V+E)).
bool PipelineActor::flows_to(std::size_t from, std::size_t to) const {
  std::vector<std::vector<std::size_t>> pushes_to(nodes_.size());
  for (const Link& l : links_) pushes_to[l.src].push_back(l.sink);
  std::vector<bool> seen(nodes_.size(), false);
  std::vector<std::size_t> todo{from};
  seen[from] = true;
  while (!todo.empty()) {
    std::size_t at = todo.back();
    todo.pop_back();
    if (at == to) return true;
    for (std::size_t next : pushes_to[at])
      if (!seen[next]) seen[next] = true, todo.push_back(next);
  }
  return false;
}

std::size_t PipelineActor::count_sinks() const { return sinks().size(); }

// ---- state changes ----------------------------------------------------------

void PipelineActor::set_state(State target) {
  target_ = target;
  GSTMINI_LOG_OBJECT(category(), DebugLevel::Info, name_, "setting state to {}", to_string(target));
  // A lower (or the same) target cancels a preroll still in progress.
  if (waiting_async_ && target_ <= current_) {
    waiting_async_ = false;
    async_pending_.clear();
  }
  // NO_PREROLL answers a walk up to PAUSED; a walk redirected down to READY
  // or NULL (another thread's set_state) ends in SUCCESS for every waiter.
  if (target_ <= State::Ready && step_return_ == StateChangeReturn::NoPreroll)
    step_return_ = StateChangeReturn::Success;
  if (!stepping_ && !waiting_async_) {
    // A new request: an earlier failure is not this one's answer.
    if (step_return_ == StateChangeReturn::Failure) step_return_ = StateChangeReturn::Success;
    step();
  }
  if (waiting_async_) complete(StateChangeReturn::Async);  // GStreamer answers ASYNC at once
  publish();
}

void PipelineActor::step() {
  if (current_ == target_) {
    complete(step_return_);
    return;
  }
  State next = next_state(current_, target_);
  StateChange change = transition(current_, next);
  if (change == StateChange::ReadyToPaused) {
    eos_from_.clear();
    eos_posted_ = false;
    no_preroll_ = false;
    async_pending_.clear();
    async_done_early_.clear();
  }
  stepping_ = true;
  step_return_ = StateChangeReturn::Success;
  order_ = sinks_first();
  if (recorder_ && change == StateChange::PausedToPlaying) recorder_->playing();
  if (recorder_ && change == StateChange::PausedToReady) recorder_->finished();
  if (change == StateChange::PausedToPlaying) {
    prepare_playing(change);
    return;
  }
  change_child(0, change);
}

// GstPipeline's PAUSED->PLAYING: select the clock, ask the sinks for the
// latency and hand it to them (LATENCY event), then take the base time and
// only then move the children.
void PipelineActor::prepare_playing(StateChange change) {
  select_clock();
  configure_latency([this, change] {
    base_time_ = clock_->now() - start_time_;
    playing_clock_ = true;
    GSTMINI_LOG_OBJECT(category(), DebugLevel::Info, name_, "base time {} (running time {} played)",
                       format_time(base_time_), format_time(start_time_));
    publish();  // sinks may sync on it before the step completes
    change_child(0, change);
  });
}

void PipelineActor::configure_latency(std::function<void()> then) {
  query_sinks(Query(QueryType::Latency), [this, then](bool handled, Query answer) {
    latency_ = handled && answer.live ? answer.min_latency : 0;
    if (handled && answer.live && answer.min_latency > answer.max_latency)
      bus_->post(Message::warning(
          name_, "Impossible to configure latency",
          "min " + format_time(answer.min_latency) + " > max " + format_time(answer.max_latency)));
    GSTMINI_LOG_OBJECT(category(), DebugLevel::Info, name_, "configured latency {}{}",
                       format_time(latency_), answer.live ? " (live)" : "");
    for (std::size_t i : sinks())
      request(nodes_[i].actor, caf::infinite, SendEventMsg{Event::latency(latency_)})
          .then([](bool) {}, [](caf::error&) {});  // a dead sink was posted by element_down
    publish();
    if (then) then();
  });
}

// The clock of the most upstream element that provides one, else the
// system clock (gst_bin_provide_clock_func); use_clock() overrides.
void PipelineActor::select_clock() {
  std::shared_ptr<Clock> chosen = clock_;
  std::string provider = name_;
  if (!fixed_clock_) {
    chosen = nullptr;
    for (auto it = order_.rbegin(); it != order_.rend() && !chosen; ++it) {
      chosen = nodes_[*it].element->provide_clock();
      if (chosen) provider = nodes_[*it].element->name();
    }
    if (!chosen) chosen = SystemClock::obtain();
  }
  if (chosen == clock_ && clock_announced_) return;
  clock_ = chosen;
  clock_announced_ = true;
  publish();  // before the message: whoever it wakes sees the new clock
  bus_->post(Message::new_clock(provider, clock_->name()));
}

std::vector<std::size_t> PipelineActor::sinks() const {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].element->is_sink()) found.push_back(i);
  return found;
}

void PipelineActor::query_sinks(Query query, std::function<void(bool, Query)> on_answer) {
  std::vector<std::size_t> targets = sinks();
  if (targets.empty()) {
    on_answer(false, std::move(query));
    return;
  }
  struct Answers {
    std::size_t left;
    QueryCombiner combiner;
    std::function<void(bool, Query)> on_answer;
  };
  auto answers = std::make_shared<Answers>(
      Answers{targets.size(), QueryCombiner(query), std::move(on_answer)});
  auto answered = [answers](bool handled, const Query& answer) {
    answers->combiner.add(handled, answer);
    if (--answers->left == 0)
      answers->on_answer(answers->combiner.handled(), answers->combiner.result());
  };
  for (std::size_t i : targets)
    request(nodes_[i].actor, caf::infinite, ElementQueryMsg{query})
        .then([answered](QueryReply& reply) { answered(reply.handled, reply.query); },
              [answered, query](caf::error&) { answered(false, query); });
}

void PipelineActor::change_child(std::size_t i, StateChange change) {
  if (i == order_.size()) {
    step_done(change);
    return;
  }
  Node& node = nodes_[order_[i]];
  if (!node.alive) {
    child_changed(i, change, StateChangeReturn::Failure);
    return;
  }
  GSTMINI_LOG_OBJECT(category(), DebugLevel::Debug, name_, "{}: {}", node.element->name(),
                     to_string(change));
  request(node.actor, caf::infinite, ChangeStateMsg{change, base_time_, clock_})
      .then([this, i, change](StateChangeReturn ret) { child_changed(i, change, ret); },
            [this, i, change](caf::error&) {
              // Only a dead actor fails a request without timeout; its
              // down message (element_down posts why) may still be queued.
              nodes_[order_[i]].alive = false;
              child_changed(i, change, StateChangeReturn::Failure);
            });
}

void PipelineActor::child_changed(std::size_t i, StateChange change, StateChangeReturn ret) {
  Node& node = nodes_[order_[i]];
  const std::string& element = node.element->name();
  if (ret == StateChangeReturn::Failure && !node.alive &&
      transition_to(change) < transition_from(change)) {
    // Going down always succeeds: a dead element has nothing left to stop.
    node.state = transition_to(change);
    change_child(i + 1, change);
    return;
  }
  if (ret == StateChangeReturn::Failure) {
    GSTMINI_LOG_OBJECT(category(), DebugLevel::Warning, name_, "{} failed to change state {}",
                       element, to_string(change));
    if (node.alive)
      bus_->post(Message::error(element, "state change failed",
                                element + " refused " + to_string(change)));
    // Elements already moved go back, so the pipeline stays consistent.
    State from = transition_from(change);
    for (std::size_t j = 0; j < i; ++j)
      if (nodes_[order_[j]].alive)
        request(nodes_[order_[j]].actor, caf::infinite,
                ChangeStateMsg{transition(transition_to(change), from), base_time_, clock_})
            .then([](StateChangeReturn) {}, [](caf::error&) {});
    stepping_ = false;
    target_ = current_;
    step_return_ = StateChangeReturn::Failure;
    complete(StateChangeReturn::Failure);
    return;
  }
  node.state = transition_to(change);
  if (ret == StateChangeReturn::Async) async_pending_.insert(element);
  if (ret == StateChangeReturn::NoPreroll) no_preroll_ = true;
  change_child(i + 1, change);
}

void PipelineActor::step_done(StateChange change) {
  stepping_ = false;
  const State old = current_;
  current_ = transition_to(change);
  if (change == StateChange::PlayingToPaused) {
    start_time_ = clock_->now() - base_time_;
    playing_clock_ = false;
  }
  if (change == StateChange::PausedToReady) start_time_ = 0;
  // NO_PREROLL only while the walk still goes up (another thread may have
  // asked for READY or NULL meanwhile: that walk ends in SUCCESS).
  if (change == StateChange::ReadyToPaused && no_preroll_ && target_ >= State::Paused)
    step_return_ = StateChangeReturn::NoPreroll;
  if (change == StateChange::ReadyToPaused && !no_preroll_ && !async_pending_.empty()) {
    // Prerolling: the pipeline stays READY (pending PAUSED) until every
    // sink holds a buffer; the app already gets ASYNC.
    waiting_async_ = true;
    step_return_ = StateChangeReturn::Async;
    publish();
    for (auto& waiter : waiters_) waiter.deliver(StateChangeReturn::Async);
    waiters_.clear();
    std::set<std::string> early = std::move(async_done_early_);
    async_done_early_.clear();
    for (const std::string& element : early) async_done(element);
    return;
  }
  State pending = current_ == target_ ? State::VoidPending : target_;
  publish();
  dump_state_change(old, current_);
  bus_->post(Message::state_changed(name_, old, current_, pending));
  step();
}

void PipelineActor::async_done(const std::string& element) {
  if (reprerolling_.erase(element) && reprerolling_.empty() && playing_clock_) new_base_time();
  if (!waiting_async_) {
    // A sink can preroll before the READY->PAUSED step even completed (a
    // source streams as soon as it is PAUSED): remember it for step_done.
    if (stepping_) async_done_early_.insert(element);
    return;
  }
  async_pending_.erase(element);
  if (!async_pending_.empty()) return;
  waiting_async_ = false;
  step_return_ = StateChangeReturn::Success;
  State pending = current_ == target_ ? State::VoidPending : target_;
  publish();
  dump_state_change(State::Ready, State::Paused);
  bus_->post(Message::state_changed(name_, State::Ready, State::Paused, pending));
  bus_->post(Message::async_done(name_));
  step();
}

// Upstream events go to the sinks, downstream ones to the sources; the answer
// is true if any of them handled it.
caf::result<bool> PipelineActor::send_event(Event event) {
  const bool upstream = event.is_upstream();
  const bool flushing_seek =
      event.type() == EventType::Seek && has_flag(event.parsed_seek().flags, SeekFlags::Flush);
  std::vector<caf::actor> targets;
  std::set<std::string> sinks;
  for (const Node& node : nodes_) {
    const Element& e = *node.element;
    bool is_sink = e.is_sink();
    bool is_source = e.is_source();
    if (upstream ? is_sink : is_source) targets.push_back(node.actor);
    if (is_sink) sinks.insert(e.name());
  }
  if (targets.empty()) return false;
  if (flushing_seek) {
    // Running time restarts at 0; PLAYING sinks preroll again first. The
    // stream starts over, so its EOS is collected again (GstBin forgets
    // the sinks' EOS on a flushing seek).
    start_time_ = 0;
    eos_from_.clear();
    eos_posted_ = false;
    // (Sinks go PLAYING before the step completes: the base time being in
    // force is what tells that they run on the clock.)
    if (playing_clock_) reprerolling_ = sinks;
  }
  auto promise = make_response_promise<bool>();
  auto left = std::make_shared<std::size_t>(targets.size());
  auto any = std::make_shared<bool>(false);
  auto answered = [this, promise, left, any, flushing_seek](bool ok) mutable {
    *any = *any || ok;
    if (--*left) return;
    if (flushing_seek && !*any) reprerolling_.clear();  // nobody flushed
    promise.deliver(*any);
  };
  for (const caf::actor& target : targets)
    request(target, caf::infinite, SendEventMsg{event})
        .then([answered](bool ok) mutable { answered(ok); },
              [answered](caf::error&) mutable { answered(false); });
  return promise;
}

// After a flushing seek in PLAYING every sink prerolled again: running time
// 0 is now.
void PipelineActor::new_base_time() {
  base_time_ = clock_->now();
  GSTMINI_LOG_OBJECT(category(), DebugLevel::Info, name_, "new base time {} after flushing seek",
                     format_time(base_time_));
  publish();
  for (const Node& node : nodes_) send(node.actor, BaseTimeMsg{base_time_});
}

void PipelineActor::complete(StateChangeReturn ret) {
  publish();
  for (auto& waiter : waiters_) waiter.deliver(ret);
  waiters_.clear();
  if (!stepping_ && !queued_requests_.empty()) {
    auto [target, promise] = std::move(queued_requests_.front());
    queued_requests_.pop_front();
    waiters_.push_back(std::move(promise));
    set_state(target);
  }
}

void PipelineActor::publish() {
  std::lock_guard<std::mutex> lock(status_->mutex);
  bool busy = stepping_ || waiting_async_ || current_ != target_;
  status_->current = waiting_async_ ? State::Ready : current_;
  status_->pending = busy ? target_ : State::VoidPending;
  status_->last_return = step_return_;
  status_->base_time = playing_clock_ ? base_time_ : kClockTimeNone;
  status_->clock = clock_;
  status_->latency = latency_;
  status_->changed.notify_all();
}

void PipelineActor::element_down(const caf::down_msg& msg) {
  if (tearing_down_) return;
  for (Node& node : nodes_) {
    if (node.actor.address() != msg.source) continue;
    node.alive = false;
    bus_->post(Message::error(node.element->name(), "element stopped unexpectedly",
                              "actor exit reason: " + to_string(msg.reason)));
    // A dead sink never prerolls: a preroll waiting for it would never end.
    if (waiting_async_ && async_pending_.count(node.element->name()))
      async_done(node.element->name());
  }
}

}  // namespace gstmini::actors
