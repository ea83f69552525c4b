// tee: request pads src_%u; every branch gets every buffer in order; the
// push completes when all branches answered; NOT_LINKED only if all are.
#include <catch2/catch.hpp>

#include "test_util.hpp"

using namespace gstmini;

TEST_CASE("linking a tee requests src_%u pads and every branch gets every buffer in order",
          "[tee][request]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto tee = make_element("tee", "t");
  auto a = test::make<FakeSink>("a");
  auto b = test::make<FakeSink>("b");
  auto got_a = test::record_renders(*a);
  auto got_b = test::record_renders(*b);
  src->set("num-buffers", 100);
  pipeline.add_many(src, tee, a, b);
  pipeline.link(src, tee);
  pipeline.link(tee, a);                        // the next free request pad: src_0
  pipeline.link_pads(tee, "src_5", b, "sink");  // a named one
  auto links = pipeline.links();
  REQUIRE(links.size() == 3);
  CHECK(links[1].src_pad == "src_0");
  CHECK(links[2].src_pad == "src_5");
  CHECK_THROWS_WITH(pipeline.link_pads(tee, "src_5", make_element("fakesink"), "sink"),
                    Catch::Contains("not in pipeline"));

  pipeline.set_state(State::Playing);
  auto msg = test::wait_eos_or_error(pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);  // EOS from both sinks
  for (const auto& got : {got_a, got_b}) {
    auto buffers = got->get().buffers;
    REQUIRE(buffers.size() == 100);
    for (std::size_t i = 0; i < buffers.size(); ++i) CHECK(buffers[i].offset == i);
  }
  CHECK(tee->get<std::uint64_t>("num-src-pads") == 2);
}

TEST_CASE("a tee whose branches are all unlinked is NOT_LINKED unless allow-not-linked", "[tee]") {
  Pipeline pipeline("p");
  auto src = test::make<test::CountingSrc>("src");
  auto tee = make_element("tee", "t");
  auto sink = make_element("fakesink", "sink");
  src->set("num-buffers", 10);
  pipeline.add_many(src, tee, sink);
  pipeline.link(src, tee);
  pipeline.link(tee, sink);
  pipeline.unlink(tee, sink);  // src_0 stays, unlinked
  pipeline.set_state(State::Playing);
  auto msg = test::wait_eos_or_error(pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Error);
  CHECK(msg->debug == "streaming stopped, reason not-linked (-1)");
  pipeline.set_state(State::Null);
  CHECK(src->created.get() == 1);  // the first push came back NOT_LINKED

  tee->set("allow-not-linked", true);
  pipeline.set_state(State::Playing);
  // Every push now comes back OK: the source gets through all ten buffers
  // (the count goes on from the first run's one).
  REQUIRE(src->created.wait_until([](std::uint64_t n) { return n >= 11; }));
  pipeline.set_state(State::Null);
  CHECK(src->created.get() == 11);
}

// ---- branches added and removed while PLAYING ----------------------------------

namespace {
// fakesrc -> tee -> [queue "qa" -> fakesink "a"], both sinks sync=false.
struct LiveTee {
  LiveTee() : src(make_element("fakesrc", "src")), tee(make_element("tee", "t")) {
    a = add_branch("a");
    pipeline.add_many(src, tee);
    pipeline.link(src, tee);
  }
  struct Branch {
    ElementPtr queue;
    std::shared_ptr<FakeSink> sink;
    std::shared_ptr<test::Watched<test::Rendered>> rendered;
  };
  // A queue + fakesink, added and linked to each other (not to the tee).
  Branch add_branch(const std::string& name) {
    Branch b{make_element("queue", "q" + name), test::make<FakeSink>(name), nullptr};
    b.queue->set("max-size-buffers", 5);
    b.sink->set("sync", false);
    b.rendered = test::record_renders(*b.sink);
    pipeline.add_many(b.queue, b.sink);
    pipeline.link(b.queue, b.sink);
    return b;
  }
  static bool got(const Branch& b, std::size_t n) {
    return b.rendered->wait_until([n](const test::Rendered& r) { return r.buffers.size() >= n; });
  }
  static std::vector<std::uint64_t> offsets(const Branch& b) {
    std::vector<std::uint64_t> out;
    for (const Buffer& buffer : b.rendered->get().buffers) out.push_back(buffer.offset);
    return out;
  }
  // Every buffer from the first one the branch saw, none missing, in order.
  static bool contiguous(const std::vector<std::uint64_t>& offsets) {
    for (std::size_t i = 1; i < offsets.size(); ++i)
      if (offsets[i] != offsets[i - 1] + 1) return false;
    return true;
  }
  Pipeline pipeline{"p"};
  ElementPtr src, tee;
  Branch a;
};
}  // namespace

