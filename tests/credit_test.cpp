// Receiver-granted credit and batched links (actors/messages.hpp), one
// element actor at a time (tests/element_harness.hpp): what each kind of
// receiver grants, when OK answers go back, and how a batch is handled.
#include <catch2/catch.hpp>

#include "element_harness.hpp"
#include "runtime/pipeline.hpp"

using namespace gstmini;
using namespace gstmini::actors;
using test::ElementHarness;
using test::Seen;

namespace {
constexpr std::uint32_t kCredit = 0;  // a link that runs on the receiver's credit

void queue_of(Element& queue, std::uint64_t buffers) {
  queue.set("max-size-buffers", buffers);
  queue.set("max-size-bytes", 0);
  queue.set("max-size-time", 0);
}
}  // namespace

TEST_CASE("a plain element grants 1: each push waits for the chain below", "[credit]") {
  // Downstream takes 8 at a time: the identity's push has room at once, so
  // it answers itself (no delegation), granting 1.
  ElementHarness h("identity", kCredit);
  h.connect_downstream(link_epoch(3), 8);
  for (int i = 0; i < 3; ++i) {
    h.push(Buffer(4), h.upstream_epoch);
    Seen first = h.next();
    Seen second = h.next();
    Seen& pushed = first.items.empty() ? second : first;
    Seen& answered = first.flow ? first : second;
    REQUIRE(pushed.items.size() == 1);
    CHECK_FALSE(pushed.items.front().answer_to.actor);
    REQUIRE(answered.flow);
    CHECK(answered.flow->ret == FlowReturn::Ok);
    CHECK(answered.flow->credit == 1);
  }
}

TEST_CASE("a lock-step element hands its answer down with its one push (tail-push delegation)",
          "[credit]") {
  ElementHarness h("identity", kCredit);
  for (int i = 0; i < 3; ++i) {
    h.push(Buffer(4), h.upstream_epoch);
    Seen pushed = h.next();
    REQUIRE(pushed.items.size() == 1);
    // The push names who waits: the upstream's src pad and its epoch.
    const AnswerTo& to = pushed.items.front().answer_to;
    CHECK(to.actor == h.peer());
    CHECK(to.pad == 0);
    CHECK(to.epoch == h.upstream_epoch);
    // The identity itself never answers: the upstream waits for downstream.
    CHECK_FALSE(h.next(std::chrono::milliseconds(50)).flow);
    h.answer(pushed.items.front(), FlowReturn::Eos);
    Seen answered = h.next();
    REQUIRE(answered.flow);
    CHECK(answered.flow->ret == FlowReturn::Eos);
    CHECK(answered.flow->epoch == h.upstream_epoch);
  }
}

TEST_CASE("a delegated item is answered by whoever completes it, also when refused", "[credit]") {
  ElementHarness h("identity", kCredit);
  const AnswerTo waiting{h.peer(), 7, 1234};
  // Handled and pushed on: the push carries the same waiting sender along.
  h.self->send(h.actor, ItemMsg{h.sink_pad, h.upstream_epoch, 1, Item{Buffer(4)}, 0, waiting});
  Seen pushed = h.next();
  REQUIRE(pushed.items.size() == 1);
  CHECK(pushed.items.front().answer_to.pad == 7);
  CHECK(pushed.items.front().answer_to.epoch == 1234);
  h.answer(pushed.items.front(), FlowReturn::Ok);
  REQUIRE(h.next().flow);
  // Refused (flushing): the answer goes to the waiting sender, not upstream.
  h.flush(true, h.upstream_epoch + 1);
  h.self->send(h.actor, ItemMsg{h.sink_pad, h.upstream_epoch + 1, 1, Item{Buffer(4)}, 0, waiting});
  Seen refused = h.next();
  REQUIRE(refused.flow);
  CHECK(refused.flow->pad == 7);
  CHECK(refused.flow->epoch == 1234);
  CHECK(refused.flow->ret == FlowReturn::Flushing);
}

