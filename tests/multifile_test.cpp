// multifilesink and multifilesrc: numbered files from a printf pattern,
// GStreamer's element messages, start/stop index, and bad patterns.
#include <catch2/catch.hpp>

#include "elements/appsrc.hpp"
#include "file_test_util.hpp"
#include "test_util.hpp"

using namespace gstmini;
using test::Bytes;

namespace {
// Pushes `n` buffers of distinct content, timestamped 1 s apart.
void push_numbered(AppSrc& src, int n) {
  for (int i = 0; i < n; ++i) {
    Buffer b = Buffer::wrap(Bytes(static_cast<std::size_t>(10 + i), static_cast<std::uint8_t>(i)));
    b.pts = static_cast<ClockTime>(i) * kSecond;
    b.duration = kSecond;
    b.offset = static_cast<std::uint64_t>(i);
    b.offset_end = static_cast<std::uint64_t>(i + 1);
    src.push_buffer(b);
  }
  src.end_of_stream();
}
}  // namespace

TEST_CASE("multifilesink writes one file per buffer, numbered from index, with messages",
          "[multifile]") {
  test::TempDir dir;
  Pipeline pipeline("p");
  auto src = test::make<AppSrc>("src");
  auto sink = make_element("multifilesink", "sink");
  sink->set("location", dir.file("frame-%05d.bin"));
  sink->set("index", std::int64_t{3});
  sink->set("post-messages", true);
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  pipeline.set_state(State::Playing);
  push_numbered(*src, 3);
  std::vector<Message> files;
  for (;;) {
    auto msg = pipeline.bus().timed_pop_filtered(
        10 * kSecond, MessageType::Eos | MessageType::Error | MessageType::Element);
    REQUIRE(msg);
    REQUIRE(msg->type != MessageType::Error);
    if (msg->type == MessageType::Eos) break;
    files.push_back(*msg);
  }
  pipeline.set_state(State::Null);
  for (int i = 0; i < 3; ++i) {
    const std::string name = dir.file("frame-0000" + std::to_string(3 + i) + ".bin");
    CHECK(test::read_file(name) ==
          Bytes(static_cast<std::size_t>(10 + i), static_cast<std::uint8_t>(i)));
  }
  CHECK_FALSE(test::file_exists(dir.file("frame-00006.bin")));
  CHECK(sink->get<std::int64_t>("index") == 6);
  REQUIRE(files.size() == 3);
  const Structure& s = files[1].structure;
  CHECK(s.name() == "GstMultiFileSink");
  CHECK(s.get_as<std::string>("filename") == dir.file("frame-00004.bin"));
  CHECK(s.get_as<std::int64_t>("index") == 4);
  CHECK(s.get_as<std::uint64_t>("timestamp") == kSecond);
  CHECK(s.get_as<std::uint64_t>("running-time") == kSecond);
  CHECK(s.get_as<std::uint64_t>("stream-time") == kSecond);
  CHECK(s.get_as<std::uint64_t>("duration") == kSecond);
  CHECK(s.get_as<std::uint64_t>("offset") == 1);
  CHECK(s.get_as<std::uint64_t>("offset-end") == 2);
}

TEST_CASE("multifilesink next-file=max-size starts a new file before it would grow too big",
          "[multifile]") {
  test::TempDir dir;
  auto run = test::run_launch(
      "fakesrc num-buffers=5 sizetype=fixed sizemax=100 ! multifilesink "
      "next-file=max-size max-file-size=250 location=" +
      dir.file("part%d"));
  REQUIRE(run.end);
  CHECK(run.end->type == MessageType::Eos);
  CHECK(test::read_file(dir.file("part0")).size() == 200);
  CHECK(test::read_file(dir.file("part1")).size() == 200);
  CHECK(test::read_file(dir.file("part2")).size() == 100);
  CHECK_FALSE(test::file_exists(dir.file("part3")));
}