TEST_CASE("a branch added to a tee while PLAYING starts receiving buffers", "[tee][dynamic]") {
  LiveTee p;
  p.pipeline.link(p.tee, p.a.queue);
  p.pipeline.set_state(State::Playing);
  // Sinks render before the PLAYING walk has reached the source: wait for
  // it, or the branch would be synced to the PAUSED the pipeline was in.
  State state = State::Null;
  REQUIRE(p.pipeline.get_state(&state, nullptr, 10 * kSecond) != StateChangeReturn::Failure);
  REQUIRE(state == State::Playing);
  REQUIRE(LiveTee::got(p.a, 100));

  // GStreamer's recipe: add the branch, bring it to the pipeline's state,
  // then request a tee pad (link does) and link it.
  LiveTee::Branch b = p.add_branch("b");
  CHECK(p.pipeline.sync_state_with_parent(b.sink) != StateChangeReturn::Failure);
  CHECK(p.pipeline.sync_state_with_parent(b.queue) == StateChangeReturn::Success);
  p.pipeline.link(p.tee, b.queue);
  CHECK(p.pipeline.links().back().src_pad == "src_1");
  REQUIRE(LiveTee::got(b, 100));
  const std::size_t a_seen = p.a.rendered->get().buffers.size();
  REQUIRE(LiveTee::got(p.a, a_seen + 100));  // the first branch goes on
  p.pipeline.set_state(State::Null);

  auto got_a = LiveTee::offsets(p.a);
  auto got_b = LiveTee::offsets(b);
  CHECK(got_a.front() == 0);
  CHECK(LiveTee::contiguous(got_a));
  CHECK(got_b.front() > 0);  // joined late
  CHECK(LiveTee::contiguous(got_b));
  // Never ahead of the tee: at most what a's queue (5) and a's sync=false
  // sink (its credit, up to kMaxCredit) held unrendered when it stopped.
  CHECK(got_b.back() <= got_a.back() + 5 + kMaxCredit + 2);
  CHECK_FALSE(p.pipeline.bus().timed_pop_filtered(0, MessageType::Error));
}

TEST_CASE("a branch unlinked from a tee while PLAYING stops, the other goes on undisturbed",
          "[tee][dynamic]") {
  LiveTee p;
  LiveTee::Branch b = p.add_branch("b");
  p.pipeline.link(p.tee, p.a.queue);
  p.pipeline.link(p.tee, b.queue);
  p.pipeline.set_state(State::Playing);
  REQUIRE(LiveTee::got(b, 100));

  p.pipeline.unlink(p.tee, b.queue);  // src_1 stays on the tee, unlinked
  const std::size_t a_at_unlink = p.a.rendered->get().buffers.size();
  REQUIRE(LiveTee::got(p.a, a_at_unlink + 20000));
  const std::size_t b_after = b.rendered->get().buffers.size();
  REQUIRE(LiveTee::got(p.a, a_at_unlink + 40000));
  CHECK(b.rendered->get().buffers.size() == b_after);  // b has stopped
  p.pipeline.set_state(State::Null);

  auto got_a = LiveTee::offsets(p.a);
  auto got_b = LiveTee::offsets(b);
  CHECK(got_a.front() == 0);
  CHECK(LiveTee::contiguous(got_a));  // not one buffer lost on the kept branch
  CHECK(got_b.front() == 0);
  CHECK(LiveTee::contiguous(got_b));
  // b got nothing the tee pushed after the unlink: at most what its queue
  // and the in-flight pushes held then (a generous bound).
  CHECK(got_b.back() < a_at_unlink + 1000);
  // The unlinked pad answers NOT_LINKED, combined with a's OK: the tee is OK.
  CHECK_FALSE(p.pipeline.bus().timed_pop_filtered(0, MessageType::Error));
}
