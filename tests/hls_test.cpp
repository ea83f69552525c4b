// hlssink2 fed by x264enc and mpegtsmux, read back by the real FFmpeg tools:
// ffprobe must see H.264 with every frame, segments that start with a
// keyframe and last at most target-duration, old segments removed, and
// errors (bad location, missing folder, full or read-only disk) reported.
// Small frames and 3-5 s of video keep each run around a second.
#include <sys/mount.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <regex>

#include "runtime/launch/parse_launch.hpp"
#include "tests/encoded_video_util.hpp"

namespace gstmini::test {
namespace {

constexpr int kWidth = 160;
constexpr int kHeight = 120;

struct HlsRun {
  std::optional<Message> end;
  std::vector<Structure> fragments;   // splitmuxsink-fragment-closed, in order
  std::uint32_t sink_max_credit = 0;  // the most the link mpegtsmux -> hlssink2 allowed
};

// appsrc ! x264enc ! mpegtsmux ! hlssink2 <hls_props>, `frames` frames at 30 fps.
HlsRun run_hls(const TempDir& dir, int frames, const std::string& hls_props,
               const std::string& enc_props = "speed-preset=ultrafast tune=zerolatency") {
  PipelineOptions options = PipelineOptions::from_env();
  options.stats.enabled = true;
  options.stats.print_table = false;
  auto pipeline = parse_launch(
      "appsrc name=src block=true caps=\"" + i420_caps(kWidth, kHeight) + "\" ! x264enc " +
          enc_props +
          " ! mpegtsmux name=mux ! hlssink2 name=hls location=" + (dir / "segment%05d.ts") +
          " playlist-location=" + (dir / "playlist.m3u8") + " " + hls_props,
      options);
  pipeline->set_state(State::Playing);
  std::thread feeder = feed_frames(pipeline->get_by_name("src"), kWidth, kHeight, frames);
  HlsRun run;
  for (;;) {
    auto m = pipeline->bus().timed_pop_filtered(
        20 * kSecond, MessageType::Eos | MessageType::Error | MessageType::Element);
    if (m && m->type == MessageType::Element) {
      run.fragments.push_back(m->structure);
      continue;
    }
    run.end = m;
    break;
  }
  for (const LinkStats& link : pipeline->stats().links)
    if (link.sink == "hls:sink") run.sink_max_credit = link.max_credit;
  pipeline->set_state(State::Null);
  feeder.join();
  return run;
}

std::vector<double> extinf_durations(const std::string& playlist) {
  std::vector<double> durations;
  std::regex extinf("#EXTINF:([0-9.]+),");
  for (auto it = std::sregex_iterator(playlist.begin(), playlist.end(), extinf);
       it != std::sregex_iterator(); ++it)
    durations.push_back(std::stod((*it)[1]));
  return durations;
}

}  // namespace

TEST_CASE("ffprobe reads hlssink2's playlist as H.264 with every frame and the right duration",
          "[hls]") {
  TempDir dir;
  HlsRun run = run_hls(dir, 90, "target-duration=1 max-files=0 playlist-length=0");
  REQUIRE(run.end);
  REQUIRE(run.end->type == MessageType::Eos);
  const std::string playlist = dir / "playlist.m3u8";
  const std::string probe = run_command(
      "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
      "stream=codec_name,nb_read_frames -of csv=p=0 '" +
      playlist + "'");
  // The first line: the HLS demuxer lists the stream again under its program.
  CHECK(probe.substr(0, probe.find('\n')) == "h264,90");
  const double duration = std::stod(
      run_command("ffprobe -v error -show_entries format=duration -of csv=p=0 '" + playlist + "'"));
  CHECK(duration == Approx(3.0).margin(1.0 / 30));

  const std::string text = read_text(playlist);
  CHECK(text.rfind("#EXTM3U\n", 0) == 0);
  CHECK(text.find("#EXT-X-TARGETDURATION:1\n") != std::string::npos);
  CHECK(text.find("#EXT-X-MEDIA-SEQUENCE:0\n") != std::string::npos);
  CHECK(text.find("#EXT-X-ENDLIST\n") != std::string::npos);
  CHECK(extinf_durations(text) == std::vector<double>{1.0, 1.0, 1.0});
  // No temporary file is left behind by the write-then-rename.
  for (const auto& entry : std::filesystem::directory_iterator(dir.path))
    CHECK(entry.path().extension() != ".tmp");

  REQUIRE(run.fragments.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(run.fragments[i].name() == "splitmuxsink-fragment-closed");
    CHECK(run.fragments[i].get_as<std::string>("location") ==
          dir / ("segment0000" + std::to_string(i) + ".ts"));
    CHECK(run.fragments[i].get_as<std::uint64_t>("running-time") == (i + 1) * kSecond);
  }
}

TEST_CASE("every segment starts with a keyframe and lasts at most target-duration", "[hls]") {
  TempDir dir;
  // x264's own keyframe interval (250) is far longer than a segment: the
  // cuts come from hlssink2's keyframe requests.
  HlsRun run = run_hls(dir, 100, "target-duration=1 max-files=0 playlist-length=0");
  REQUIRE(run.end);
  REQUIRE(run.end->type == MessageType::Eos);
  const auto durations = extinf_durations(read_text(dir / "playlist.m3u8"));
  REQUIRE(durations.size() == 4);  // 1 + 1 + 1 + 0.333
  for (double d : durations) CHECK(d <= 1.0);
  CHECK(durations.back() == Approx(10.0 / 30).margin(0.001));
  for (int i = 0; i < 4; ++i) {
    const std::string segment = dir / ("segment0000" + std::to_string(i) + ".ts");
    const std::string first = run_command(
        "ffprobe -v error -select_streams v:0 -show_entries frame=key_frame,pict_type "
        "-read_intervals '%+#1' -of csv=p=0 '" +
        segment + "'");
    CHECK(first.rfind("1,I", 0) == 0);
  }
}

TEST_CASE("hlssink2 stays lock-step while it asks for keyframes, so no request comes late",
          "[hls]") {
  // A sync=false sink may grant more than 1, but then the encoder could
  // run past a cut before the request sent at the segment's start reaches it.
  TempDir with_requests;
  HlsRun run = run_hls(with_requests, 40, "target-duration=1");
  REQUIRE(run.end);
  REQUIRE(run.end->type == MessageType::Eos);
  CHECK(run.sink_max_credit == 1);

  TempDir without_requests;
  run = run_hls(without_requests, 40, "target-duration=1 send-keyframe-requests=false");
  REQUIRE(run.end);
  REQUIRE(run.end->type == MessageType::Eos);
  CHECK(run.sink_max_credit > 1);
}

TEST_CASE("without keyframe requests a segment ends at the first keyframe after it is due",
          "[hls]") {
  TempDir dir;
  HlsRun run = run_hls(dir, 90,
                       "target-duration=1 max-files=0 playlist-length=0 "
                       "send-keyframe-requests=false",
                       "speed-preset=ultrafast tune=zerolatency key-int-max=45");
  REQUIRE(run.end);
  REQUIRE(run.end->type == MessageType::Eos);
  // Keyframes at frames 0 and 45: one cut, at 1.5 s.
  CHECK(extinf_durations(read_text(dir / "playlist.m3u8")) == std::vector<double>{1.5, 1.5});
}

TEST_CASE("hlssink2 removes segments past max-files and lists the last playlist-length", "[hls]") {
  TempDir dir;
  HlsRun run = run_hls(dir, 150, "target-duration=1 max-files=2 playlist-length=2");
  REQUIRE(run.end);
  REQUIRE(run.end->type == MessageType::Eos);
  CHECK(run.fragments.size() == 5);
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path))
    files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{"playlist.m3u8", "segment00003.ts", "segment00004.ts"});
  const std::string text = read_text(dir / "playlist.m3u8");
  CHECK(text.find("#EXT-X-MEDIA-SEQUENCE:3\n") != std::string::npos);
  CHECK(text.find("segment00002.ts") == std::string::npos);
  CHECK(text.find("\nsegment00004.ts\n#EXT-X-ENDLIST\n") != std::string::npos);
}

