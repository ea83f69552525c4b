// awss3hlssink against s3rver (signatures checked by botocore's signer):
// the same transport stream goes through a tee to hlssink2 (local files)
// and to awss3hlssink, and every segment and the playlist in S3 must equal
// the local files byte for byte; segments removed locally past max-files
// are removed from S3 too. A server that dies mid-stream and comes back
// gets every segment late, none lost.
#include <catch2/catch.hpp>

#include <filesystem>

#include "runtime/launch/parse_launch.hpp"
#include "tests/s3rver.hpp"
#include "tests/video_test_util.hpp"

namespace gstmini::test {
namespace {

constexpr int kWidth = 160;
constexpr int kHeight = 120;

std::unique_ptr<Pipeline> tee_to_both(const TempDir& dir, const S3rver& server,
                                      const std::string& hls_props) {
  return parse_launch(
      "appsrc name=src block=true caps=\"" + i420_caps(kWidth, kHeight) +
      "\" ! x264enc speed-preset=ultrafast tune=zerolatency ! mpegtsmux ! tee name=t "
      "t. ! queue ! hlssink2 location=" +
      (dir / "segment%05d.ts") + " playlist-location=" + (dir / "playlist.m3u8") + " " + hls_props +
      " t. ! queue ! awss3hlssink name=s3 bucket=" + server.bucket() +
      " key-prefix=live/cam1 region=us-east-1 force-path-style=true endpoint-uri=" +
      server.endpoint() + " access-key=S3RVER secret-access-key=S3RVER retry-attempts=10 " +
      "send-keyframe-requests=false " + hls_props);
}

std::vector<std::string> local_files(const TempDir& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("awss3hlssink uploads the segments and playlist hlssink2 writes, byte for byte",
          "[s3][awss3hlssink]") {
  S3rver server(S3rver::Signatures::Verified);
  INFO(s3rver_missing());
  REQUIRE(server.running());
  TempDir dir;
  auto pipeline = tee_to_both(dir, server, "target-duration=1 max-files=3 playlist-length=3");
  std::thread feeder = feed_frames(pipeline->get_by_name("src"), kWidth, kHeight, 150);
  pipeline->set_state(State::Playing);
  auto end =
      pipeline->bus().timed_pop_filtered(60 * kSecond, MessageType::Eos | MessageType::Error);
  pipeline->set_state(State::Null);
  feeder.join();
  REQUIRE(end);
  INFO(end->text << " " << end->debug);
  REQUIRE(end->type == MessageType::Eos);

  const std::vector<std::string> names = local_files(dir);
  REQUIRE(names.size() == 4);  // 3 segments (max-files) + the playlist
  for (const std::string& name : names) {
    std::string back, error;
    INFO(name << ": " << error);
    REQUIRE(server.get_object("live/cam1/" + name, &back, &error));
    CHECK(back == read_text(dir / name));
  }
  CHECK(read_text(dir / "playlist.m3u8").find("#EXT-X-ENDLIST") != std::string::npos);
  std::string back, error;
  CHECK_FALSE(server.get_object("live/cam1/segment00000.ts", &back, &error));  // past max-files
  CHECK(error.find("NoSuchKey") != std::string::npos);
}

TEST_CASE("awss3hlssink uploads every segment late when the server is down and comes back",
          "[s3][awss3hlssink]") {
  S3rver server;
  INFO(s3rver_missing());
  REQUIRE(server.running());
  TempDir dir;
  auto pipeline = tee_to_both(dir, server, "target-duration=1 max-files=0 playlist-length=0");
  server.stop();  // down before the first segment is finished
  std::thread feeder = feed_frames(pipeline->get_by_name("src"), kWidth, kHeight, 150);
  pipeline->set_state(State::Playing);
  // The sink retries (and holds the stream: two segments at most wait).
  auto warning = pipeline->bus().timed_pop_filtered(30 * kSecond, MessageType::Warning);
  REQUIRE(warning);
  CHECK(warning->source == "s3");
  REQUIRE(server.restart());
  auto end =
      pipeline->bus().timed_pop_filtered(60 * kSecond, MessageType::Eos | MessageType::Error);
  pipeline->set_state(State::Null);
  feeder.join();
  REQUIRE(end);
  INFO(end->text << " " << end->debug);
  REQUIRE(end->type == MessageType::Eos);
  const std::vector<std::string> names = local_files(dir);
  REQUIRE(names.size() >= 5);
  for (const std::string& name : names) {
    std::string back, error;
    INFO(name << ": " << error);
    REQUIRE(server.get_object("live/cam1/" + name, &back, &error));
    CHECK(back == read_text(dir / name));
  }
}

TEST_CASE("invalid awss3hlssink settings are refused with the reason", "[s3][awss3hlssink]") {
  auto pipeline = parse_launch(
      "fakesrc ! awss3hlssink name=s3 bucket=b access-key=a secret-access-key=s acl=everyone");
  pipeline->set_state(State::Playing);
  auto m = pipeline->bus().timed_pop_filtered(10 * kSecond, MessageType::Error);
  pipeline->set_state(State::Null);
  REQUIRE(m);
  CHECK(m->text ==
        "Could not start s3: acl 'everyone' is not one of S3's canned ACLs (private, "
        "public-read, ...)");
}

}  // namespace gstmini::test
