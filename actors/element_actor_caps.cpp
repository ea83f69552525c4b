// ElementActor: caps negotiation, as GStreamer's pads do it.
//
//  * A source whose src pad is not ANY asks downstream before its first
//    buffer: a CAPS query filtered by what it can produce. Every element on
//    the way narrows the answer to its own pad caps (a tee intersects its
//    branches), the source fixates the result and pushes a CAPS event.
//  * A CAPS event reaching a sink pad is checked with accept_caps(); refused
//    caps make this and every later push on the pad fail with NOT_NEGOTIATED
//    until caps are accepted, and an ERROR names both pads and the formats.
//  * A format-changing element (videoconvert) decides its output caps when
//    a CAPS event arrives, from what downstream accepts: the actor asks the
//    src pad's peer first and runs the hook with the answer; the item stays
//    current meanwhile, so nothing behind it on the link overtakes it.
#include <caf/all.hpp>

#include <string>

#include "actors/element_actor.hpp"

namespace gstmini::actors {

bool ElementActor::accept_caps_event(std::uint32_t pad, const Caps& caps) {
  InLink& in = in_[pad];
  const Pad& p = element_->pads()[pad];
  bool accepted = false;
  Caps allowed;
  guarded("accept_caps", [&] {
    accepted = element_->accept_caps(p, caps);
    if (!accepted) allowed = element_->pad_caps(p);
    return FlowReturn::Ok;
  });
  if (!accepted) {
    in.caps_refused = true;
    GSTMINI_WARNING_OBJECT(*element_, "caps {} refused on {}", caps.to_string(), p.name);
    report_not_negotiated(pad, in.peer_name + " pushed caps " + caps.to_string() + " but " +
                                   element_->name() + ":" + p.name + " accepts " +
                                   allowed.to_string());
    return false;
  }
  in.caps_refused = false;
  in.not_negotiated_posted = false;
  GSTMINI_DEBUG_OBJECT(*element_, "caps on {}: {}", p.name, caps.to_string());
  element_->set_current_caps(pad, caps);
  return true;
}

void ElementActor::report_not_negotiated(std::uint32_t pad, const std::string& reason) {
  InLink& in = in_[pad];
  if (in.not_negotiated_posted) return;
  in.not_negotiated_posted = true;
  const std::string here = element_->name() + ":" + element_->pads()[pad].name;
  const std::string from = in.peer_name.empty() ? std::string("upstream") : in.peer_name;
  element_->post_error("not-negotiated: " + from + " and " + here + " could not agree on a format",
                       reason.empty() ? "no caps were negotiated on " + here : reason);
}

void ElementActor::narrow_caps_answer(const Pad& pad, bool answered, Query& query) {
  Caps own;
  guarded("pad_caps", [&] {
    own = element_->pad_caps(pad);
    return FlowReturn::Ok;
  });
  // This pad's order of preference first (capsfilter's own caps lead, as in
  // its transform_caps), then downstream's, limited to what the asker can
  // produce.
  query.caps = (answered ? own.intersect(query.caps) : own).intersect(query.filter);
}

void ElementActor::negotiate() {
  if (negotiating_) return;
  const Pad* src = element_->first_pad(PadDirection::Src);
  if (!src) return;
  Caps offer;
  guarded("pad_caps", [&] {
    offer = element_->pad_caps(*src);
    return FlowReturn::Ok;
  });
  OutLink& link = out_[src->index];
  if (!link.linked()) {  // nobody to ask: the source decides alone
    settle_negotiation(Caps::any());
    return;
  }
  negotiating_ = true;
  const std::uint64_t seq = ++negotiation_seq_;
  auto settle = [this, seq](const Caps& peer) {
    if (seq != negotiation_seq_) return;  // stopped or restarted meanwhile
    negotiating_ = false;
    if (!task_running_) return;
    settle_negotiation(peer);
    if (task_running_) produce_loop();
  };
  GSTMINI_DEBUG_OBJECT(*element_, "querying {} for caps within {}", link.peer_name,
                       offer.to_string());
  request(link.peer, caf::infinite, QueryMsg{link.peer_pad, Query::caps_query(offer)})
      .then([settle](QueryReply& reply) { settle(reply.handled ? reply.query.caps : Caps::any()); },
            [settle](caf::error&) { settle(Caps::any()); });
}

void ElementActor::settle_negotiation(const Caps& peer) {
  bool decided = false;
  guarded("negotiate", [&] {
    decided = source_->decide_caps(peer);
    return FlowReturn::Ok;
  });
  if (decided) return;
  const Pad* src = element_->first_pad(PadDirection::Src);
  const OutLink& link = out_[src->index];
  const std::string here = element_->name() + ":" + src->name;
  const std::string peer_name = link.linked() ? link.peer_name : std::string("its peer");
  Caps offer;
  guarded("pad_caps", [&] {
    offer = element_->pad_caps(*src);
    return FlowReturn::Ok;
  });
  element_->post_error(
      "not-negotiated: " + here + " and " + peer_name + " have no format in common",
      here + " produces " + offer.to_string() + "; " + peer_name + " accepts " + peer.to_string());
  end_stream(FlowReturn::NotNegotiated);
}

void ElementActor::ask_peer_caps_then_run(std::uint32_t pad, Item&& item) {
  const Pad* src = element_->first_pad(PadDirection::Src);
  if (!src || !out_[src->index].linked()) {
    guarded("set_peer_caps", [&] {
      element_->set_peer_caps(Caps::any());
      return FlowReturn::Ok;
    });
    run_hook(pad, std::move(item));
    return;
  }
  Caps filter;
  guarded("transform_caps", [&] {
    filter = element_->transform_caps(PadDirection::Sink, std::get<Event>(item).parsed_caps());
    return FlowReturn::Ok;
  });
  const OutLink& link = out_[src->index];
  auto held = std::make_shared<Item>(std::move(item));
  const std::uint64_t epoch = cur_.epoch;
  auto resume = [this, pad, epoch, held](Caps peer) {
    // A flush meanwhile ended the item: the event is gone with it.
    if (!cur_.busy || cur_.pad != pad || cur_.epoch != epoch) return;
    guarded("set_peer_caps", [&] {
      element_->set_peer_caps(std::move(peer));
      return FlowReturn::Ok;
    });
    run_hook(pad, std::move(*held));
  };
  GSTMINI_DEBUG_OBJECT(*element_, "asking {} for caps within {}", link.peer_name,
                       filter.to_string());
  request(link.peer, caf::infinite, QueryMsg{link.peer_pad, Query::caps_query(filter)})
      .then([resume](QueryReply& reply) { resume(reply.handled ? reply.query.caps : Caps::any()); },
            [resume](caf::error&) { resume(Caps::any()); });
}

}  // namespace gstmini::actors
