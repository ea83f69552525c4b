// Helpers shared by the tests: elements that count what they see and let a
// test wait for a condition (with a generous timeout that only a broken build
// hits) instead of sleeping.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "elements/fakesink.hpp"
#include "elements/fakesrc.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

namespace gstmini::test {

// A value other threads change, with a wait for a condition on it.
template <class T>
class Watched {
 public:
  void update(const std::function<void(T&)>& change) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      change(value_);
    }
    changed_.notify_all();
  }
  T get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return value_;
  }
  bool wait_until(const std::function<bool(const T&)>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10)) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done(value_); });
  }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  T value_{};
};

// fakesrc that counts create() calls.
class CountingSrc : public FakeSrc {
 public:
  using FakeSrc::FakeSrc;
  FlowReturn create(Buffer& buffer) override {
    FlowReturn ret = FakeSrc::create(buffer);
    created.update([](std::uint64_t& n) { ++n; });
    return ret;
  }
  Watched<std::uint64_t> created;
};

// Records every rendered buffer (and how late it was) through the handoff.
struct Rendered {
  std::vector<Buffer> buffers;
  std::vector<ClockTimeDiff> lateness;
};

inline std::shared_ptr<Watched<Rendered>> record_renders(FakeSink& sink) {
  auto record = std::make_shared<Watched<Rendered>>();
  sink.set_handoff([record](const Buffer& buffer, const FakeSink& s) {
    record->update([&](Rendered& r) {
      r.buffers.push_back(buffer);
      r.lateness.push_back(s.lateness());
    });
  });
  return record;
}

inline std::size_t rendered_count(const Watched<Rendered>& r) { return r.get().buffers.size(); }

// The first EOS or ERROR on the bus within `timeout`.
inline std::optional<Message> wait_eos_or_error(Pipeline& pipeline,
                                                ClockTime timeout = 10 * kSecond) {
  return pipeline.bus().timed_pop_filtered(timeout, MessageType::Eos | MessageType::Error);
}

// Adds `chain` to the pipeline, links it in order, sets PLAYING and returns
// the first EOS or ERROR.
inline std::optional<Message> play_until_end(Pipeline& pipeline,
                                             const std::vector<ElementPtr>& chain) {
  for (const ElementPtr& element : chain) pipeline.add(element);
  pipeline.link_many(chain);
  pipeline.set_state(State::Playing);
  return wait_eos_or_error(pipeline);
}

// A pipeline on a TestClock (reading `start`) running `upstream` into a
// fakesink "sink" (sync as given) that records what it renders.
struct ClockedPipeline {
  explicit ClockedPipeline(std::vector<ElementPtr> upstream, ClockTime start = 1000 * kSecond,
                           bool sync = true)
      : clock(std::make_shared<TestClock>(start)),
        sink(std::make_shared<FakeSink>("sink")),
        rendered(record_renders(*sink)) {
    PipelineOptions options;
    options.clock = clock;
    pipeline = std::make_unique<Pipeline>("p", options);
    sink->set("sync", sync);
    upstream.push_back(sink);
    for (const ElementPtr& element : upstream) pipeline->add(element);
    pipeline->link_many(upstream);
  }
  bool rendered_n(std::size_t n) const {
    return rendered->wait_until([n](const Rendered& r) { return r.buffers.size() >= n; });
  }
  ClockTime pts(std::size_t i) const { return rendered->get().buffers.at(i).pts; }

  std::shared_ptr<TestClock> clock;
  std::unique_ptr<Pipeline> pipeline;
  std::shared_ptr<FakeSink> sink;
  std::shared_ptr<Watched<Rendered>> rendered;
};

// fakesrc "src" timestamping its buffers `duration` apart.
inline ElementPtr timed_fakesrc(ClockTime duration = kSecond, std::int64_t num_buffers = -1) {
  ElementPtr src = make_element("fakesrc", "src");
  src->set("buffer-duration", duration);
  src->set("num-buffers", num_buffers);
  return src;
}

template <class E>
std::shared_ptr<E> make(const std::string& name) {
  return std::make_shared<E>(name);
}

}  // namespace gstmini::test