TEST_CASE("a queue grants its free room and answers OK items together", "[credit][queue]") {
  ElementHarness h("queue", kCredit, [](Element& q) { queue_of(q, 10); });
  // The first buffer is answered while it waits to leave at the end of the
  // run (then it goes downstream, where credit 1 is never answered here).
  h.push(Buffer(4), h.upstream_epoch);
  Seen first = h.next();
  Seen second = h.next();
  Seen& answer = first.flow ? first : second;
  REQUIRE(answer.flow);
  CHECK(answer.flow->count == 1);
  CHECK(answer.flow->credit == 9);
  // Five more stay in the queue; OK answers go together once half the grant
  // is owed (4 of 9), with the room left then (10 - 4 queued).
  for (int i = 0; i < 5; ++i) h.push(Buffer(4), h.upstream_epoch);
  Seen together = h.next();
  REQUIRE(together.flow);
  CHECK(together.flow->ret == FlowReturn::Ok);
  CHECK(together.flow->count == 4);
  CHECK(together.flow->credit == 6);
  // The fifth is owed: the sender still has credit, nothing waits for it.
  CHECK_FALSE(h.next(std::chrono::milliseconds(100)).flow);
  CHECK(h.element->get<std::uint64_t>("current-level-buffers") == 5);
}

TEST_CASE("a full queue holds the push that does not fit and grants 1", "[credit][queue]") {
  ElementHarness h("queue", kCredit, [](Element& q) { queue_of(q, 2); });
  h.push(Buffer(4), h.upstream_epoch);  // goes downstream, never answered
  std::uint32_t answered = 0, last_credit = 0;
  for (int i = 0; i < 3; ++i) h.push(Buffer(4), h.upstream_epoch);
  for (Seen seen = h.next(std::chrono::milliseconds(200)); seen.flow || !seen.items.empty();
       seen = h.next(std::chrono::milliseconds(200))) {
    if (!seen.flow) continue;
    answered += seen.flow->count;
    last_credit = seen.flow->credit;
  }
  CHECK(last_credit == 1);  // full: one more may come, and wait like this one
  // The first three got in (one downstream, two queued); the fourth waits
  // for room, unanswered, as a push into a full GStreamer queue blocks.
  CHECK(answered == 3);
  CHECK(h.element->get<std::uint64_t>("current-level-buffers") == 2);
}

TEST_CASE("a leaky queue never throttles: it grants the most", "[credit][queue]") {
  ElementHarness h("queue", kCredit, [](Element& q) {
    queue_of(q, 2);
    q.set_property_from_string("leaky", "downstream");
  });
  h.push(Buffer(4), h.upstream_epoch);
  Seen seen = h.next();
  if (!seen.flow) seen = h.next();
  REQUIRE(seen.flow);
  CHECK(seen.flow->credit == kMaxCredit);
}

TEST_CASE("a sync=false sink grants more than 1 only in PLAYING", "[credit][sink]") {
  ElementHarness h("fakesink", kCredit, [](Element& sink) { sink.set("sync", false); });
  h.push(Buffer(4), h.upstream_epoch);  // the preroll buffer
  h.change(StateChange::PausedToPlaying);
  Seen preroll = h.next();
  REQUIRE(preroll.flow);
  CHECK(preroll.flow->credit == kMaxCredit);
  h.change(StateChange::PlayingToPaused);
  // Answers owed when PLAYING ended go back with the credit PAUSED grants.
  h.push(Event::segment(Segment{}), h.upstream_epoch);
  Seen paused = h.next();
  REQUIRE(paused.flow);
  CHECK(paused.flow->credit == 1);
}

TEST_CASE("a synced sink grants 1", "[credit][sink]") {
  ElementHarness h("fakesink", kCredit, [](Element& sink) { sink.set("sync", true); });
  h.push(Event::stream_start("s"), h.upstream_epoch);
  Seen seen = h.next();
  REQUIRE(seen.flow);
  CHECK(seen.flow->credit == 1);
}

