// Caps negotiation as GStreamer does it: a CAPS query from the source, the
// CAPS event before the first buffer, capsfilter, link-time format checks and
// NOT_NEGOTIATED with an ERROR that names both pads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "elements/fakesink.hpp"
#include "elements/fakesrc.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"
#include "tests/test_util.hpp"

using namespace gstmini;

namespace {

// A fakesink that records the events it receives and the caps of its sink
// pad at every render.
class RecordingSink : public FakeSink {
 public:
  explicit RecordingSink(std::string name) : FakeSink(std::move(name)) {
    set_handoff([this](const Buffer& buffer, const FakeSink& sink) {
      const std::string caps = sink.current_caps(*sink.first_pad(PadDirection::Sink)).to_string();
      seen.update([&](Seen& s) {
        s.buffers.push_back(buffer);
        s.caps.push_back(caps);
        s.events.emplace_back("buffer");
      });
    });
  }
  void on_event(const Event& event) override {
    seen.update([&](Seen& s) { s.events.emplace_back(to_string(event.type())); });
    FakeSink::on_event(event);
  }
  bool rendered(std::size_t n) const {
    return seen.wait_until([n](const Seen& s) { return s.buffers.size() >= n; });
  }
  struct Seen {
    std::vector<Buffer> buffers;
    std::vector<std::string> caps;  // the pad's caps at each render
    std::vector<std::string> events;
  };
  test::Watched<Seen> seen;
};

// A fakesrc that pushes CAPS of its own choosing before its first buffer,
// without asking downstream (as appsrc with its caps property does).
class CapsPushingSrc : public FakeSrc {
 public:
  CapsPushingSrc(std::string name, Caps caps) : FakeSrc(std::move(name)), caps_(std::move(caps)) {}

 protected:
  FlowReturn fill(Output& out) override {
    if (!sent_) out.push_event(Event::caps(caps_));
    sent_ = true;
    return FakeSrc::fill(out);
  }

 private:
  Caps caps_;
  bool sent_ = false;
};

ElementPtr capsfilter(const std::string& name, const std::string& caps) {
  ElementPtr filter = make_element("capsfilter", name);
  filter->set("caps", caps);
  return filter;
}

// A pipeline on a TestClock; the live source captures frame 0 at once.
struct LivePipeline {
  LivePipeline() : clock(std::make_shared<TestClock>(0)) {
    PipelineOptions options;
    options.clock = clock;
    pipeline = std::make_unique<Pipeline>("p", options);
  }
  std::shared_ptr<TestClock> clock;
  std::unique_ptr<Pipeline> pipeline;
};

std::optional<Message> first_error(Pipeline& pipeline) {
  return pipeline.bus().timed_pop_filtered(10 * kSecond, MessageType::Error);
}

// `src` (named "src") ! capsfilter "filter" ! RecordingSink "sink", PLAYING.
struct FilteredRun {
  FilteredRun(ElementPtr source, const std::string& caps)
      : pipeline("p"),
        src(std::move(source)),
        filter(capsfilter("filter", caps)),
        sink(test::make<RecordingSink>("sink")) {
    pipeline.add_many(src, filter, sink);
    pipeline.link_many({src, filter, sink});
    pipeline.set_state(State::Playing);
  }
  ~FilteredRun() { pipeline.set_state(State::Null); }
  // After the not-negotiated ERROR: the source stops as basesrc does.
  void check_source_stopped() {
    auto stopped = first_error(pipeline);
    REQUIRE(stopped);
    CHECK(stopped->source == "src");
    CHECK(stopped->text == "Internal data stream error.");
    CHECK(stopped->debug == "streaming stopped, reason not-negotiated (-4)");
    CHECK(sink->seen.get().buffers.empty());
  }
  Pipeline pipeline;
  ElementPtr src;
  ElementPtr filter;
  std::shared_ptr<RecordingSink> sink;
};

ElementPtr fakesrc(std::int64_t num_buffers) {
  ElementPtr src = make_element("fakesrc", "src");
  src->set("num-buffers", num_buffers);
  return src;
}

}  // namespace

