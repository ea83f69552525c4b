// ElementActor: queries. The element's hook answers, refuses or forwards; a
// forwarded query goes out of every pad of the other direction as a request
// and comes back through query_answered(). Several answers combine as in
// GstBin: LATENCY adds up branches (combine_latency), anything else takes
// the first element that handled it.
#include <algorithm>
#include <caf/all.hpp>

#include <memory>
#include <utility>

#include "actors/answer_join.hpp"
#include "actors/element_actor.hpp"

namespace gstmini::actors {

caf::result<QueryReply> ElementActor::on_query(QueryMsg& msg) {
  if (msg.pad >= element_->pads().size()) return QueryReply{false, msg.query};
  const Pad& pad = element_->pads()[msg.pad];
  QueryResult result = QueryResult::NotHandled;
  guarded("query", [&] {
    result = element_->query(pad, msg.query);
    return FlowReturn::Ok;
  });
  // A query on a src pad goes on upstream, one on a sink pad downstream.
  const PadDirection out_of =
      pad.direction == PadDirection::Src ? PadDirection::Sink : PadDirection::Src;
  if (result == QueryResult::Forward && msg.query.type == QueryType::Caps) {
    msg.query.filter = msg.query.filter.intersect(element_->pad_caps(pad));
    // A format-changing element asks the other side in that side's terms
    // and translates the answer back (GstBaseTransform::query_caps).
    if (element_->transforms_caps()) {
      Caps own_filter = msg.query.filter;
      guarded("transform_caps", [&] {
        msg.query.filter = element_->transform_caps(pad.direction, own_filter);
        return FlowReturn::Ok;
      });
      return settle_query(result, std::move(msg.query), out_of, &pad, &own_filter);
    }
  }
  return settle_query(result, std::move(msg.query), out_of, &pad);
}

caf::result<QueryReply> ElementActor::on_element_query(ElementQueryMsg& msg) {
  QueryResult result = QueryResult::NotHandled;
  guarded("element_query", [&] {
    result = element_->element_query(msg.query);
    return FlowReturn::Ok;
  });
  return settle_query(result, std::move(msg.query), PadDirection::Sink, nullptr);
}

caf::result<QueryReply> ElementActor::settle_query(QueryResult result, Query query,
                                                   PadDirection out_of, const Pad* on_pad,
                                                   const Caps* own_filter) {
  if (result != QueryResult::Forward) return QueryReply{result == QueryResult::Handled, query};
  // For a format-changing element: the answer, in the other side's terms,
  // becomes this pad's, limited by the filter as this pad received it.
  std::shared_ptr<const Caps> untransform =
      own_filter ? std::make_shared<const Caps>(*own_filter) : nullptr;
  auto translate = [this, untransform, out_of](bool handled, Query& answer) {
    if (!untransform) return;
    if (handled)
      guarded("transform_caps", [&] {
        answer.caps = element_->transform_caps(out_of, answer.caps);
        return FlowReturn::Ok;
      });
    answer.filter = *untransform;
  };
  // A CAPS query is always answered: by the peers narrowed to this pad, or
  // by this pad alone when no peer answered.
  const bool narrow_caps = on_pad && query.type == QueryType::Caps;
  const unsigned pad_index = on_pad ? on_pad->index : 0;
  // Answers combine in pad order, not arrival order, so the result (a CAPS
  // intersection's field order, say) does not depend on which branch was
  // faster.
  auto promise = make_response_promise<QueryReply>();
  auto join =
      AnswerJoin<QueryReply>::make([this, query, promise, narrow_caps, on_pad, pad_index, translate,
                                    untransform](std::vector<QueryReply>& replies) mutable {
        if (replies.empty()) {  // no linked peer (inside start(): on_pad is alive)
          if (untransform) query.filter = *untransform;
          if (narrow_caps) narrow_caps_answer(*on_pad, false, query);
          promise.deliver(QueryReply{narrow_caps, query});
          return;
        }
        QueryCombiner combiner(query);
        for (const QueryReply& r : replies) combiner.add(r.handled, r.query);
        if (narrow_caps) {
          translate(combiner.handled(), combiner.result());
          narrow_caps_answer(element_->pads()[pad_index], combiner.handled(), combiner.result());
          promise.deliver(QueryReply{true, combiner.result()});
          return;
        }
        if (combiner.handled())
          guarded("query_answered", [&] {
            element_->query_answered(combiner.result());
            return FlowReturn::Ok;
          });
        promise.deliver(QueryReply{combiner.handled(), combiner.result()});
      });
  for (const Pad& pad : element_->pads()) {
    if (pad.direction != out_of) continue;
    caf::actor peer = out_of == PadDirection::Sink ? in_[pad.index].peer : out_[pad.index].peer;
    std::uint32_t peer_pad =
        out_of == PadDirection::Sink ? in_[pad.index].peer_pad : out_[pad.index].peer_pad;
    if (!peer) continue;
    join->ask<QueryReply>(this, peer, QueryMsg{peer_pad, query}, QueryReply{false, query},
                          [](QueryReply& reply) { return std::move(reply); });
  }
  join->start();
  return promise;
}

}  // namespace gstmini::actors
