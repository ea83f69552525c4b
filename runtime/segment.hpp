// Segment: how buffer timestamps map to running time (GstSegment, TIME).
//
// A segment says which part of the stream plays (start..stop), how fast
// (rate) and where it sits on the pipeline's running-time line (base):
//
//   rate > 0:  running_time = (position - (start + offset)) / |rate| + base
//   rate < 0:  running_time = ((stop - offset) - position) / |rate| + base
//   stream_time = (position - start) * |applied_rate| + time   (mirrored
//                 for a negative applied_rate)
//
// Sinks render a buffer when the clock reads base_time + running_time(pts),
// so a rate of 2 plays twice as fast and a base shifts a whole segment later.
// All functions return kClockTimeNone where GStreamer returns -1.
#pragma once

#include <string>

#include "runtime/clock_time.hpp"

namespace gstmini {

enum class SeekFlags : unsigned {
  None = 0,
  Flush = 1u << 0,
  Accurate = 1u << 1,
  KeyUnit = 1u << 2,
  Segment = 1u << 3
};
constexpr SeekFlags operator|(SeekFlags a, SeekFlags b) {
  return static_cast<SeekFlags>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool has_flag(SeekFlags flags, SeekFlags f) {
  return (static_cast<unsigned>(flags) & static_cast<unsigned>(f)) != 0;
}

enum class SeekType { None, Set, End };

struct Segment {
  double rate = 1.0;
  double applied_rate = 1.0;
  ClockTime base = 0;
  ClockTime offset = 0;
  ClockTime start = 0;
  ClockTime stop = kClockTimeNone;
  ClockTime time = 0;
  ClockTime position = 0;
  ClockTime duration = kClockTimeNone;

  // kClockTimeNone when position is outside [start, stop]
  // (gst_segment_to_running_time).
  ClockTime to_running_time(ClockTime position) const;
  // gst_segment_to_running_time_full: 1 with *running_time set, -1 when the
  // result is negative (*running_time is then its absolute value), 0 when it
  // cannot be computed (NONE position, negative rate without a stop).
  int to_running_time_full(ClockTime position, ClockTime* running_time) const;
  // kClockTimeNone when position is outside [start, stop].
  ClockTime to_stream_time(ClockTime position) const;
  int to_stream_time_full(ClockTime position, ClockTime* stream_time) const;
  // The inverse of to_running_time (gst_segment_position_from_running_time).
  ClockTime position_from_running_time(ClockTime running_time) const;
  int position_from_running_time_full(ClockTime running_time, ClockTime* position) const;
  // Clips [start, stop) to the segment; false if it lies completely outside.
  bool clip(ClockTime start, ClockTime stop, ClockTime* clip_start, ClockTime* clip_stop) const;
  // gst_segment_do_seek. Refuses (false, with *error set) a zero rate, a seek
  // from the end with an unknown duration, or a start beyond the stop.
  bool do_seek(double rate, SeekFlags flags, SeekType start_type, ClockTime start,
               SeekType stop_type, ClockTime stop, bool* update, std::string* error = nullptr);

  bool operator==(const Segment& other) const;
  bool operator!=(const Segment& other) const { return !(*this == other); }
};

// "time segment start=0:00:00.000000000, offset=..., stop=..., rate=1.000000, ..."
std::string to_string(const Segment& segment);

}  // namespace gstmini