TEST_CASE("a live source negotiates and sends stream-start, caps, segment before data",
          "[negotiation]") {
  LivePipeline p;
  auto cam = make_element("livesrc", "cam");
  auto sink = test::make<RecordingSink>("sink");
  p.pipeline->add_many(cam, sink);
  p.pipeline->link(cam, sink);
  p.pipeline->set_state(State::Playing);
  REQUIRE(sink->rendered(1));
  auto seen = sink->seen.get();
  // The sink accepts anything: the source picks its preferred format.
  const std::string expected =
      "video/x-raw, format=(string)RGB, width=(int)320, height=(int)240, "
      "framerate=(fraction)30/1";
  CHECK(seen.caps.at(0) == expected);
  CHECK(seen.buffers.at(0).size() == 320u * 240u * 3u);
  CHECK(seen.events == std::vector<std::string>{"stream-start", "caps", "segment", "buffer"});
  CHECK(cam->current_caps(*cam->first_pad(PadDirection::Src)).to_string() == expected);
  p.pipeline->set_state(State::Null);
  // Pads forget their caps when they deactivate.
  CHECK(cam->current_caps(*cam->first_pad(PadDirection::Src)).is_empty());
}

TEST_CASE("a capsfilter makes the live source produce the format it asks for", "[negotiation]") {
  LivePipeline p;
  auto cam = make_element("livesrc", "cam");
  auto filter = capsfilter("filter", "video/x-raw,format=I420,width=640,height=480,framerate=15/1");
  auto sink = test::make<RecordingSink>("sink");
  p.pipeline->add_many(cam, filter, sink);
  p.pipeline->link_many({cam, filter, sink});
  p.pipeline->set_state(State::Playing);
  REQUIRE(sink->rendered(1));
  auto seen = sink->seen.get();
  CHECK(seen.caps.at(0) ==
        "video/x-raw, format=(string)I420, width=(int)640, height=(int)480, "
        "framerate=(fraction)15/1");
  CHECK(seen.buffers.at(0).size() == 640u * 480u * 3u / 2u);
  CHECK(seen.buffers.at(0).duration == kSecond / 15);
  // Frame 1 is captured 1/15 s later: the negotiated rate drives the camera.
  REQUIRE(p.clock->wait_for_pending(1));
  CHECK(p.clock->next_pending_time() == p.pipeline->base_time() + kSecond / 15);
  p.pipeline->set_state(State::Null);
}

TEST_CASE("a range in a capsfilter is fixated nearest to the source's preference",
          "[negotiation]") {
  LivePipeline p;
  auto cam = make_element("livesrc", "cam");
  cam->set("framerate", "25/1");
  auto filter = capsfilter("filter", "video/x-raw,width=[400,800],format={GRAY8,RGB}");
  auto sink = test::make<RecordingSink>("sink");
  p.pipeline->add_many(cam, filter, sink);
  p.pipeline->link_many({cam, filter, sink});
  p.pipeline->set_state(State::Playing);
  REQUIRE(sink->rendered(1));
  // width nearest 320 within [400, 800]; the filter's first format; the
  // framerate property. The filter's fields lead, as in GStreamer.
  CHECK(sink->seen.get().caps.at(0) ==
        "video/x-raw, width=(int)400, format=(string)GRAY8, height=(int)240, "
        "framerate=(fraction)25/1");
  p.pipeline->set_state(State::Null);
}

TEST_CASE("a tee negotiates one format every branch accepts", "[negotiation]") {
  LivePipeline p;
  auto cam = make_element("livesrc", "cam");
  auto tee = make_element("tee", "t");
  auto q1 = make_element("queue", "q1");
  auto q2 = make_element("queue", "q2");
  auto filter = capsfilter("filter", "video/x-raw,width=100");
  auto sink1 = test::make<RecordingSink>("sink1");
  auto sink2 = test::make<RecordingSink>("sink2");
  p.pipeline->add_many(cam, tee, q1, q2, filter, sink1, sink2);
  p.pipeline->link(cam, tee);
  p.pipeline->link_many({tee, q1, sink1});
  p.pipeline->link_many({tee, q2, filter, sink2});
  p.pipeline->set_state(State::Playing);
  REQUIRE(sink1->rendered(1));
  REQUIRE(sink2->rendered(1));
  // Branches combine in pad order: src_0's answer (the source's own field
  // order) leads.
  const std::string expected =
      "video/x-raw, format=(string)RGB, width=(int)100, height=(int)240, "
      "framerate=(fraction)30/1";
  CHECK(sink1->seen.get().caps.at(0) == expected);
  CHECK(sink2->seen.get().caps.at(0) == expected);
  p.pipeline->set_state(State::Null);
}

