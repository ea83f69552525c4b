// Events: serialized ones keep their place among buffers; FLUSH_START
// overtakes and empties; a flushing SEEK restarts running time; upstream
// events travel to the source; EOS can be sent by the application.
#include <catch2/catch.hpp>

#include <mutex>

#include "elements/identity.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {

// fakesrc (1 s buffers) [-> queue max-size-buffers=3] -> synced sink.
struct SeekSetup : test::ClockedPipeline {
  explicit SeekSetup(bool with_queue = false) : ClockedPipeline(chain(with_queue)) {}
  static std::vector<ElementPtr> chain(bool with_queue) {
    std::vector<ElementPtr> elements{test::timed_fakesrc()};
    if (with_queue) {
      elements.push_back(make_element("queue", "q"));
      elements.back()->set("max-size-buffers", 3);
    }
    return elements;
  }
  ElementPtr src() const { return pipeline->get_by_name("src"); }
  // Plays until buffer 0 rendered and the sink waits for buffer 1.
  void play() {
    pipeline->set_state(State::Playing);
    REQUIRE(rendered_n(1));
    REQUIRE(clock->wait_for_pending(1));
  }
};

// A source that pushes a custom event after every buffer.
struct ChattySrc : FakeSrc {
  using FakeSrc::FakeSrc;
  FlowReturn fill(Output& out) override {
    FlowReturn ret = FakeSrc::fill(out);
    out.push_event(
        Event::custom_downstream(Structure("marker").set("n", to_value(buffers_produced()))));
    return ret;
  }
};

// A sink that records buffers and custom events in arrival order.
struct OrderSink : FakeSink {
  using FakeSink::FakeSink;
  std::mutex mutex;
  std::vector<std::string> seen;
  FlowReturn render(const Buffer& b) override {
    std::lock_guard<std::mutex> lock(mutex);
    seen.push_back("buffer " + std::to_string(b.offset));
    return FlowReturn::Ok;
  }
  void on_event(const Event& e) override {
    if (e.type() != EventType::CustomDownstream) return;
    std::lock_guard<std::mutex> lock(mutex);
    seen.push_back("marker " + to_string(*e.structure().get("n")));
  }
};

// An element that notes the upstream events crossing it.
struct UpstreamWatcher : Identity {
  using Identity::Identity;
  bool handle = false;
  std::vector<EventType> seen;
  bool src_event(const Pad& pad, Event event, Output& out) override {
    seen.push_back(event.type());
    if (handle) return true;
    return Identity::src_event(pad, std::move(event), out);
  }
};

}  // namespace

TEST_CASE("a flushing seek unblocks the waiting sink and renders the new position at once",
          "[event][seek]") {
  SeekSetup s;
  s.play();
  REQUIRE(s.pipeline->seek_simple(SeekFlags::Flush, 10 * kSecond));
  REQUIRE(s.rendered_n(2));
  CHECK(s.pts(1) == 10 * kSecond);  // buffer 1 (pts 1 s) was flushed, never rendered
  CHECK(s.pipeline->base_time() == s.clock->now());  // running time restarted
}

TEST_CASE("a seek with rate 2 renders twice as fast", "[event][seek]") {
  SeekSetup s;
  s.play();
  REQUIRE(s.pipeline->seek(2.0, SeekFlags::Flush, SeekType::Set, 10 * kSecond));
  REQUIRE(s.rendered_n(2));
  const ClockTime base = s.pipeline->base_time();
  REQUIRE(s.clock->wait_for_pending(1));
  CHECK(s.clock->next_pending_time() == base + 500 * kMillisecond);  // pts 11 s
  s.clock->set_time(base + 500 * kMillisecond);
  REQUIRE(s.rendered_n(3));
  CHECK(s.pts(2) == 11 * kSecond);
  REQUIRE(s.clock->wait_for_pending(1));
  CHECK(s.clock->next_pending_time() == base + kSecond);  // pts 12 s
}

