// A queue cuts the lock-step chain: upstream runs ahead by at most
// max-size-buffers while the downstream side is slow.
#include <catch2/catch.hpp>

#include "elements/appsrc.hpp"
#include "elements/queue.hpp"
#include "runtime/registry/registry.hpp"
#include "test_util.hpp"

using namespace gstmini;

TEST_CASE("a queue lets a fast source run ahead of a stuck sink by at most max-size-buffers",
          "[queue]") {
  auto clock = std::make_shared<TestClock>();
  PipelineOptions options;
  options.clock = clock;
  Pipeline pipeline("p", options);
  auto src = test::make<test::CountingSrc>("src");
  auto queue = make_element("queue", "q");
  auto sink = test::make<FakeSink>("sink");
  auto rendered = test::record_renders(*sink);
  src->set("buffer-duration", kSecond);
  queue->set("max-size-buffers", 3);
  queue->set("max-size-bytes", 0);
  queue->set("max-size-time", 0);
  sink->set("sync", true);
  pipeline.add_many(src, queue, sink);
  pipeline.link_many({src, queue, sink});
  pipeline.set_state(State::Playing);

  REQUIRE(clock->wait_for_pending(1));  // buffer 0 rendered, sink waits for buffer 1
  REQUIRE(src->created.wait_until([](std::uint64_t n) { return n >= 6; }));
  pipeline.set_state(State::Paused);  // barrier through every actor
  // 1 rendered + 1 waiting in the sink + 3 queued + 1 whose push is held.
  CHECK(src->created.get() == 6);
  CHECK(queue->get<std::uint64_t>("current-level-buffers") == 3);
  CHECK(test::rendered_count(*rendered) == 1);
}

TEST_CASE("a queue passes every buffer through in order", "[queue]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto queue = make_element("queue", "q");
  auto sink = test::make<FakeSink>("sink");
  auto rendered = test::record_renders(*sink);
  src->set("num-buffers", 500);
  src->set("buffer-duration", kMillisecond);
  queue->set("max-size-buffers", 4);
  auto msg = test::play_until_end(pipeline, {src, queue, sink});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  auto buffers = rendered->get().buffers;
  REQUIRE(buffers.size() == 500);
  for (std::size_t i = 0; i < buffers.size(); ++i) CHECK(buffers[i].offset == i);
}

namespace {
// A fakesink that counts the lists it renders.
class ListCountingSink : public FakeSink {
 public:
  using FakeSink::FakeSink;
  FlowReturn render_list(const BufferList& list) override {
    sizes.update([&](std::vector<std::size_t>& v) { v.push_back(list.size()); });
    return FakeSink::render_list(list);
  }
  test::Watched<std::vector<std::size_t>> sizes;
};
}  // namespace

TEST_CASE("a buffer list crosses a queue as one list, every buffer in order", "[queue]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto queue = make_element("queue", "q");
  auto sink = test::make<ListCountingSink>("sink");
  auto rendered = test::record_renders(*sink);
  src->set("num-buffers", 64);
  src->set("buffers-per-list", 8);
  queue->set("max-size-buffers", 16);  // two lists fit
  auto msg = test::play_until_end(pipeline, {src, queue, sink});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(sink->sizes.get() == std::vector<std::size_t>(8, 8));
  auto buffers = rendered->get().buffers;
  REQUIRE(buffers.size() == 64);
  for (std::size_t i = 0; i < buffers.size(); ++i) CHECK(buffers[i].offset == i);
  pipeline.set_state(State::Null);
}

namespace {
// fakesrc (1 s buffers of `size` bytes) -> queue -> synced sink on a still
// TestClock: the sink renders buffer 0 and then holds buffer 1.
struct StuckSink : test::ClockedPipeline {
  StuckSink(std::shared_ptr<test::CountingSrc> source, ElementPtr queue_element, std::int64_t size)
      : ClockedPipeline({configure(source, size), queue_element}),
        src(std::move(source)),
        queue(std::move(queue_element)) {}
  static ElementPtr configure(const std::shared_ptr<test::CountingSrc>& s, std::int64_t size) {
    s->set("buffer-duration", kSecond);
    if (size) {
      s->set("sizetype", "fixed");
      s->set("sizemax", size);
    }
    return s;
  }
  // Plays, then waits until the source is held by the full queue.
  void play_until_held(std::uint64_t created) {
    pipeline->set_state(State::Playing);
    REQUIRE(clock->wait_for_pending(1));
    REQUIRE(src->created.wait_until([created](std::uint64_t n) { return n >= created; }));
    pipeline->set_state(State::Paused);  // barrier through every actor
  }
  std::shared_ptr<test::CountingSrc> src;
  ElementPtr queue;
};

ElementPtr make_queue(std::uint64_t buffers, std::uint64_t bytes, ClockTime time,
                      const char* leaky = "no") {
  ElementPtr q = make_element("queue", "q");
  q->set("max-size-buffers", buffers);
  q->set("max-size-bytes", bytes);
  q->set("max-size-time", time);
  q->set("leaky", leaky);
  return q;
}
}  // namespace