TEST_CASE("multifilesink max-files keeps only the newest files", "[multifile]") {
  test::TempDir dir;
  auto run = test::run_launch(
      "fakesrc num-buffers=5 sizetype=fixed sizemax=10 ! multifilesink "
      "max-files=2 location=" +
      dir.file("f%02d"));
  REQUIRE(run.end);
  CHECK(run.end->type == MessageType::Eos);
  CHECK_FALSE(test::file_exists(dir.file("f00")));
  CHECK_FALSE(test::file_exists(dir.file("f02")));
  CHECK(test::file_exists(dir.file("f03")));
  CHECK(test::file_exists(dir.file("f04")));
}

TEST_CASE("multifilesrc reads the series whole, from start-index to stop-index", "[multifile]") {
  test::TempDir dir;
  for (int i = 0; i < 5; ++i)
    test::write_file(dir.file("in" + std::to_string(i) + ".bin"),
                     Bytes(static_cast<std::size_t>(100 + i), static_cast<std::uint8_t>(i)));
  SECTION("until the first missing file") {
    auto run =
        test::run_launch("multifilesrc location=" + dir.file("in%d.bin") + " ! appsink name=sink");
    REQUIRE(run.end);
    CHECK(run.end->type == MessageType::Eos);
    REQUIRE(run.buffers.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) CHECK(run.buffers[i].size() == 100 + i);
    CHECK(run.buffers[1].offset == 100);
  }
  SECTION("start-index and stop-index") {
    auto run = test::run_launch("multifilesrc start-index=1 stop-index=3 location=" +
                                dir.file("in%d.bin") + " ! appsink name=sink");
    REQUIRE(run.buffers.size() == 3);
    CHECK(run.buffers[0].data()[0] == 1);
    CHECK(run.buffers[2].data()[0] == 3);
  }
  SECTION("loop with num-buffers") {
    auto run = test::run_launch(
        "multifilesrc loop=true start-index=3 stop-index=4 num-buffers=5 "
        "location=" +
        dir.file("in%d.bin") + " ! appsink name=sink");
    REQUIRE(run.buffers.size() == 5);
    CHECK(run.buffers[2].data()[0] == 3);  // 3 4 3 4 3
    CHECK(run.buffers[4].data()[0] == 3);
  }
  SECTION("a location without a number is the same file every time") {
    auto run = test::run_launch("multifilesrc num-buffers=3 location=" + dir.file("in2.bin") +
                                " ! appsink name=sink");
    REQUIRE(run.buffers.size() == 3);
    CHECK(run.buffers[2].size() == 102);
  }
  SECTION("caps are negotiated from the caps property") {
    auto run = test::run_launch("multifilesrc caps=\"application/x-test, rate=(int)5\" location=" +
                                dir.file("in%d.bin") + " ! appsink name=sink");
    CHECK(test::caps_int(run.caps, "rate") == 5);
  }
}

TEST_CASE("multifile elements refuse bad patterns and a missing first file", "[multifile][error]") {
  test::TempDir dir;
  SECTION("a pattern with %s") {
    auto run =
        test::run_launch("fakesrc num-buffers=1 ! multifilesink location=" + dir.file("a%s"));
    REQUIRE(run.error());
    CHECK(run.error_text() == "Invalid location");
  }
  SECTION("a pattern with two numbers") {
    auto run = test::run_launch("multifilesrc location=" + dir.file("%d-%d") + " ! fakesink");
    REQUIRE(run.error());
    CHECK(run.error_text() == "Invalid location");
  }
  SECTION("no first file") {
    auto run = test::run_launch("multifilesrc location=" + dir.file("x%d") + " ! fakesink");
    REQUIRE(run.error());
    CHECK_THAT(run.end->source, Catch::StartsWith("multifilesrc"));
    CHECK(run.error_text() == "Error while reading from file \"" + dir.file("x0") + "\".");
  }
  SECTION("an unwritable series") {
    auto run =
        test::run_launch("fakesrc num-buffers=1 ! multifilesink location=" + dir.file("none/%d"));
    REQUIRE(run.error());
    CHECK(run.error_text() == "Could not open file \"" + dir.file("none/0") + "\" for writing.");
  }
}
