#include <catch2/catch.hpp>

#include <atomic>

#include "runtime/bus.hpp"

using namespace gstmini;

TEST_CASE("timed_pop_filtered discards messages that do not match, like GStreamer", "[bus]") {
  Bus bus;
  bus.post(Message::state_changed("p", State::Null, State::Ready, State::VoidPending));
  bus.post(Message::eos("p"));
  auto msg = bus.timed_pop_filtered(0, MessageType::Eos | MessageType::Error);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK_FALSE(bus.have_pending());
}

TEST_CASE("a pop times out cleanly when nothing arrives", "[bus]") {
  Bus bus;
  CHECK_FALSE(bus.timed_pop(kMillisecond));
  CHECK_FALSE(bus.pop());
}

TEST_CASE("a message posted from another thread wakes a blocked pop", "[bus]") {
  Bus bus;
  std::thread poster([&] { bus.post(Message::error("src", "boom")); });
  auto msg = bus.timed_pop(10 * kSecond);
  poster.join();
  REQUIRE(msg);
  CHECK(describe(*msg) == "ERROR from element src: boom");
}

TEST_CASE("a watch receives messages on the bus's thread until it returns false", "[bus]") {
  Bus bus;
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<MessageType> seen;
  bus.add_watch([&](const Message& m) {
    std::lock_guard<std::mutex> lock(mutex);
    seen.push_back(m.type);
    cv.notify_all();
    return m.type != MessageType::Eos;
  });
  bus.post(Message::async_done("p"));
  bus.post(Message::eos("p"));
  {
    std::unique_lock<std::mutex> lock(mutex);
    REQUIRE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return seen.size() == 2; }));
  }
  bus.post(Message::eos("p"));  // the watch is gone: this one stays queued
  CHECK(bus.timed_pop(kSecond));
  CHECK(seen == std::vector<MessageType>{MessageType::AsyncDone, MessageType::Eos});
}

TEST_CASE("a flushing bus drops what is posted", "[bus]") {
  Bus bus;
  bus.post(Message::eos("p"));
  bus.set_flushing(true);
  bus.post(Message::eos("p"));
  CHECK_FALSE(bus.have_pending());
  bus.set_flushing(false);
  bus.post(Message::eos("p"));
  CHECK(bus.have_pending());
}
