// filesrc: a local file in blocksize pieces, BYTES segment, queries and
// seeks in bytes, and GStreamer's errors for files that cannot be read.
#include <catch2/catch.hpp>

#include "elements/fakesink.hpp"
#include "file_test_util.hpp"
#include "test_util.hpp"

using namespace gstmini;
using test::Bytes;

TEST_CASE("filesrc reads a file in blocksize pieces with byte offsets, then EOS", "[filesrc]") {
  test::TempDir dir;
  const Bytes content = test::pattern_bytes(10000);
  test::write_file(dir.file("in.bin"), content);
  auto blocksize = GENERATE(as<std::uint64_t>{}, 1, 999, 4096, 10000, 1 << 20);
  auto run = test::run_launch("filesrc location=" + dir.file("in.bin") +
                              " blocksize=" + std::to_string(blocksize) + " ! appsink name=sink");
  REQUIRE(run.end);
  CHECK(run.end->type == MessageType::Eos);
  CHECK(test::concat(run.buffers) == content);
  const std::size_t expected = (content.size() + blocksize - 1) / blocksize;
  REQUIRE(run.buffers.size() == expected);
  std::uint64_t offset = 0;
  for (const Buffer& b : run.buffers) {
    CHECK(b.offset == offset);
    CHECK(b.offset_end == offset + b.size());
    CHECK(b.size() <= blocksize);
    CHECK_FALSE(is_valid(b.pts));  // bytes carry no time
    offset = b.offset_end;
  }
  CHECK(run.buffers.front().has_flag(BufferFlags::Discont));
}

TEST_CASE("filesrc pushes a BYTES segment and an empty file is just EOS", "[filesrc]") {
  test::TempDir dir;
  test::write_file(dir.file("empty"), {});
  Pipeline pipeline("p");
  auto src = make_element("filesrc", "src");
  src->set("location", dir.file("empty"));
  auto sink = test::make<FakeSink>("sink");
  auto msg = test::play_until_end(pipeline, {src, sink});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(sink->rendered() == 0);
  CHECK(sink->segment().format == Format::Bytes);
  CHECK(to_string(sink->segment()).rfind("bytes segment start=0, offset=0, stop=-1", 0) == 0);
}

TEST_CASE("filesrc answers DURATION and SEEKING in bytes and not in time", "[filesrc]") {
  test::TempDir dir;
  test::write_file(dir.file("in.bin"), test::pattern_bytes(12345));
  auto pipeline = parse_launch("filesrc location=" + dir.file("in.bin") + " ! fakesink");
  REQUIRE(pipeline->set_state(State::Paused) != StateChangeReturn::Failure);
  REQUIRE(pipeline->get_state(nullptr, nullptr, 10 * kSecond) == StateChangeReturn::Success);

  Query bytes(QueryType::Duration);
  bytes.format = Format::Bytes;
  REQUIRE(pipeline->query(bytes));
  CHECK(bytes.duration == 12345);

  Query time(QueryType::Duration);  // TIME: a file has no duration in time
  CHECK_FALSE(pipeline->query(time));

  Query seeking(QueryType::Seeking);
  seeking.format = Format::Bytes;
  REQUIRE(pipeline->query(seeking));
  CHECK(seeking.seekable);
  CHECK(seeking.seek_end == 12345);
  pipeline->set_state(State::Null);
}

TEST_CASE("a byte seek makes filesrc go on from that offset", "[filesrc]") {
  test::TempDir dir;
  const Bytes content = test::pattern_bytes(20000);
  test::write_file(dir.file("in.bin"), content);
  auto pipeline = parse_launch("filesrc location=" + dir.file("in.bin") +
                               " blocksize=1000 ! appsink name=sink max-buffers=1");
  auto sink = std::dynamic_pointer_cast<AppSink>(pipeline->get_by_name("sink"));
  pipeline->set_state(State::Playing);
  auto first = sink->pull_sample();
  REQUIRE(first);
  CHECK(first->offset == 0);

  SeekArgs seek;
  seek.format = Format::Bytes;
  seek.flags = SeekFlags::Flush;
  seek.start = 15000;
  REQUIRE(pipeline->send_event(Event::seek(seek)));
  // After the flush the stream restarts at byte 15000 and runs to the end.
  Bytes tail;
  std::uint64_t first_offset = kBufferOffsetNone;
  while (auto b = sink->pull_sample()) {
    if (b->offset < 15000) continue;  // pushed before the flush reached the sink
    if (first_offset == kBufferOffsetNone) first_offset = b->offset;
    tail.insert(tail.end(), b->data(), b->data() + b->size());
  }
  CHECK(first_offset == 15000);
  CHECK(tail == Bytes(content.begin() + 15000, content.end()));
  pipeline->set_state(State::Null);
}

TEST_CASE("a TIME seek is refused by filesrc", "[filesrc]") {
  test::TempDir dir;
  test::write_file(dir.file("in.bin"), test::pattern_bytes(100));
  auto pipeline = parse_launch("filesrc location=" + dir.file("in.bin") + " ! fakesink");
  pipeline->set_state(State::Paused);
  REQUIRE(pipeline->get_state(nullptr, nullptr, 10 * kSecond) == StateChangeReturn::Success);
  CHECK_FALSE(pipeline->seek_simple(SeekFlags::Flush, kSecond));
  pipeline->set_state(State::Null);
}

TEST_CASE("filesrc reports a missing file, a folder and no location as GStreamer does",
          "[filesrc][error]") {
  test::TempDir dir;
  SECTION("missing file") {
    auto run = test::run_launch("filesrc location=" + dir.file("nope.png") + " ! fakesink");
    REQUIRE(run.error());
    CHECK_THAT(run.end->source, Catch::StartsWith("filesrc"));
    CHECK(run.error_text() == "Resource not found.");
    CHECK(run.error_debug() == "No such file \"" + dir.file("nope.png") + "\"");
  }
  SECTION("a folder") {
    auto run = test::run_launch("filesrc location=" + dir.path() + " ! fakesink");
    REQUIRE(run.error());
    CHECK(run.error_text() == "\"" + dir.path() + "\" is a directory.");
  }
  SECTION("no location") {
    auto run = test::run_launch("filesrc ! fakesink");
    REQUIRE(run.error());
    CHECK(run.error_text() == "No file name specified for reading.");
  }
  SECTION("unreadable file") {
    if (::geteuid() == 0) return;  // root reads anything
    test::write_file(dir.file("secret"), {1, 2, 3});
    ::chmod(dir.file("secret").c_str(), 0);
    auto run = test::run_launch("filesrc location=" + dir.file("secret") + " ! fakesink");
    REQUIRE(run.error());
    CHECK(run.error_text() == "Could not open file \"" + dir.file("secret") + "\" for reading.");
  }
}
