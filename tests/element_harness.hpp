// One element actor driven by hand (actors/messages.hpp): a scoped actor
// plays both its upstream and its downstream peer, so messages arrive in
// exactly the order a test sends them, including orders a busy scheduler
// produces only rarely. One worker thread.
#pragma once

#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "actors/element_actor.hpp"
#include "actors/messages.hpp"
#include "runtime/registry/registry.hpp"

namespace gstmini::test {

// What the element sent to the scoped actor.
struct Seen {
  std::optional<actors::FlowMsg> flow;  // an answer on its sink pad (to "upstream")
  std::vector<actors::ItemMsg> items;   // a push on its src pad (to "downstream")
  bool batch = false;                   // the items came in one ItemBatchMsg
};

struct ElementHarness {
  caf::actor_system_config cfg;
  caf::actor_system system{one_thread(cfg)};
  caf::scoped_actor self{system};
  ElementPtr element;
  caf::actor actor;
  std::uint32_t sink_pad = 0;
  std::uint32_t src_pad = 0;
  std::uint64_t upstream_epoch = 0;
  std::shared_ptr<Clock> clock = SystemClock::obtain();

  // `configure` sets properties before the element is wired; `window`: the
  // links' fixed window (0: credit). Ends in PAUSED.
  explicit ElementHarness(const std::string& factory, std::uint32_t window = 1,
                          const std::function<void(Element&)>& configure = {})
      : element(make_element(factory, "el")) {
    if (configure) configure(*element);
    actor = system.spawn<actors::ElementActor>(element, caf::actor_cast<caf::actor>(self),
                                               std::make_shared<Bus>());
    if (const Pad* sink = element->first_pad(PadDirection::Sink)) {
      sink_pad = sink->index;
      connect_upstream(actors::link_epoch(1), window);
    }
    if (const Pad* src = element->first_pad(PadDirection::Src)) {
      src_pad = src->index;
      connect_downstream(actors::link_epoch(2), window);
    }
    change(StateChange::NullToReady);
    change(StateChange::ReadyToPaused);
  }
  ~ElementHarness() { self->send_exit(actor, caf::exit_reason::user_shutdown); }

  static caf::actor_system_config& one_thread(caf::actor_system_config& config) {
    config.set("scheduler.max-threads", std::size_t{1});
    return config;
  }
  caf::actor peer() { return caf::actor_cast<caf::actor>(self); }

  template <class Result, class Msg>
  Result ask(Msg msg) {
    std::optional<Result> answer;
    self->request(actor, std::chrono::seconds(5), std::move(msg))
        .receive([&](Result r) { answer = r; }, [&](caf::error&) {});
    REQUIRE(answer);
    return *answer;
  }
  StateChangeReturn change(StateChange change) {
    return ask<StateChangeReturn>(actors::ChangeStateMsg{change, 0, clock});
  }
  void connect_upstream(std::uint64_t epoch, std::uint32_t window = 1) {
    upstream_epoch = epoch;
    ask<bool>(actors::ConnectSinkMsg{sink_pad, peer(), 0, "up:src", window, epoch});
  }
  // `window`: the link's fixed window (0: the receiver's credit).
  void connect_downstream(std::uint64_t epoch, std::uint32_t window) {
    ask<bool>(actors::ConnectSrcMsg{src_pad, peer(), 0, "down:sink", window, epoch});
  }
  void flush(bool start, std::uint64_t epoch) {
    self->send(actor, actors::FlushMsg{sink_pad, start, epoch, false});
  }
  void push(actors::Item item, std::uint64_t epoch) {
    self->send(actor, actors::ItemMsg{sink_pad, epoch, 1, std::move(item), 0, {}});
  }
  void push_batch(std::vector<actors::Item> items) {
    actors::ItemBatchMsg batch;
    for (actors::Item& item : items)
      batch.items.push_back(actors::ItemMsg{sink_pad, upstream_epoch, 1, std::move(item), 0, {}});
    self->send(actor, std::move(batch));
  }
  // Answers the element's pushes downstream: `count` items, granting `credit`.
  void answer(std::uint64_t epoch, FlowReturn ret, std::uint32_t count = 1,
              std::uint32_t credit = 1) {
    self->send(actor, actors::FlowMsg{src_pad, epoch, ret, count, credit});
  }
  // The next answer upstream or push downstream (flushes passed on are skipped).
  Seen next(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    Seen seen;
    bool done = false;
    while (!done) {
      self->receive([&](actors::FlowMsg& m) { seen.flow = m, done = true; },
                    [&](actors::ItemMsg& m) { seen.items.push_back(std::move(m)), done = true; },
                    [&](actors::ItemBatchMsg& m) {
                      seen.items = std::move(m.items);
                      seen.batch = done = true;
                    },
                    [&](actors::FlushMsg&) {}, caf::after(timeout) >> [&] { done = true; });
    }
    return seen;
  }
  // Answers one pushed item as the downstream peer does: to the element, or
  // to whoever the element delegated its answer to (actors/messages.hpp).
  void answer(const actors::ItemMsg& pushed, FlowReturn ret, std::uint32_t credit = 1) {
    const actors::AnswerTo& to = pushed.answer_to;
    if (to.actor)
      self->send(to.actor, actors::FlowMsg{to.pad, to.epoch, ret, 1, 0});
    else
      answer(pushed.epoch, ret, 1, credit);
  }
  // Pushes `item` and plays the downstream peer answering OK: the answer
  // upstream then gets (from the element, or delegated from downstream).
  std::optional<actors::FlowMsg> chain(actors::Item item, std::uint64_t epoch) {
    push(std::move(item), epoch);
    Seen seen = next();
    if (!seen.items.empty()) {
      answer(seen.items.front(), FlowReturn::Ok);
      seen = next();
    }
    return seen.flow;
  }
};

}  // namespace gstmini::test