TEST_CASE("branches that want different formats fail negotiation, naming both pads",
          "[negotiation]") {
  LivePipeline p;
  auto cam = make_element("livesrc", "cam");
  auto tee = make_element("tee", "t");
  auto rgb = capsfilter("rgb", "video/x-raw,format=RGB");
  auto i420 = capsfilter("i420", "video/x-raw,format=I420");
  auto sink1 = test::make<RecordingSink>("sink1");
  auto sink2 = test::make<RecordingSink>("sink2");
  p.pipeline->add_many(cam, tee, rgb, i420, sink1, sink2);
  p.pipeline->link(cam, tee);
  p.pipeline->link_many({tee, rgb, sink1});
  p.pipeline->link_many({tee, i420, sink2});
  p.pipeline->set_state(State::Playing);
  auto error = first_error(*p.pipeline);
  REQUIRE(error);
  CHECK(error->source == "cam");
  CHECK(error->text == "not-negotiated: cam:src and t:sink have no format in common");
  CHECK(error->debug.find("cam:src produces video/x-raw") != std::string::npos);
  CHECK(error->debug.find("t:sink accepts EMPTY") != std::string::npos);
  // Then the source stops like basesrc: "Internal data stream error".
  auto stopped = first_error(*p.pipeline);
  REQUIRE(stopped);
  CHECK(stopped->text == "Internal data stream error.");
  CHECK(stopped->debug == "streaming stopped, reason not-negotiated (-4)");
  CHECK(sink1->seen.get().buffers.empty());
  p.pipeline->set_state(State::Null);
}

TEST_CASE("linking pads with no common format fails and names both formats", "[negotiation]") {
  Pipeline pipeline("p");
  auto cam = make_element("livesrc", "cam");
  auto filter = capsfilter("filter", "audio/x-raw");
  pipeline.add_many(cam, filter);
  try {
    pipeline.link(cam, filter);
    FAIL("linked");
  } catch (const LinkError& e) {
    const std::string what = e.what();
    CHECK(what.rfind("could not link cam to filter: pads have no common format (cam:src produces "
                     "video/x-raw, format=(string){ RGB, RGBA, I420, GRAY8 }",
                     0) == 0);
    CHECK(what.find("; filter:sink accepts audio/x-raw)") != std::string::npos);
  }
  CHECK(pipeline.links().empty());
}

TEST_CASE("data without caps through a capsfilter that is not fixed is NOT_NEGOTIATED",
          "[negotiation]") {
  FilteredRun run(fakesrc(3), "video/x-raw,width=[1,100]");
  auto error = first_error(run.pipeline);
  REQUIRE(error);
  CHECK(error->source == "filter");
  CHECK(error->text == "not-negotiated: src:src and filter:sink could not agree on a format");
  CHECK(error->debug ==
        "no caps arrived from upstream and the filter caps video/x-raw, width=(int)[ 1, 100 ] "
        "do not completely specify the output format");
  run.check_source_stopped();
}

TEST_CASE("fixed filter caps are pushed ahead of data that came without caps", "[negotiation]") {
  FilteredRun run(fakesrc(3), "video/x-raw,width=100");
  auto end = test::wait_eos_or_error(run.pipeline);
  REQUIRE(end);
  CHECK(end->type == MessageType::Eos);
  auto seen = run.sink->seen.get();
  REQUIRE(seen.buffers.size() == 3);
  CHECK(seen.caps.at(0) == "video/x-raw, width=(int)100");
  CHECK(seen.events == std::vector<std::string>{"stream-start", "caps", "segment", "buffer",
                                                "buffer", "buffer", "eos"});
}

TEST_CASE("caps a pad refuses make every push NOT_NEGOTIATED, with an ERROR naming both pads",
          "[negotiation]") {
  auto src = std::make_shared<CapsPushingSrc>("src", Caps::from_string("audio/x-raw,rate=8000"));
  src->set("num-buffers", 5);
  FilteredRun run(src, "video/x-raw");
  auto error = first_error(run.pipeline);
  REQUIRE(error);
  CHECK(error->source == "filter");
  CHECK(error->text == "not-negotiated: src:src and filter:sink could not agree on a format");
  CHECK(error->debug ==
        "src:src pushed caps audio/x-raw, rate=(int)8000 but filter:sink accepts video/x-raw");
  run.check_source_stopped();
  CHECK(run.filter->current_caps(*run.filter->find_pad("sink")).is_empty());
}

