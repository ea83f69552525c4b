// FlowReturn travels back upstream and stops the source's loop, as in
// GStreamer's basesrc: EOS ends the stream, fatal flows post an ERROR.
#include <catch2/catch.hpp>

#include "test_util.hpp"

using namespace gstmini;

namespace {
struct FailingSink : FakeSink {
  using FakeSink::FakeSink;
  int seen = 0;
  FlowReturn render(const Buffer&) override {
    return ++seen == 3 ? FlowReturn::Error : FlowReturn::Ok;
  }
};

// Plays a counting source into a sink that answers EOS from its sixth
// buffer on; returns how many buffers the source created.
std::uint64_t created_until_sink_eos(const PipelineOptions& options) {
  Pipeline pipeline("p", options);
  auto src = test::make<test::CountingSrc>("src");
  auto sink = test::make<FakeSink>("sink");
  sink->set("num-buffers", 5);
  auto msg = test::play_until_end(pipeline, {src, sink});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  pipeline.set_state(State::Null);
  CHECK(sink->get<std::uint64_t>("rendered") == 5);
  return src->created.get();
}
}  // namespace

TEST_CASE("EOS returned by the sink stops the source after the current buffer", "[flow]") {
  PipelineOptions options;
  options.strict = true;  // lock-step: GStreamer's exact call stack
  // Lock-step: nothing was created after the EOS answer.
  CHECK(created_until_sink_eos(options) == 6);
}

TEST_CASE("with credit a sync=false sink's EOS stops the source within the credit", "[flow]") {
  // The sink granted up to kMaxCredit unanswered buffers: the source learns
  // the EOS with a later answer, as a pusher into a GStreamer queue would.
  const std::uint64_t created = created_until_sink_eos(PipelineOptions{});
  CHECK(created >= 6);
  CHECK(created <= 6 + kMaxCredit);
}

TEST_CASE("num-buffers ends the stream with EOS on the bus", "[flow]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto sink = make_element("fakesink", "sink");
  src->set("num-buffers", 100);
  auto msg = test::play_until_end(pipeline, {src, sink});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(msg->source == "p");
  CHECK(sink->get<std::uint64_t>("rendered") == 100);
}

TEST_CASE("an ERROR from the sink stops the source with an internal data stream error", "[flow]") {
  PipelineOptions options;
  options.strict = true;
  Pipeline pipeline("p", options);
  auto src = test::make<test::CountingSrc>("src");
  auto sink = test::make<FailingSink>("sink");
  auto msg = test::play_until_end(pipeline, {src, sink});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Error);
  CHECK(msg->source == "src");
  CHECK(msg->text == "Internal data stream error.");
  CHECK(msg->debug == "streaming stopped, reason error (-5)");
  pipeline.set_state(State::Null);
  CHECK(src->created.get() == 3);
}

TEST_CASE("pushing on an unlinked pad returns NOT_LINKED and posts an error", "[flow]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  pipeline.add(src);
  pipeline.set_state(State::Playing);
  auto msg = test::wait_eos_or_error(pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Error);
  CHECK(msg->source == "src");
  CHECK(msg->debug == "streaming stopped, reason not-linked (-1)");
}

TEST_CASE("combining flows follows GstFlowCombiner", "[flow]") {
  CHECK(combine_flows({FlowReturn::Ok, FlowReturn::NotLinked}) == FlowReturn::Ok);
  CHECK(combine_flows({FlowReturn::NotLinked, FlowReturn::NotLinked}) == FlowReturn::NotLinked);
  CHECK(combine_flows({FlowReturn::Eos, FlowReturn::Ok}) == FlowReturn::Ok);
  CHECK(combine_flows({FlowReturn::Eos, FlowReturn::Eos}) == FlowReturn::Eos);
  CHECK(combine_flows({FlowReturn::Ok, FlowReturn::Error}) == FlowReturn::Error);
  CHECK(combine_flows({FlowReturn::Flushing, FlowReturn::Ok}) == FlowReturn::Flushing);
  CHECK(is_fatal(FlowReturn::NotLinked));
  CHECK_FALSE(is_fatal(FlowReturn::Eos));
  CHECK(std::string(to_string(FlowReturn::NotNegotiated)) == "not-negotiated");
}

TEST_CASE("with window N a downstream EOS comes back with a later push and stops the source",
          "[flow][window]") {
  PipelineOptions options;
  options.window = 8;
  // Buffer 5 got EOS; at most a window of buffers was already on its way.
  const std::uint64_t created = created_until_sink_eos(options);
  CHECK(created >= 6);
  CHECK(created <= 6 + 8);
}

TEST_CASE("buffer lists carry many buffers in one push", "[flow][list]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto sink = test::make<FakeSink>("sink");
  auto rendered = test::record_renders(*sink);
  src->set("num-buffers", 95);
  src->set("buffers-per-list", 10);
  auto msg = test::play_until_end(pipeline, {src, sink});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(sink->get<std::uint64_t>("rendered") == 95);
  auto buffers = rendered->get().buffers;
  REQUIRE(buffers.size() == 95);
  CHECK(buffers.front().has_flag(BufferFlags::Discont));
  CHECK(buffers.back().offset == 94);
}
