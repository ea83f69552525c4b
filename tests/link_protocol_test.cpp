// The link protocol at the level of one element actor (actors/messages.hpp),
// an identity driven by tests/element_harness.hpp: orders a busy scheduler
// produces only rarely (a FLUSH_START overtaking an older flush's
// FLUSH_STOP) happen here on purpose.
#include <catch2/catch.hpp>

#include "element_harness.hpp"

using namespace gstmini;
using namespace gstmini::actors;

namespace {
struct IdentityHarness : test::ElementHarness {
  IdentityHarness() : test::ElementHarness("identity") {}
};
using test::Seen;
}  // namespace

TEST_CASE("a FLUSH_STOP overtaken by a newer FLUSH_START does not end that flush", "[link]") {
  IdentityHarness h;
  const std::uint64_t e = h.upstream_epoch;
  h.flush(true, e + 1);
  h.flush(true, e + 2);
  h.flush(false, e + 1);  // the first flush's stop, after the second's start
  h.push(Buffer(4), e + 2);
  Seen seen = h.next();
  REQUIRE(seen.flow);  // refused at once, not pushed on
  CHECK(seen.flow->ret == FlowReturn::Flushing);
  h.flush(false, e + 2);
  auto answer = h.chain(Buffer(4), e + 2);
  REQUIRE(answer);
  CHECK(answer->ret == FlowReturn::Ok);
  CHECK(answer->epoch == e + 2);
}

TEST_CASE("STREAM_START after EOS lets data through again", "[link]") {
  IdentityHarness h;
  const std::uint64_t e = h.upstream_epoch;
  REQUIRE(h.chain(Event::eos(), e)->ret == FlowReturn::Ok);
  auto after_eos = h.chain(Buffer(4), e);
  REQUIRE(after_eos);
  CHECK(after_eos->ret == FlowReturn::Eos);
  REQUIRE(h.chain(Event::stream_start("id/second"), e)->ret == FlowReturn::Ok);
  auto next_stream = h.chain(Buffer(4), e);
  REQUIRE(next_stream);
  CHECK(next_stream->ret == FlowReturn::Ok);
}

TEST_CASE("a new upstream peer starts clean whatever the old link left behind", "[link]") {
  IdentityHarness h;
  const std::uint64_t old_link = h.upstream_epoch;
  // The old peer flushed three times, then sent EOS, then a flush without
  // its stop: the pad is flushing, EOS, and drops epochs below old_link + 4.
  for (std::uint64_t k = 1; k <= 3; ++k) {
    h.flush(true, old_link + k);
    h.flush(false, old_link + k);
  }
  REQUIRE(h.chain(Event::eos(), old_link + 3)->ret == FlowReturn::Ok);
  h.flush(true, old_link + 4);
  h.self->send(h.actor, DisconnectMsg{h.sink_pad});
  h.connect_upstream(link_epoch(3));
  // A late FLUSH_START of the old link must not touch the new one.
  h.flush(true, old_link + 5);
  auto answer = h.chain(Buffer(4), link_epoch(3));
  REQUIRE(answer);
  CHECK(answer->ret == FlowReturn::Ok);
  CHECK(answer->epoch == link_epoch(3));
}

TEST_CASE("items and answers of an old link never match the new link", "[link]") {
  IdentityHarness h;
  // Upstream may send 2: the identity's pushes wait for their own answers
  // (no tail-push delegation, which needs a sender waiting for one item).
  h.connect_upstream(link_epoch(5), 2);
  // The downstream end is relinked: an answer carrying the old link's
  // epoch arriving late must not complete the push on the new link.
  h.push(Buffer(4), h.upstream_epoch);
  Seen pushed = h.next();
  REQUIRE(pushed.items.size() == 1);
  const std::uint64_t old_epoch = pushed.items.front().epoch;
  h.self->send(h.actor, DisconnectMsg{h.src_pad});
  Seen unlinked = h.next();  // the push completes when its link goes away
  REQUIRE(unlinked.flow);
  h.ask<bool>(ConnectSrcMsg{h.src_pad, h.peer(), 0, "down2:sink", 1, link_epoch(7)});
  h.push(Buffer(4), h.upstream_epoch);
  Seen repushed = h.next();
  REQUIRE(repushed.items.size() == 1);
  CHECK(repushed.items.front().epoch == link_epoch(7));
  h.answer(old_epoch, FlowReturn::Ok);  // stale
  Seen early = h.next(std::chrono::milliseconds(200));
  CHECK_FALSE(early.flow);  // still waiting for the new peer
  h.answer(link_epoch(7), FlowReturn::Ok);
  Seen done = h.next();
  REQUIRE(done.flow);
  CHECK(done.flow->ret == FlowReturn::Ok);
}