TEST_CASE("max-size-bytes holds upstream once the queue holds that many bytes", "[queue]") {
  StuckSink s(test::make<test::CountingSrc>("src"), make_queue(0, 250, 0), 100);
  // 0 rendered, 1 waiting in the sink, 2..4 queued (300 bytes >= 250), 5 held.
  s.play_until_held(6);
  CHECK(s.src->created.get() == 6);
  CHECK(s.queue->get<std::uint64_t>("current-level-bytes") == 300);
  CHECK(s.queue->get<std::uint64_t>("current-level-buffers") == 3);
}

TEST_CASE("max-size-time holds upstream once the queued durations reach it", "[queue]") {
  StuckSink s(test::make<test::CountingSrc>("src"), make_queue(0, 0, 2 * kSecond), 0);
  // 0 rendered, 1 waiting, 2..3 queued (2 s), 4 held.
  s.play_until_held(5);
  CHECK(s.src->created.get() == 5);
  CHECK(s.queue->get<std::uint64_t>("current-level-time") == 2 * kSecond);
}

TEST_CASE("a full queue with leaky=upstream drops the new buffers and counts them",
          "[queue][leaky]") {
  auto src = test::make<test::CountingSrc>("src");
  src->set("num-buffers", 10);
  StuckSink s(src, make_queue(2, 0, 0, "upstream"), 0);
  s.pipeline->set_state(State::Playing);
  REQUIRE(s.clock->wait_for_pending(1));
  // The source is never held: all 10 go in, 4..9 find the queue full.
  REQUIRE(src->created.wait_until([](std::uint64_t n) { return n >= 10; }));
  s.clock->set_time(s.pipeline->base_time() + 100 * kSecond);  // let everything render
  auto msg = test::wait_eos_or_error(*s.pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  // How many fit, and when the queue had room again, depends on how fast
  // the sink answered its first events and its preroll (the scheduler's
  // order): what is kept is in order, starts with the oldest, and every
  // buffer is counted.
  std::vector<std::uint64_t> offsets;
  for (const Buffer& b : s.rendered->get().buffers) offsets.push_back(b.offset);
  REQUIRE(offsets.size() >= 2);
  CHECK(offsets[0] == 0);
  CHECK(offsets[1] == 1);
  for (std::size_t i = 1; i < offsets.size(); ++i) CHECK(offsets[i] > offsets[i - 1]);
  CHECK(s.queue->get<std::uint64_t>("dropped") == 10 - offsets.size());
}

TEST_CASE("a full queue with leaky=downstream drops the oldest buffers", "[queue][leaky]") {
  auto src = test::make<test::CountingSrc>("src");
  src->set("num-buffers", 10);
  StuckSink s(src, make_queue(2, 0, 0, "downstream"), 0);
  s.pipeline->set_state(State::Playing);
  REQUIRE(s.clock->wait_for_pending(1));
  REQUIRE(src->created.wait_until([](std::uint64_t n) { return n >= 10; }));
  s.clock->set_time(s.pipeline->base_time() + 100 * kSecond);
  auto msg = test::wait_eos_or_error(*s.pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  // The newest are kept (the last rendered are 8 and 9; how many older ones
  // made it depends on how fast the sink answered its first events), every
  // gap is marked DISCONT, and every buffer is counted.
  auto buffers = s.rendered->get().buffers;
  REQUIRE(buffers.size() >= 2);
  CHECK(buffers[buffers.size() - 2].offset == 8);
  CHECK(buffers.back().offset == 9);
  std::uint64_t expected = 0;
  for (const Buffer& b : buffers) {
    CHECK(b.offset >= expected);
    if (b.offset != expected) CHECK(b.has_flag(BufferFlags::Discont));
    expected = b.offset + 1;
  }
  CHECK(s.queue->get<std::uint64_t>("dropped") == 10 - buffers.size());
}

TEST_CASE("overrun fires when the queue fills and underrun when it empties", "[queue]") {
  auto queue = std::make_shared<Queue>("q");
  queue->set("max-size-buffers", 2);
  queue->set("max-size-time", 0);
  test::Watched<int> overruns, underruns;
  queue->set_overrun_callback([&](const Queue&) { overruns.update([](int& n) { ++n; }); });
  queue->set_underrun_callback([&](const Queue&) { underruns.update([](int& n) { ++n; }); });
  auto src = test::make<test::CountingSrc>("src");
  src->set("num-buffers", 5);
  StuckSink s(src, queue, 0);
  s.pipeline->set_state(State::Playing);
  REQUIRE(overruns.wait_until([](int n) { return n >= 1; }));
  REQUIRE(s.clock->wait_for_pending(1));  // PLAYING: the base time is set
  s.clock->set_time(s.pipeline->base_time() + 100 * kSecond);
  REQUIRE(test::wait_eos_or_error(*s.pipeline));
  CHECK(underruns.wait_until([](int n) { return n >= 1; }));
}

// ---- min-threshold-* ---------------------------------------------------------

namespace {
// A queue that lets the test watch the level it reports after each change
// (after it sent what it may: a level of n means n buffers are held).
class WatchedQueue : public Queue {
 public:
  using Queue::Queue;
  void staging_changed(const StagingLevel& level, std::uint64_t dropped) override {
    Queue::staging_changed(level, dropped);
    held.update([&](std::uint64_t& n) { n = level.buffers; });
  }
  test::Watched<std::uint64_t> held;
};

Buffer numbered(std::uint64_t n, ClockTime duration = kClockTimeNone, std::size_t size = 8) {
  Buffer b(size);
  b.offset = n;
  b.duration = duration;
  return b;
}

// appsrc -> queue -> fakesink sync=false; the app pushes one buffer at a time.
struct ThresholdPipeline {
  explicit ThresholdPipeline(std::shared_ptr<WatchedQueue> q)
      : src(test::make<AppSrc>("src")),
        queue(std::move(q)),
        sink(test::make<FakeSink>("sink")),
        rendered(test::record_renders(*sink)) {
    sink->set("sync", false);
    pipeline.add_many(src, queue, sink);
    pipeline.link_many({src, queue, sink});
  }
  bool rendered_n(std::size_t n) const {
    return rendered->wait_until([n](const test::Rendered& r) { return r.buffers.size() >= n; });
  }
  bool held(std::uint64_t n) const {
    return queue->held.wait_until([n](std::uint64_t v) { return v == n; });
  }
  std::vector<std::uint64_t> offsets() const {
    std::vector<std::uint64_t> out;
    for (const Buffer& b : rendered->get().buffers) out.push_back(b.offset);
    return out;
  }
  Pipeline pipeline{"p"};
  std::shared_ptr<AppSrc> src;
  std::shared_ptr<WatchedQueue> queue;
  std::shared_ptr<FakeSink> sink;
  std::shared_ptr<test::Watched<test::Rendered>> rendered;
};
}  // namespace

TEST_CASE("with min-threshold-buffers=5 nothing reaches the sink until 5 buffers are queued",
          "[queue][threshold]") {
  auto queue = std::make_shared<WatchedQueue>("q");
  queue->set("min-threshold-buffers", 5);
  ThresholdPipeline p(queue);
  p.pipeline.set_state(State::Playing);

  for (std::uint64_t i = 0; i < 4; ++i)
    REQUIRE(p.src->push_buffer(numbered(i)) == AppSrc::Push::Queued);
  // The queue reports its level after sending what it may: 4 held, none sent.
  REQUIRE(p.held(4));
  CHECK(test::rendered_count(*p.rendered) == 0);

  // The 5th reaches the threshold: one goes out, the queue keeps 4 again.
  REQUIRE(p.src->push_buffer(numbered(4)) == AppSrc::Push::Queued);
  REQUIRE(p.rendered_n(1));
  REQUIRE(p.held(4));
  REQUIRE(p.src->push_buffer(numbered(5)) == AppSrc::Push::Queued);
  REQUIRE(p.rendered_n(2));
  CHECK(p.offsets() == std::vector<std::uint64_t>{0, 1});
  REQUIRE(p.held(4));
  CHECK(p.queue->get<std::uint64_t>("current-level-buffers") == 4);

  // EOS lets the partial batch out: all six, in order, then EOS on the bus.
  p.src->end_of_stream();
  auto msg = test::wait_eos_or_error(p.pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(p.offsets() == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5});
  CHECK(p.queue->get<std::uint64_t>("current-level-buffers") == 0);
}

TEST_CASE("EOS releases a batch below min-threshold-buffers, and a restart holds again",
          "[queue][threshold]") {
  auto queue = std::make_shared<WatchedQueue>("q");
  queue->set("min-threshold-buffers", 100);
  ThresholdPipeline p(queue);
  for (int round = 0; round < 2; ++round) {
    INFO("round " << round);
    p.rendered->update([](test::Rendered& r) { r.buffers.clear(); });
    p.pipeline.set_state(State::Playing);
    for (std::uint64_t i = 0; i < 7; ++i)
      REQUIRE(p.src->push_buffer(numbered(i)) == AppSrc::Push::Queued);
    REQUIRE(p.held(7));
    CHECK(test::rendered_count(*p.rendered) == 0);
    p.src->end_of_stream();
    auto msg = test::wait_eos_or_error(p.pipeline);
    REQUIRE(msg);
    CHECK(msg->type == MessageType::Eos);
    CHECK(p.offsets() == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5, 6});
    // READY flushes the queue: the thresholds EOS cleared are back.
    p.pipeline.set_state(State::Ready);
  }
}

TEST_CASE("min-threshold-bytes and -time hold until every set threshold is reached",
          "[queue][threshold]") {
  auto queue = std::make_shared<WatchedQueue>("q");
  queue->set("min-threshold-bytes", 300);         // 3 buffers of 100 bytes
  queue->set("min-threshold-time", 5 * kSecond);  // 5 buffers of 1 s
  queue->set("max-size-time", 0);                 // the default (1 s) would count as full
  ThresholdPipeline p(queue);
  p.pipeline.set_state(State::Playing);
  for (std::uint64_t i = 0; i < 5; ++i)
    REQUIRE(p.src->push_buffer(numbered(i, kSecond, 100)) == AppSrc::Push::Queued);
  // The 5th makes 500 bytes and 5 s: both thresholds reached, one goes out.
  REQUIRE(p.rendered_n(1));
  REQUIRE(p.held(4));  // 4 s left, below the time threshold again
  CHECK(p.offsets() == std::vector<std::uint64_t>{0});
  CHECK(p.queue->get<std::uint64_t>("current-level-time") == 4 * kSecond);
  p.src->end_of_stream();
  REQUIRE(test::wait_eos_or_error(p.pipeline));
  CHECK(p.offsets() == std::vector<std::uint64_t>{0, 1, 2, 3, 4});
}

TEST_CASE("a full queue lets buffers out even below its min threshold", "[queue][threshold]") {
  auto queue = std::make_shared<WatchedQueue>("q");
  queue->set("min-threshold-buffers", 10);
  queue->set("max-size-buffers", 3);  // full before the threshold is ever reached
  ThresholdPipeline p(queue);
  p.pipeline.set_state(State::Playing);
  for (std::uint64_t i = 0; i < 3; ++i)
    REQUIRE(p.src->push_buffer(numbered(i)) == AppSrc::Push::Queued);
  REQUIRE(p.rendered_n(1));
  CHECK(p.offsets().front() == 0);
  p.src->end_of_stream();
  REQUIRE(test::wait_eos_or_error(p.pipeline));
  CHECK(p.offsets() == std::vector<std::uint64_t>{0, 1, 2});
}

TEST_CASE("flush-on-eos drops what the queue holds and passes EOS at once", "[queue][threshold]") {
  auto queue = std::make_shared<WatchedQueue>("q");
  queue->set("min-threshold-buffers", 100);
  queue->set("flush-on-eos", true);
  ThresholdPipeline p(queue);
  p.pipeline.set_state(State::Playing);
  for (std::uint64_t i = 0; i < 5; ++i)
    REQUIRE(p.src->push_buffer(numbered(i)) == AppSrc::Push::Queued);
  REQUIRE(p.held(5));
  p.src->end_of_stream();
  auto msg = test::wait_eos_or_error(p.pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(test::rendered_count(*p.rendered) == 0);
}

TEST_CASE("min-threshold-time adds to the minimum latency", "[queue][threshold][latency]") {
  auto cam = make_element("livesrc", "cam");
  cam->set("framerate", "10/1");
  auto queue = make_element("queue", "q");
  queue->set("min-threshold-time", 200 * kMillisecond);
  test::ClockedPipeline s({cam, queue});
  s.pipeline->set_state(State::Paused);
  bool live = false;
  ClockTime min = 0, max = 0;
  REQUIRE(s.pipeline->query_latency(&live, &min, &max));
  CHECK(live);
  CHECK(min == 300 * kMillisecond);  // one frame + the threshold
  CHECK(max == 100 * kMillisecond + kSecond);
}
