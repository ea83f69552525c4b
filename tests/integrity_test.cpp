// Data integrity through queues (leaky=no), tees and funnels: every buffer
// pushed arrives at every sink it is routed to exactly once, and in order
// per source, checked by sequence number (fakesrc's offset). The size is
// GSTMINI_INTEGRITY_BUFFERS per source (default 100,000; scripts/soak.sh
// runs 1,000,000).
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "elements/fakesink.hpp"
#include "resource_usage.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "runtime/pipeline.hpp"

using namespace gstmini;

namespace {

// What one sink saw of each source (sources are told apart by buffer size).
class SequenceCheck {
 public:
  void see(const Buffer& buffer) {
    std::lock_guard<std::mutex> lock(mutex_);
    Stream& s = streams_[buffer.size()];
    if (buffer.offset == s.next) {
      ++s.next;
    } else if (buffer.offset < s.next) {
      ++s.duplicated_or_reordered;
    } else {
      s.missing += buffer.offset - s.next;
      s.next = buffer.offset + 1;
    }
    ++s.received;
  }
  struct Stream {
    std::uint64_t next = 0;  // the sequence number expected next
    std::uint64_t received = 0;
    std::uint64_t missing = 0;
    std::uint64_t duplicated_or_reordered = 0;
  };
  std::map<std::size_t, Stream> streams() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return streams_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::size_t, Stream> streams_;
};

std::shared_ptr<SequenceCheck> watch(Pipeline& pipeline, const std::string& sink_name) {
  auto check = std::make_shared<SequenceCheck>();
  auto sink = std::dynamic_pointer_cast<FakeSink>(pipeline.get_by_name(sink_name));
  REQUIRE(sink);
  sink->set_handoff([check](const Buffer& buffer, const FakeSink&) { check->see(buffer); });
  return check;
}

}  // namespace

TEST_CASE("every buffer reaches every sink once and in order through queues, tees and funnels",
          "[integrity][tsan]") {
  const auto n =
      static_cast<std::uint64_t>(test::test_count("GSTMINI_INTEGRITY_BUFFERS", 100000, 1000000000));
  const std::string count = std::to_string(n);
  // Source a (1-byte buffers) and source b (2-byte buffers, pushed as lists
  // of 16) each feed a tee. Both tees feed a funnel (sink "mixed" sees both
  // streams interleaved) and a sink of their own. Every queue is leaky=no,
  // the default, and small so that back-pressure is exercised throughout.
  auto pipeline = parse_launch("fakesrc name=a num-buffers=" + count +
                               " sizetype=fixed sizemax=1 ! queue max-size-buffers=8 "
                               "! tee name=ta "
                               "fakesrc name=b num-buffers=" +
                               count +
                               " sizetype=fixed sizemax=2 buffers-per-list=16 "
                               "! queue max-size-buffers=8 ! tee name=tb "
                               "funnel name=f ! queue max-size-buffers=8 ! fakesink name=mixed "
                               "ta. ! queue max-size-buffers=8 ! f. "
                               "tb. ! queue max-size-buffers=8 ! f. "
                               "ta. ! queue max-size-buffers=8 ! identity ! fakesink name=only_a "
                               "tb. ! queue max-size-buffers=8 ! identity ! fakesink name=only_b");
  auto mixed = watch(*pipeline, "mixed");
  auto only_a = watch(*pipeline, "only_a");
  auto only_b = watch(*pipeline, "only_b");
  REQUIRE(pipeline->set_state(State::Playing) != StateChangeReturn::Failure);
  auto msg =
      pipeline->bus().timed_pop_filtered(600 * kSecond, MessageType::Eos | MessageType::Error);
  REQUIRE(msg);
  INFO(msg->text);
  REQUIRE(msg->type == MessageType::Eos);
  pipeline->set_state(State::Null);

  auto check = [n](const SequenceCheck& sink, std::size_t stream) {
    auto streams = sink.streams();
    const SequenceCheck::Stream& s = streams[stream];
    CHECK(s.received == n);
    CHECK(s.next == n);
    CHECK(s.missing == 0);
    CHECK(s.duplicated_or_reordered == 0);
  };
  check(*mixed, 1);
  check(*mixed, 2);
  check(*only_a, 1);
  check(*only_b, 2);
  CHECK(only_a->streams().size() == 1);
  CHECK(only_b->streams().size() == 1);
}
