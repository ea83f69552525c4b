// The link protocol at the level of one element actor (actors/messages.hpp):
// a scoped actor plays both the upstream and the downstream peer of an
// identity, so the order in which messages arrive is exactly the order the
// test sends them, including orders a busy scheduler produces only rarely
// (a FLUSH_START overtaking an older flush's FLUSH_STOP).
#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include "actors/element_actor.hpp"
#include "actors/messages.hpp"
#include "runtime/registry.hpp"

using namespace gstmini;
using namespace gstmini::actors;

namespace {

caf::actor_system_config& one_thread(caf::actor_system_config& cfg) {
  cfg.set("scheduler.max-threads", std::size_t{1});
  return cfg;
}

// What the identity sent back to the scoped actor.
struct Seen {
  std::optional<FlowMsg> flow;  // an answer on its sink pad (to "upstream")
  std::optional<ItemMsg> item;  // a push on its src pad (to "downstream")
};

struct IdentityHarness {
  caf::actor_system_config cfg;
  caf::actor_system system{one_thread(cfg)};
  caf::scoped_actor self{system};
  ElementPtr element = make_element("identity", "id");
  caf::actor actor;
  std::uint32_t sink_pad = element->first_pad(PadDirection::Sink)->index;
  std::uint32_t src_pad = element->first_pad(PadDirection::Src)->index;
  std::uint64_t upstream_epoch = 0;

  IdentityHarness() {
    actor = system.spawn<ElementActor>(element, caf::actor_cast<caf::actor>(self),
                                       std::make_shared<Bus>());
    connect_upstream(link_epoch(1));
    ask<bool>(ConnectSrcMsg{src_pad, peer(), 0, "down:sink", 1, link_epoch(2)});
    auto clock = SystemClock::obtain();
    ask<StateChangeReturn>(ChangeStateMsg{StateChange::NullToReady, 0, clock});
    ask<StateChangeReturn>(ChangeStateMsg{StateChange::ReadyToPaused, 0, clock});
  }
  ~IdentityHarness() { self->send_exit(actor, caf::exit_reason::user_shutdown); }

  caf::actor peer() { return caf::actor_cast<caf::actor>(self); }

  template <class Result, class Msg>
  Result ask(Msg msg) {
    std::optional<Result> answer;
    self->request(actor, std::chrono::seconds(5), std::move(msg))
        .receive([&](Result r) { answer = r; }, [&](caf::error&) {});
    REQUIRE(answer);
    return *answer;
  }
  void connect_upstream(std::uint64_t epoch) {
    upstream_epoch = epoch;
    ask<bool>(ConnectSinkMsg{sink_pad, peer(), 0, "up:src", 1, epoch});
  }
  void flush(bool start, std::uint64_t epoch) {
    self->send(actor, FlushMsg{sink_pad, start, epoch, false});
  }
  void push(Item item, std::uint64_t epoch) {
    self->send(actor, ItemMsg{sink_pad, epoch, 1, std::move(item), 0});
  }
  // The next answer upstream or push downstream (flushes passed on are skipped).
  Seen next(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    Seen seen;
    bool done = false;
    while (!done) {
      self->receive([&](FlowMsg& m) { seen.flow = m, done = true; },
                    [&](ItemMsg& m) { seen.item = std::move(m), done = true; }, [&](FlushMsg&) {},
                    caf::after(timeout) >> [&] { done = true; });
    }
    return seen;
  }
  // Pushes `item` and plays the downstream peer answering OK: the answer
  // upstream identity then gives.
  std::optional<FlowMsg> chain(Item item, std::uint64_t epoch) {
    push(std::move(item), epoch);
    Seen seen = next();
    if (seen.item) {
      self->send(actor, FlowMsg{src_pad, seen.item->epoch, FlowReturn::Ok, 1});
      seen = next();
    }
    return seen.flow;
  }
};

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
  // The downstream end is relinked: an answer carrying the old link's
  // epoch arriving late must not complete the push on the new link.
  h.push(Buffer(4), h.upstream_epoch);
  Seen pushed = h.next();
  REQUIRE(pushed.item);
  const std::uint64_t old_epoch = pushed.item->epoch;
  h.self->send(h.actor, DisconnectMsg{h.src_pad});
  Seen unlinked = h.next();  // the push completes when its link goes away
  REQUIRE(unlinked.flow);
  h.ask<bool>(ConnectSrcMsg{h.src_pad, h.peer(), 0, "down2:sink", 1, link_epoch(7)});
  h.push(Buffer(4), h.upstream_epoch);
  Seen repushed = h.next();
  REQUIRE(repushed.item);
  CHECK(repushed.item->epoch == link_epoch(7));
  h.self->send(h.actor, FlowMsg{h.src_pad, old_epoch, FlowReturn::Ok, 1});  // stale
  Seen early = h.next(std::chrono::milliseconds(200));
  CHECK_FALSE(early.flow);  // still waiting for the new peer
  h.self->send(h.actor, FlowMsg{h.src_pad, link_epoch(7), FlowReturn::Ok, 1});
  Seen done = h.next();
  REQUIRE(done.flow);
  CHECK(done.flow->ret == FlowReturn::Ok);
}