TEST_CASE("a seek with a stop ends the stream with EOS there", "[event][seek]") {
  SeekSetup s;
  s.play();
  REQUIRE(s.pipeline->seek(1.0, SeekFlags::Flush, SeekType::Set, 18 * kSecond, SeekType::Set,
                           20 * kSecond));
  REQUIRE(s.rendered_n(2));
  const ClockTime base = s.pipeline->base_time();
  s.clock->set_time(base + kSecond);
  REQUIRE(s.rendered_n(3));
  CHECK(s.pts(2) == 19 * kSecond);
  REQUIRE(s.clock->wait_for_pending(1));  // EOS waits for the end of buffer 19
  s.clock->set_time(base + 2 * kSecond);
  auto msg = test::wait_eos_or_error(*s.pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(test::rendered_count(*s.rendered) == 3);
}

TEST_CASE("a flush empties a full queue: nothing from before the seek is rendered",
          "[event][seek][queue]") {
  SeekSetup s(true);
  s.play();  // the queue fills behind the waiting sink
  REQUIRE(s.pipeline->seek_simple(SeekFlags::Flush, 30 * kSecond));
  REQUIRE(s.rendered_n(2));
  CHECK(s.pts(1) == 30 * kSecond);
  const ClockTime base = s.pipeline->base_time();
  s.clock->set_time(base + kSecond);
  REQUIRE(s.rendered_n(3));
  CHECK(s.pts(2) == 31 * kSecond);
}

TEST_CASE("a source that cannot seek refuses and the pipeline keeps running", "[event][seek]") {
  SeekSetup s;
  s.src()->set("buffer-duration", 0);  // untimestamped: not seekable
  s.sink->set("sync", false);
  s.src()->set("num-buffers", 50);
  s.pipeline->set_state(State::Playing);
  CHECK_FALSE(s.pipeline->seek_simple(SeekFlags::Flush, 10 * kSecond));
  auto msg = test::wait_eos_or_error(*s.pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(test::rendered_count(*s.rendered) == 50);
}

TEST_CASE("serialized events never overtake buffers, even with a wide window", "[event]") {
  PipelineOptions options;
  options.window = 16;
  Pipeline pipeline("p", options);
  auto src = test::make<ChattySrc>("src");
  auto mid = make_element("identity", "mid");
  auto sink = test::make<OrderSink>("sink");
  src->set("num-buffers", 200);
  auto msg = test::play_until_end(pipeline, {src, mid, sink});
  REQUIRE(msg);
  REQUIRE(msg->type == MessageType::Eos);
  std::lock_guard<std::mutex> lock(sink->mutex);
  REQUIRE(sink->seen.size() == 400);
  for (std::size_t i = 0; i < 200; ++i) {
    CHECK(sink->seen[2 * i] == "buffer " + std::to_string(i));
    CHECK(sink->seen[2 * i + 1] == "marker " + std::to_string(i + 1));
  }
}

TEST_CASE("an upstream event crosses every element on its way to the source", "[event]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto watcher = test::make<UpstreamWatcher>("watch");
  auto sink = make_element("fakesink", "sink");
  pipeline.add_many(src, watcher, sink);
  pipeline.link_many({src, watcher, sink});
  pipeline.set_state(State::Paused);
  // Nobody handles it: fakesrc is the end of the road.
  CHECK_FALSE(pipeline.send_event(Event::custom_upstream(Structure("ping"))));
  pipeline.set_state(State::Null);
  REQUIRE(watcher->seen.size() == 1);
  CHECK(watcher->seen[0] == EventType::CustomUpstream);
  watcher->handle = true;
  pipeline.set_state(State::Paused);
  CHECK(pipeline.send_event(Event::custom_upstream(Structure("ping"))));
}

TEST_CASE("EOS sent by the application ends a live stream cleanly", "[event][live]") {
  Pipeline pipeline("p");
  auto src = make_element("livesrc", "cam");
  auto sink = test::make<FakeSink>("sink");
  auto rendered = test::record_renders(*sink);
  src->set("framerate", "100/1");
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  pipeline.set_state(State::Playing);
  REQUIRE(rendered->wait_until([](const test::Rendered& r) { return !r.buffers.empty(); }));
  CHECK(pipeline.send_event(Event::eos()));
  auto msg = test::wait_eos_or_error(pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
}
