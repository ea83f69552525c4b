// videorate and imagefreeze: frames in time. videorate drops and
// duplicates to downstream's framerate, imagefreeze repeats one picture.
#include <catch2/catch.hpp>

#include "video_test_util.hpp"

using namespace gstmini;
using namespace gstmini::test;

namespace {

std::vector<Buffer> pull_all(const std::string& line, std::unique_ptr<Pipeline>* keep = nullptr) {
  auto pipeline = parse_launch(line + " ! appsink name=out sync=false");
  auto sink = std::dynamic_pointer_cast<AppSink>(pipeline->get_by_name("out"));
  pipeline->set_state(State::Playing);
  std::vector<Buffer> got;
  while (auto b = sink->try_pull_sample(10 * kSecond)) got.push_back(*b);
  if (keep) {
    *keep = std::move(pipeline);
  } else {
    pipeline->set_state(State::Null);
  }
  return got;
}

}  // namespace

TEST_CASE("videorate drops 30 fps down to 10 fps and counts the drops", "[videorate]") {
  std::unique_ptr<Pipeline> pipeline;
  const auto got = pull_all(
      "videotestsrc num-buffers=30 ! video/x-raw,framerate=30/1 ! videorate name=r ! "
      "video/x-raw,framerate=10/1",
      &pipeline);
  REQUIRE(got.size() == 10);
  for (std::size_t n = 0; n < got.size(); ++n) {
    CHECK(got[n].pts == n * 100 * kMillisecond);
    CHECK(got[n].duration == 100 * kMillisecond);
  }
  auto rate = pipeline->get_by_name("r");
  CHECK(rate->get<std::uint64_t>("in") == 30);
  CHECK(rate->get<std::uint64_t>("out") == 10);
  CHECK(rate->get<std::uint64_t>("drop") == 20);
  CHECK(rate->get<std::uint64_t>("duplicate") == 0);
  pipeline->set_state(State::Null);
}

TEST_CASE("videorate duplicates 10 fps up to 30 fps, sharing the frames", "[videorate]") {
  std::unique_ptr<Pipeline> pipeline;
  const auto got = pull_all(
      "videotestsrc num-buffers=10 pattern=snow ! video/x-raw,framerate=10/1,width=32,height=24 "
      "! videorate name=r ! video/x-raw,framerate=30/1",
      &pipeline);
  REQUIRE(got.size() == 30);
  CHECK(got[3].pts == 100 * kMillisecond);
  CHECK(got[0].data() == got[1].data());  // a duplicate is the same frame
  CHECK(got[0].data() != got[3].data());
  auto rate = pipeline->get_by_name("r");
  CHECK(rate->get<std::uint64_t>("duplicate") == 20);
  CHECK(rate->get<std::uint64_t>("drop") == 0);
  pipeline->set_state(State::Null);
}

TEST_CASE("imagefreeze repeats its one picture at the negotiated framerate", "[imagefreeze]") {
  const auto got = pull_all(
      "videotestsrc num-buffers=1 pattern=snow ! video/x-raw,width=32,height=24 ! "
      "imagefreeze num-buffers=5 ! video/x-raw,framerate=10/1");
  REQUIRE(got.size() == 5);
  for (std::size_t n = 0; n < got.size(); ++n) {
    CHECK(got[n].pts == n * 100 * kMillisecond);
    CHECK(got[n].data() == got[0].data());
  }
}

TEST_CASE("imagefreeze defaults to 25 fps and answers a seek", "[imagefreeze]") {
  auto pipeline = parse_launch(
      "videotestsrc num-buffers=1 ! imagefreeze name=f ! appsink name=out sync=false "
      "max-buffers=1");
  auto sink = std::dynamic_pointer_cast<AppSink>(pipeline->get_by_name("out"));
  pipeline->set_state(State::Playing);  // max-buffers=1 holds the stream back
  auto first = sink->try_pull_sample(10 * kSecond);
  REQUIRE(first);
  CHECK(first->pts == 0);
  auto second = sink->try_pull_sample(10 * kSecond);
  REQUIRE(second);
  CHECK(second->duration == 40 * kMillisecond);
  REQUIRE(pipeline->seek_simple(SeekFlags::Flush, 2 * kSecond));
  // After the flush the stream restarts at the frame at 2 s.
  bool found = false;
  for (int i = 0; i < 5 && !found; ++i) {
    auto b = sink->try_pull_sample(10 * kSecond);
    REQUIRE(b);
    found = b->pts == 2 * kSecond;
  }
  CHECK(found);
  pipeline->set_state(State::Null);
}
