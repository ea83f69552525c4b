// HlsSegmenter without a pipeline: where it cuts, what it writes in which
// order (segment, playlist, removals), the playlist text, and the location
// pattern. The storage records the calls instead of touching a disk.
#include <catch2/catch.hpp>
#include <map>

#include "elements/hls/hls_segmenter.hpp"

namespace gstmini {
namespace {

struct RecordingStorage : SegmentStorage {
  std::vector<std::string> calls;
  std::map<std::string, std::size_t> sizes;
  std::string playlist;
  std::string fail_on;  // a name whose write throws
  void write_segment(const std::string& name, const std::vector<std::uint8_t>& bytes) override {
    if (name == fail_on) throw StorageError("Could not write to file \"" + name + "\"");
    calls.push_back("segment " + name);
    sizes[name] = bytes.size();
  }
  void write_playlist(const std::string& name, const std::string& text) override {
    calls.push_back("playlist " + name);
    playlist = text;
  }
  void remove_segment(const std::string& name) override { calls.push_back("remove " + name); }
};

// 30 fps frames of 100 bytes; a keyframe every `gop` frames.
void feed(HlsSegmenter& s, int frames, int gop, int first = 0) {
  std::vector<std::uint8_t> bytes(100, 0x47);
  for (int n = first; n < first + frames; ++n) {
    const ClockTime t = static_cast<ClockTime>(n) * kSecond / 30;
    s.add(bytes.data(), bytes.size(), n % gop == 0, t,
          static_cast<ClockTime>(n + 1) * kSecond / 30);
  }
}

HlsSettings settings(std::uint64_t target, std::uint64_t max_files, std::uint64_t length) {
  HlsSettings s;
  s.location = "out/seg%03d.ts";
  s.playlist_location = "out/live.m3u8";
  s.target_duration = target;
  s.max_files = max_files;
  s.playlist_length = length;
  return s;
}

}  // namespace

TEST_CASE("a segment closes at the first keyframe once target-duration has passed", "[hls]") {
  RecordingStorage storage;
  HlsSegmenter s(settings(1, 0, 0), storage);
  feed(s, 75, 20);  // keyframes at 0, 20, 40, 60: due at 1 s -> cut at frame 40
  CHECK(storage.calls ==
        std::vector<std::string>{"segment out/seg000.ts", "playlist out/live.m3u8"});
  CHECK(storage.sizes["out/seg000.ts"] == 4000);
  CHECK(s.next_cut_time() == 40 * kSecond / 30 + kSecond);
  auto last = s.finish();
  REQUIRE(last);
  CHECK(last->location == "out/seg001.ts");
  CHECK(last->duration == 75 * kSecond / 30 - 40 * kSecond / 30);
  CHECK(storage.playlist ==
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-TARGETDURATION:1\n\n"
        "#EXTINF:1.333,\nseg000.ts\n#EXTINF:1.167,\nseg001.ts\n#EXT-X-ENDLIST\n");
}

TEST_CASE("data before the first keyframe is dropped: a segment always starts decodable", "[hls]") {
  RecordingStorage storage;
  HlsSegmenter s(settings(1, 0, 0), storage);
  feed(s, 10, 5, 1);  // frames 1..10: the first keyframe is frame 5
  CHECK(s.dropped_before_keyframe() == 400);
  auto last = s.finish();
  REQUIRE(last);
  CHECK(last->start == 5 * kSecond / 30);
}

TEST_CASE("segments past max-files are removed after the playlist stops naming them", "[hls]") {
  RecordingStorage storage;
  HlsSegmenter s(settings(1, 2, 2), storage);
  feed(s, 120, 30);  // 4 segments of 1 s (the 4th closes at finish)
  s.finish();
  CHECK(storage.calls == std::vector<std::string>{"segment out/seg000.ts", "playlist out/live.m3u8",
                                                  "segment out/seg001.ts", "playlist out/live.m3u8",
                                                  "segment out/seg002.ts", "playlist out/live.m3u8",
                                                  "remove out/seg000.ts", "segment out/seg003.ts",
                                                  "playlist out/live.m3u8", "remove out/seg001.ts",
                                                  "playlist out/live.m3u8"});
  CHECK(storage.playlist.find("#EXT-X-MEDIA-SEQUENCE:2\n") != std::string::npos);
  CHECK(storage.playlist.find("seg001.ts") == std::string::npos);
}

TEST_CASE("EXT-X-TARGETDURATION covers the longest segment when keyframes come late", "[hls]") {
  RecordingStorage storage;
  HlsSegmenter s(settings(1, 0, 0), storage);
  feed(s, 100, 75);  // keyframes at 0 and 75: a 2.5 s segment
  s.finish();
  CHECK(storage.playlist.find("#EXT-X-TARGETDURATION:3\n") != std::string::npos);
}

TEST_CASE("a storage error leaves the exception to the caller with the file named", "[hls]") {
  RecordingStorage storage;
  storage.fail_on = "out/seg000.ts";
  HlsSegmenter s(settings(1, 0, 0), storage);
  CHECK_THROWS_WITH(feed(s, 40, 30), Catch::Contains("out/seg000.ts"));
}

TEST_CASE("the location needs exactly one integer conversion", "[hls]") {
  std::string out, error;
  CHECK(format_segment_location("segment%05d.ts", 42, &out, &error));
  CHECK(out == "segment00042.ts");
  CHECK(format_segment_location("a%%b%u.ts", 7, &out, &error));
  CHECK(out == "a%b7.ts");
  CHECK_FALSE(format_segment_location("segment.ts", 1, &out, &error));
  CHECK(error.find("found 0") != std::string::npos);
  CHECK_FALSE(format_segment_location("s%d_%d.ts", 1, &out, &error));
  CHECK_FALSE(format_segment_location("s%s.ts", 1, &out, &error));
  CHECK(error.find("s%s.ts") != std::string::npos);
}

}  // namespace gstmini
