// Application threads keep calling appsrc and appsink while the pipeline
// holding them is destroyed (issue 9, item 3): the hooks they call into the
// element's actor (wake, notify_pipeline) are set once and never cleared,
// so there is nothing to race with, and after the actors are gone the calls
// simply find the elements stopped.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "elements/appsink.hpp"
#include "elements/appsrc.hpp"
#include "test_util.hpp"

using namespace gstmini;

TEST_CASE("app threads push and pull while the pipeline is destroyed", "[app]") {
  auto src = test::make<AppSrc>("src");
  auto sink = test::make<AppSink>("sink");
  src->set("block", false);
  sink->set("sync", false);
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> pulled{0};
  std::thread pusher([&] {
    for (int i = 0; !stop.load(); ++i) {
      src->push_buffer(Buffer(16));
      // Through notify_pipeline, from an app thread; not in a tight loop:
      // each one makes the pipeline query and configure the latency.
      if (i % 256 == 0) src->post_latency_message();
    }
  });
  std::thread puller([&] {
    while (!stop.load())
      if (sink->try_pull_sample(kMillisecond)) ++pulled;
  });
  {
    Pipeline pipeline("p");
    pipeline.add(src);
    pipeline.add(sink);
    pipeline.link(src, sink);
    pipeline.set_state(State::Playing);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (pulled.load() < 100 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::yield();  // the app's own threads do the work
    CHECK(pulled.load() >= 100);
  }  // destroyed while both threads keep going
  CHECK(src->push_buffer(Buffer(16)) == AppSrc::Push::Flushing);
  stop = true;
  pusher.join();
  puller.join();
}