TEST_CASE("playlist-root prefixes the segment names in the playlist", "[hls]") {
  TempDir dir;
  HlsRun run = run_hls(dir, 30, "target-duration=1 playlist-root=http://127.0.0.1:8080/live");
  REQUIRE(run.end);
  REQUIRE(run.end->type == MessageType::Eos);
  CHECK(read_text(dir / "playlist.m3u8").find("\nhttp://127.0.0.1:8080/live/segment00000.ts\n") !=
        std::string::npos);
}

TEST_CASE("hlssink2 refuses a location without exactly one integer conversion", "[hls]") {
  auto pipeline = parse_launch("fakesrc ! hlssink2 name=hls location=/tmp/segment%s.ts");
  CHECK(pipeline->set_state(State::Playing) == StateChangeReturn::Failure);
  auto m = pipeline->bus().timed_pop_filtered(5 * kSecond, MessageType::Error);
  REQUIRE(m);
  CHECK(m->source == "hls");
  CHECK(m->debug.find("segment%s.ts") != std::string::npos);
  pipeline->set_state(State::Null);
}

TEST_CASE("a segment folder that does not exist stops the stream with an ERROR naming the file",
          "[hls]") {
  TempDir dir;
  TempDir missing_parent;
  const std::string missing = missing_parent / "no/such/folder";
  auto pipeline = parse_launch(
      "appsrc name=src block=true caps=\"" + i420_caps(kWidth, kHeight) +
      "\" ! x264enc speed-preset=ultrafast tune=zerolatency ! mpegtsmux ! hlssink2 name=hls "
      "target-duration=1 location=" +
      missing + "/segment%05d.ts playlist-location=" + (dir / "playlist.m3u8"));
  pipeline->set_state(State::Playing);
  std::thread feeder = feed_frames(pipeline->get_by_name("src"), kWidth, kHeight, 60);
  auto m = wait_error(*pipeline);
  pipeline->set_state(State::Null);
  feeder.join();
  REQUIRE(m);
  CHECK(m->source == "hls");
  CHECK(m->debug.find(missing + "/segment00000.ts") != std::string::npos);
  CHECK(m->debug.find("No such file or directory") != std::string::npos);
}