TEST_CASE("ACCEPT_CAPS and CAPS queries answer from the pad's caps", "[negotiation]") {
  auto filter = capsfilter("filter", "video/x-raw,width=[1,100]");
  const Pad& sink_pad = *filter->find_pad("sink");
  Query accept = Query::accept_caps(Caps::from_string("video/x-raw,width=50"));
  CHECK(filter->query(sink_pad, accept) == QueryResult::Handled);
  CHECK(accept.accepted);
  Query refuse = Query::accept_caps(Caps::from_string("video/x-raw,width=200"));
  CHECK(filter->query(sink_pad, refuse) == QueryResult::Handled);
  CHECK_FALSE(refuse.accepted);
  CHECK(filter->pad_caps(sink_pad).to_string() == "video/x-raw, width=(int)[ 1, 100 ]");
  // A CAPS query is forwarded (proxy caps): the actor narrows the answer.
  Query caps = Query::caps_query(Caps::any());
  CHECK(filter->query(sink_pad, caps) == QueryResult::Forward);
}

TEST_CASE("a capsfilter's caps property refuses malformed caps, saying where", "[negotiation]") {
  auto filter = make_element("capsfilter", "filter");
  try {
    filter->set("caps", "video/x-raw,width=");
    FAIL("accepted");
  } catch (const PropertyError& e) {
    CHECK(std::string(e.what()) ==
          "property 'caps' of filter expects Caps, got 'video/x-raw,width=': expected a value "
          "(at position 18)");
  }
  filter->set_property_from_string("caps", "video/x-raw,width=(int)[1,2]");
  CHECK(filter->get<std::string>("caps") == "video/x-raw, width=(int)[ 1, 2 ]");
}

TEST_CASE("a branch linked while PLAYING gets the sticky caps before its first buffer",
          "[negotiation]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto filter = capsfilter("filter", "video/x-raw,width=100");
  auto tee = make_element("tee", "t");
  auto sink1 = test::make<RecordingSink>("sink1");
  pipeline.add_many(src, filter, tee, sink1);
  pipeline.link_many({src, filter, tee, sink1});
  pipeline.set_state(State::Playing);
  // set_state returns before the walk reaches the source: wait for PLAYING,
  // or the new branch would be synced to PAUSED.
  State state = State::Null, pending = State::Null;
  REQUIRE(pipeline.get_state(&state, &pending, 10 * kSecond) == StateChangeReturn::Success);
  REQUIRE(state == State::Playing);
  REQUIRE(sink1->rendered(5));
  auto queue = make_element("queue", "q");
  auto sink2 = test::make<RecordingSink>("sink2");
  pipeline.add_many(queue, sink2);
  pipeline.link_many({queue, sink2});
  pipeline.sync_state_with_parent(sink2);
  pipeline.sync_state_with_parent(queue);
  pipeline.link(tee, queue);
  REQUIRE(sink2->rendered(1));
  auto seen = sink2->seen.get();
  CHECK(seen.caps.at(0) == "video/x-raw, width=(int)100");
  REQUIRE(seen.events.size() >= 4);
  CHECK(std::vector<std::string>(seen.events.begin(), seen.events.begin() + 4) ==
        std::vector<std::string>{"stream-start", "caps", "segment", "buffer"});
  pipeline.set_state(State::Null);
}

TEST_CASE("with a deep-notify watch, negotiated caps are posted as PROPERTY_NOTIFY",
          "[negotiation]") {
  Pipeline pipeline("p");
  pipeline.add_property_deep_notify_watch();
  auto src = make_element("fakesrc", "src");
  src->set("num-buffers", 1);
  auto filter = capsfilter("filter", "video/x-raw,width=100");
  auto sink = make_element("fakesink", "sink");
  sink->set("silent", false);
  pipeline.add_many(src, filter, sink);
  pipeline.link_many({src, filter, sink});
  pipeline.set_state(State::Playing);
  std::vector<std::string> notes;
  while (auto msg = pipeline.bus().timed_pop_filtered(
             10 * kSecond, MessageType::PropertyNotify | MessageType::Eos | MessageType::Error)) {
    if (msg->type != MessageType::PropertyNotify) break;
    notes.push_back(describe(*msg));
  }
  pipeline.set_state(State::Null);
  std::vector<std::string> caps_notes;
  for (const std::string& note : notes)
    if (note.find(": caps = ") != std::string::npos) caps_notes.push_back(note);
  const std::string caps = "caps = video/x-raw, width=(int)100";
  CHECK(caps_notes == std::vector<std::string>{"filter.src: " + caps, "sink.sink: " + caps});
  // GStreamer's fakesink text: the event's type number and structure, then its address.
  const std::string caps_event =
      "sink: last-message = event   ******* (sink:sink) E (type: caps (12814), GstEventCaps, "
      "caps=(GstCaps)\"video/x-raw, width=(int)100\";) 0x";
  CHECK(std::any_of(notes.begin(), notes.end(), [&](const std::string& note) {
    return note.compare(0, caps_event.size(), caps_event) == 0;
  }));
}
