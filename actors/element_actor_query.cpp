// ElementActor: queries. The element's hook answers, refuses or forwards; a
// forwarded query goes out of every pad of the other direction as a request
// and comes back through query_answered(). Several answers combine as in
// GstBin: LATENCY adds up branches (combine_latency), anything else takes
// the first element that handled it.
#include <caf/all.hpp>

#include <memory>
#include <utility>

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
  return settle_query(result, std::move(msg.query), out_of);
}

caf::result<QueryReply> ElementActor::on_element_query(ElementQueryMsg& msg) {
  QueryResult result = QueryResult::NotHandled;
  guarded("element_query", [&] {
    result = element_->element_query(msg.query);
    return FlowReturn::Ok;
  });
  return settle_query(result, std::move(msg.query), PadDirection::Sink);
}

caf::result<QueryReply> ElementActor::settle_query(QueryResult result, Query query,
                                                   PadDirection out_of) {
  if (result != QueryResult::Forward) return QueryReply{result == QueryResult::Handled, query};
  struct Answers {
    std::size_t left = 0;
    QueryCombiner combiner;
  };
  auto answers = std::make_shared<Answers>(Answers{0, QueryCombiner(query)});
  auto promise = make_response_promise<QueryReply>();
  auto answered = [this, answers, promise](const QueryReply& reply) mutable {
    answers->combiner.add(reply.handled, reply.query);
    if (--answers->left) return;
    if (answers->combiner.handled())
      guarded("query_answered", [&] {
        element_->query_answered(answers->combiner.result());
        return FlowReturn::Ok;
      });
    promise.deliver(QueryReply{answers->combiner.handled(), answers->combiner.result()});
  };
  for (const Pad& pad : element_->pads()) {
    if (pad.direction != out_of) continue;
    caf::actor peer = out_of == PadDirection::Sink ? in_[pad.index].peer : out_[pad.index].peer;
    std::uint32_t peer_pad =
        out_of == PadDirection::Sink ? in_[pad.index].peer_pad : out_[pad.index].peer_pad;
    if (!peer) continue;
    ++answers->left;
    request(peer, caf::infinite, QueryMsg{peer_pad, query})
        .then([answered](QueryReply& reply) mutable { answered(reply); },
              [answered, query](caf::error&) mutable {
                answered(QueryReply{false, query});
              });
  }
  if (answers->left == 0) promise.deliver(QueryReply{false, query});
  return promise;
}

}  // namespace gstmini::actors
