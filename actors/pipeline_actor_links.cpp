// PipelineActor, the graph: adding elements, resolving and requesting pads,
// linking and unlinking (a link that would close a loop is refused), and the
// sinks-first order the state walk follows.
#include <caf/all.hpp>

#include <algorithm>
#include <utility>

#include "actors/element_actor.hpp"
#include "actors/pipeline_actor.hpp"
#include "runtime/debug/log.hpp"

namespace gstmini::actors {

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
  GSTMINI_LOG_OBJECT(pipeline_category(), DebugLevel::Info, name_, "linked {} to {} ({})", src_name,
                     sink_name, link_rule(window));
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

}  // namespace gstmini::actors
