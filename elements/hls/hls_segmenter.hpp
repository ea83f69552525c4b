// HlsSegmenter: cuts an MPEG transport stream into HLS segments and keeps
// the playlist (the logic of GStreamer's hlssink2 + splitmuxsink, without
// the element: hlssink2 and awss3hlssink both drive it).
//
// Input: TS buffers in order, each with its running time and whether it
// starts with a keyframe (mpegtsmux leaves DELTA_UNIT off those). Rules:
//   * a segment starts only at a keyframe; data before the first keyframe
//     cannot be decoded and is dropped (counted);
//   * a segment is due once target-duration has passed since its start; it
//     is closed at the first keyframe at or after that time. The owner asks
//     upstream for that keyframe (next_cut_time()) when a segment opens;
//   * a closed segment is written whole (SegmentStorage::write_segment),
//     then the playlist (atomically), then segments past max-files are
//     removed (0 = keep all);
//   * the playlist lists the last playlist-length segments (0 = all), with
//     EXT-X-MEDIA-SEQUENCE the number of the first one listed;
//   * finish() (EOS) closes the last segment and writes the playlist with
//     #EXT-X-ENDLIST.
// A segment's duration is the next segment's start minus its own (the last
// one: the end of its last buffer minus its start).
//
// Segment names come from `location`, a printf-style pattern with exactly
// one integer conversion (%d, %05d, %u...): segment%05d.ts. The playlist
// names a segment by its file name, prefixed by playlist-root if set.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "elements/hls/hls_storage.hpp"
#include "runtime/clock_time.hpp"

namespace gstmini {

struct HlsSettings {
  std::string location = "segment%05d.ts";
  std::string playlist_location = "playlist.m3u8";
  std::string playlist_root;
  std::uint64_t target_duration = 15;  // seconds; 0: cut only at EOS
  std::uint64_t max_files = 10;
  std::uint64_t playlist_length = 5;
};

// "segment%05d.ts" with 7 -> "segment00007.ts". False (and *error) if the
// pattern has no integer conversion, more than one, or another conversion.
bool format_segment_location(const std::string& pattern, std::uint64_t index, std::string* out,
                             std::string* error);

class HlsSegmenter {
 public:
  struct Fragment {
    std::uint64_t index = 0;
    std::string location;  // the file written
    std::string uri;       // as listed in the playlist
    ClockTime start = 0;   // running time of its first buffer
    ClockTime duration = 0;
  };
  struct AddResult {
    bool opened = false;             // a new segment began with this buffer
    std::optional<Fragment> closed;  // the segment this buffer finished
  };

  HlsSegmenter(HlsSettings settings, SegmentStorage& storage);
  // Checks the settings before any data: the location pattern.
  static bool validate(const HlsSettings& settings, std::string* error);

  // `running_time` of the buffer's first byte (its PTS), `end` its end
  // (PTS + duration; NONE if unknown). Throws StorageError.
  AddResult add(const std::uint8_t* data, std::size_t size, bool keyframe, ClockTime running_time,
                ClockTime end);
  // EOS: closes the open segment (if any) and writes the final playlist.
  std::optional<Fragment> finish();

  // When the open segment is due (start + target-duration); NONE if none.
  ClockTime next_cut_time() const;
  std::uint64_t dropped_before_keyframe() const { return dropped_; }
  const std::deque<Fragment>& listed() const { return listed_; }
  std::string playlist_text(bool ended) const;

 private:
  Fragment close_current(ClockTime end);
  void open(ClockTime start);

  HlsSettings settings_;
  SegmentStorage& storage_;
  bool open_ = false;
  Fragment current_;
  std::vector<std::uint8_t> bytes_;
  ClockTime end_ = kClockTimeNone;
  std::uint64_t next_index_ = 0;
  std::uint64_t dropped_ = 0;
  std::deque<Fragment> listed_;      // in the playlist
  std::deque<std::string> on_disk_;  // written and not yet removed, oldest first
  ClockTime longest_ = 0;
};

}  // namespace gstmini
