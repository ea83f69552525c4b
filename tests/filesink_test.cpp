// filesink: every byte reaches the file, append keeps what was there, and
// a location that cannot be written is GStreamer's error.
#include <catch2/catch.hpp>

#include "elements/appsrc.hpp"
#include "file_test_util.hpp"
#include "test_util.hpp"

using namespace gstmini;
using test::Bytes;

TEST_CASE("filesrc ! filesink copies a file byte for byte", "[filesink]") {
  test::TempDir dir;
  const Bytes content = test::pattern_bytes(300000);
  test::write_file(dir.file("in.bin"), content);
  auto mode = GENERATE(as<std::string>{}, "default", "unbuffered");
  auto run = test::run_launch("filesrc location=" + dir.file("in.bin") +
                              " blocksize=7777 ! filesink buffer-mode=" + mode +
                              " location=" + dir.file("out.bin"));
  REQUIRE(run.end);
  CHECK(run.end->type == MessageType::Eos);
  CHECK(test::read_file(dir.file("out.bin")) == content);
}

TEST_CASE("filesink append=true adds to the file, append=false replaces it", "[filesink]") {
  test::TempDir dir;
  const std::string out = dir.file("log.bin");
  test::write_file(out, {'o', 'l', 'd'});
  auto write = [&](bool append) {
    Pipeline pipeline("p");
    auto src = test::make<AppSrc>("src");
    auto sink = make_element("filesink", "sink");
    sink->set("location", out);
    sink->set("append", append);
    pipeline.add_many(src, sink);
    pipeline.link(src, sink);
    pipeline.set_state(State::Playing);
    src->push_buffer(Buffer::wrap({'n', 'e', 'w'}));
    src->end_of_stream();
    auto msg = test::wait_eos_or_error(pipeline);
    REQUIRE(msg);
    CHECK(msg->type == MessageType::Eos);
    pipeline.set_state(State::Null);
  };
  write(true);
  CHECK(test::read_file(out) == Bytes{'o', 'l', 'd', 'n', 'e', 'w'});
  write(false);
  CHECK(test::read_file(out) == Bytes{'n', 'e', 'w'});
}

TEST_CASE("filesink syncs on nothing by default and says so in its properties", "[filesink]") {
  auto sink = make_element("filesink");
  CHECK_FALSE(sink->get<bool>("sync"));
  CHECK_FALSE(sink->get<bool>("append"));
  CHECK(sink->get<std::int64_t>("buffer-mode") == -1);
  CHECK(sink->get<std::uint64_t>("buffer-size") == 65536);
}

TEST_CASE("filesink reports a location it cannot write as GStreamer does", "[filesink][error]") {
  test::TempDir dir;
  SECTION("missing folder") {
    const std::string path = dir.file("no/such/dir/out.bin");
    auto run = test::run_launch("fakesrc num-buffers=1 ! filesink location=" + path);
    REQUIRE(run.error());
    CHECK_THAT(run.end->source, Catch::StartsWith("filesink"));
    CHECK(run.error_text() == "Could not open file \"" + path + "\" for writing.");
    CHECK(run.error_debug() == "system error: No such file or directory");
  }
  SECTION("a folder") {
    auto run = test::run_launch("fakesrc num-buffers=1 ! filesink location=" + dir.path());
    REQUIRE(run.error());
    CHECK(run.error_text() == "Could not open file \"" + dir.path() + "\" for writing.");
  }
  SECTION("no location") {
    auto run = test::run_launch("fakesrc num-buffers=1 ! filesink");
    REQUIRE(run.error());
    CHECK(run.error_text() == "No file name specified for writing.");
  }
  SECTION("a full disk") {
    if (!test::file_exists("/dev/full")) return;
    auto run = test::run_launch(
        "fakesrc num-buffers=4 sizetype=fixed sizemax=65536 ! filesink buffer-mode=unbuffered "
        "location=/dev/full");
    REQUIRE(run.error());
    CHECK(run.error_text() == "No space left on the resource.");
  }
}
