// Sticky events: a src pad remembers stream-start and segment; a peer linked
// later receives them before the first buffer. An element added while the
// pipeline runs is brought up with sync_state_with_parent.
#include <catch2/catch.hpp>

#include <mutex>

#include "runtime/base_transform.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {

// Passes buffers through unless "drop" is true (a valve, for the test).
struct Gate : Transform {
  static const ElementClass& element_class() {
    static const ElementClass klass{"testgate",
                                    "Test Gate",
                                    "Generic",
                                    "Drops while closed",
                                    "test",
                                    transform_pad_templates(),
                                    {PropertySpec::boolean("drop", true, "Drop buffers")}};
    return klass;
  }
  explicit Gate(std::string name) : Transform(element_class(), std::move(name)) {}
  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override {
    seen.update([](std::uint64_t& n) { ++n; });
    if (get<bool>("drop")) return FlowReturn::Ok;
    return Transform::chain(pad, std::move(buffer), out);
  }
  test::Watched<std::uint64_t> seen;
};

struct EventRecorder : FakeSink {
  using FakeSink::FakeSink;
  FlowReturn render(const Buffer&) override {
    seen.update([](std::vector<std::string>& v) { v.push_back("buffer"); });
    return FlowReturn::Ok;
  }
  void on_event(const Event& e) override {
    seen.update([&](std::vector<std::string>& v) { v.push_back(to_string(e.type())); });
  }
  test::Watched<std::vector<std::string>> seen;
};

}  // namespace

TEST_CASE("a peer linked later gets the sticky events before the first buffer", "[event][sticky]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto gate = test::make<Gate>("gate");
  src->set("buffer-duration", kMillisecond);
  pipeline.add_many(src, gate);
  pipeline.link(src, gate);
  pipeline.set_state(State::Playing);
  // Stream-start and segment went out of the gate's unlinked pad: kept.
  REQUIRE(gate->seen.wait_until([](std::uint64_t n) { return n >= 10; }));

  auto sink = test::make<EventRecorder>("sink");
  pipeline.add(sink);
  CHECK(pipeline.sync_state_with_parent(sink) == StateChangeReturn::Success);
  pipeline.link(gate, sink);
  gate->set("drop", false);
  REQUIRE(sink->seen.wait_until([](const std::vector<std::string>& v) { return v.size() >= 3; }));
  auto seen = sink->seen.get();
  CHECK(seen[0] == "stream-start");
  CHECK(seen[1] == "segment");
  CHECK(seen[2] == "buffer");
  pipeline.set_state(State::Null);
}

TEST_CASE("unlinking makes the next push NOT_LINKED", "[link]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto sink = make_element("fakesink", "sink");
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  pipeline.unlink(src, sink);
  CHECK(pipeline.links().empty());
  CHECK_THROWS_WITH(pipeline.unlink(src, sink),
                    "could not unlink src from sink: they are not linked");
  pipeline.set_state(State::Playing);
  auto msg = test::wait_eos_or_error(pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Error);
  CHECK(msg->debug == "streaming stopped, reason not-linked (-1)");
}