// A small tmpfs (full) or a read-only one, mounted by the test; skipped
// where the test may not mount (not root, no CAP_SYS_ADMIN).
TEST_CASE("a full or read-only disk stops the stream with an ERROR saying so", "[hls]") {
  for (const bool read_only : {false, true}) {
    TempDir mnt;
    const std::string options = read_only ? "size=64k" : "size=8k";
    if (mount("tmpfs", mnt.path.c_str(), "tmpfs", read_only ? MS_RDONLY : 0, options.c_str()) !=
        0) {
      WARN("cannot mount a tmpfs here (" << std::strerror(errno) << "): skipped");
      return;
    }
    auto pipeline = parse_launch(
        "appsrc name=src block=true caps=\"" + i420_caps(kWidth, kHeight) +
        "\" ! x264enc speed-preset=ultrafast tune=zerolatency bitrate=4000 ! mpegtsmux ! "
        "hlssink2 name=hls target-duration=1 max-files=0 location=" +
        (mnt / "segment%05d.ts") + " playlist-location=" + (mnt / "playlist.m3u8"));
    pipeline->set_state(State::Playing);
    std::thread feeder = feed_frames(pipeline->get_by_name("src"), kWidth, kHeight, 120);
    auto m = wait_error(*pipeline);
    pipeline->set_state(State::Null);
    feeder.join();
    umount(mnt.path.c_str());
    REQUIRE(m);
    CHECK(m->source == "hls");
    CHECK(m->debug.find(read_only ? "Read-only file system" : "No space left on device") !=
          std::string::npos);
  }
}

}  // namespace gstmini::test