TEST_CASE("a fixed window grants the window whatever the receiver", "[credit][window]") {
  ElementHarness h("identity", 8);
  // Window 8 downstream too: each push completes at once, and the OK
  // answers go together at half the window.
  for (int i = 0; i < 4; ++i) h.push(Buffer(4), h.upstream_epoch);
  std::vector<FlowMsg> answers;
  for (Seen seen = h.next(std::chrono::milliseconds(200)); seen.flow || !seen.items.empty();
       seen = h.next(std::chrono::milliseconds(200)))
    if (seen.flow) answers.push_back(*seen.flow);
  REQUIRE(answers.size() == 1);
  CHECK(answers.front().count == 4);
  CHECK(answers.front().credit == 8);
}

TEST_CASE("what a sender has ready within its credit leaves in one batch", "[credit][batch]") {
  ElementHarness h("identity", kCredit);
  h.push_batch({Buffer(1), Buffer(2), Buffer(3), Buffer(4)});
  // Credit 1 downstream until the first answer: one item goes alone.
  Seen first = h.next();
  REQUIRE(first.items.size() == 1);
  CHECK_FALSE(first.batch);
  h.answer(first.items.front().epoch, FlowReturn::Ok, 1, 8);
  // That answer grants 8: the other three are pushed in one run, one message
  // (the answers upstream are not batched: the sender waits for each).
  std::vector<Seen> pushes;
  for (Seen seen = h.next(std::chrono::milliseconds(200)); seen.flow || !seen.items.empty();
       seen = h.next(std::chrono::milliseconds(200)))
    if (!seen.items.empty()) pushes.push_back(std::move(seen));
  REQUIRE(pushes.size() == 1);
  const Seen& rest = pushes.front();
  REQUIRE(rest.items.size() == 3);
  CHECK(rest.batch);
  for (std::size_t i = 0; i < rest.items.size(); ++i)
    CHECK(std::get<Buffer>(rest.items[i].item).size() == i + 2);  // in order
}

TEST_CASE("a non-OK result ends the batch's remaining buffers, not its events", "[credit][batch]") {
  ElementHarness h("identity", kCredit);
  h.push_batch({Buffer(1), Buffer(2), Buffer(3), Event::eos()});
  Seen first = h.next();
  REQUIRE(first.items.size() == 1);
  h.answer(first.items.front().epoch, FlowReturn::Error);
  // Buffer 1 is answered ERROR; 2 and 3 are answered ERROR unhandled (never
  // pushed on), as a loop of pushes stops at its first error; EOS goes on.
  std::uint32_t errors = 0;
  std::vector<ItemMsg> pushed;
  for (Seen seen = h.next(std::chrono::milliseconds(200)); seen.flow || !seen.items.empty();
       seen = h.next(std::chrono::milliseconds(200))) {
    if (seen.flow && seen.flow->ret == FlowReturn::Error) errors += seen.flow->count;
    for (ItemMsg& item : seen.items) pushed.push_back(std::move(item));
  }
  CHECK(errors == 3);
  REQUIRE(pushed.size() == 1);
  CHECK(std::holds_alternative<Event>(pushed.front().item));
}

TEST_CASE("a sender out of credit gets its owed answers at the end of the run", "[credit]") {
  // Window 4 from upstream, lock-step downstream: buffer 1 is done but its
  // OK is owed (half the grant is 2) while buffer 2 waits for downstream and
  // 3 and 4 wait behind it. All 4 the sender may send are here, so it waits
  // for us: the owed answer goes at once instead of after buffer 2.
  ElementHarness h("identity", 4);
  h.ask<bool>(ConnectSrcMsg{h.src_pad, h.peer(), 0, "down:sink", 1, link_epoch(3)});
  h.push_batch({Buffer(1), Buffer(2), Buffer(3), Buffer(4)});
  Seen first = h.next();
  REQUIRE(first.items.size() == 1);
  h.answer(first.items.front().epoch, FlowReturn::Ok);
  std::optional<FlowMsg> owed;
  for (Seen seen = h.next(std::chrono::milliseconds(200)); seen.flow || !seen.items.empty();
       seen = h.next(std::chrono::milliseconds(200)))
    if (seen.flow) owed = seen.flow;  // buffer 2 is pushed and left unanswered
  REQUIRE(owed);
  CHECK(owed->ret == FlowReturn::Ok);
  CHECK(owed->count == 1);
  CHECK(owed->credit == 4);
}
