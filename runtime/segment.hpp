// Segment: GStreamer's GstSegment, as a plain value type. Most segments are
// in TIME; a source reading a file (filesrc) works in BYTES, and a parser or
// decoder downstream turns that into TIME.
//
// A segment says which part of the stream plays ([start, stop]), how fast
// (rate), and where it sits on the pipeline's running-time line (base):
//
//   rate > 0:  running_time = (position - (start + offset)) / |rate| + base
//   rate < 0:  running_time = ((stop - offset) - position) / |rate| + base
//   applied_rate > 0:  stream_time = (position - start) * |applied_rate| + time
//   applied_rate < 0:  stream_time = (stop - position) * |applied_rate| + time
//
// A sink renders a buffer when the clock reads base_time + running_time(pts),
// so rate 2 plays twice as fast and a larger base places the whole segment
// later. Everything follows gst/gstsegment.c (GStreamer 1.x), including its
// integer rounding: dividing by a rate truncates, multiplying back up in
// position_from_running_time rounds up (ceil). kClockTimeNone plays the role
// of GStreamer's -1.
#pragma once

#include <string>

#include "runtime/clock_time.hpp"

namespace gstmini {

// GstFormat: the unit of segment values, seeks and position/duration
// queries. Same names and values as GStreamer's.
enum class Format { Undefined = 0, Default = 1, Bytes = 2, Time = 3, Buffers = 4, Percent = 5 };

// "undefined", "default", "bytes", "time", "buffers", "percent"
const char* to_string(Format format);

// The seek flags this runtime looks at (GstSeekFlags has the same meaning;
// the bit values are our own). Only Flush changes what do_seek computes.
enum class SeekFlags : unsigned {
  None = 0,
  Flush = 1u << 0,     // drop queued data; running time restarts at 0
  Accurate = 1u << 1,  // seek to the exact position
  KeyUnit = 1u << 2,   // seek to the nearest key unit
  Segment = 1u << 3,   // post segment-done instead of EOS
};

constexpr SeekFlags operator|(SeekFlags a, SeekFlags b) {
  return static_cast<SeekFlags>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr SeekFlags operator&(SeekFlags a, SeekFlags b) {
  return static_cast<SeekFlags>(static_cast<unsigned>(a) & static_cast<unsigned>(b));
}
// True when `flags` and `flag` share a bit (for a single flag: it is set).
constexpr bool has_flag(SeekFlags flags, SeekFlags flag) {
  return (flags & flag) != SeekFlags::None;
}

// GstSeekType without the long-deprecated CUR: None keeps the current value,
// Set takes the given value, End adds the given value to the duration.
enum class SeekType { None, Set, End };

struct Segment {
  // The unit of start, stop, position, ...; every formula below is the same
  // for any format, but only TIME positions are synced to the clock.
  Format format = Format::Time;
  double rate = 1.0;                    // playback rate requested by the seek; never 0
  double applied_rate = 1.0;            // rate already applied upstream to the data
  ClockTime base = 0;                   // running time at which this segment begins
  ClockTime offset = 0;                 // amount of the segment already played (skipped)
  ClockTime start = 0;                  // first position in the segment
  ClockTime stop = kClockTimeNone;      // last position, kClockTimeNone = open ended
  ClockTime time = 0;                   // stream time of `start`
  ClockTime position = 0;               // current playback position
  ClockTime duration = kClockTimeNone;  // total stream duration, if known

  // gst_segment_to_running_time: the running time of `position`, or
  // kClockTimeNone when `position` is NONE, before start, after a valid stop,
  // or when the full variant below gives no positive result.
  //   rate > 0:  (position - (start + offset)) / |rate| + base
  //   rate < 0:  ((stop - offset) - position) / |rate| + base   (needs a stop;
  //              start + duration stands in for an unknown stop)
  ClockTime to_running_time(ClockTime position) const;

  // gst_segment_to_running_time_full: the same formula for any position,
  // extrapolated outside [start, stop]. Returns 1 with *running_time set to a
  // positive running time, -1 with *running_time set to the absolute value of
  // a negative one, and 0 (with *running_time = kClockTimeNone) when it
  // cannot be computed: NONE position, or rate < 0 without a stop (nor a
  // duration), or stop < offset. As in GStreamer, a null
  // running_time skips the rate and base correction and only returns the sign
  // of (position - (start + offset)), resp. ((stop - offset) - position).
  int to_running_time_full(ClockTime position, ClockTime* running_time) const;

  // gst_segment_to_stream_time: kClockTimeNone when `position` is NONE,
  // outside [start, stop], or the stream time is unknown/negative.
  //   applied_rate > 0:  (position - start) * |applied_rate| + time
  //   applied_rate < 0:  (stop - position) * |applied_rate| + time  (needs a stop)
  ClockTime to_stream_time(ClockTime position) const;

  // gst_segment_to_stream_time_full: the extrapolating variant, with the same
  // 1 / -1 / 0 convention as to_running_time_full. 0 when position or time is
  // NONE, or applied_rate < 0 without a stop.
  int to_stream_time_full(ClockTime position, ClockTime* stream_time) const;

  // gst_segment_position_from_running_time: the position whose running time
  // is `running_time` (the inverse of to_running_time), or kClockTimeNone when
  // running_time is NONE or the position lies outside [start, stop].
  //   rate > 0:  position = ceil((running_time - base) * |rate|) + start + offset
  //   rate < 0:  position = (stop - offset) - ceil((running_time - base) * |rate|)
  ClockTime position_from_running_time(ClockTime running_time) const;

  // gst_segment_position_from_running_time_full: the extrapolating variant
  // with the 1 / -1 / 0 convention. Unlike GStreamer (which computes with an
  // undefined stop), rate < 0 uses start + duration for an unknown stop and
  // returns 0 when neither is known, mirroring to_running_time_full.
  int position_from_running_time_full(ClockTime running_time, ClockTime* position) const;

  // gst_segment_clip: clips the buffer range [start, stop) to the segment.
  // Returns false (outputs untouched) when it lies completely outside:
  //   - start >= segment stop (start == stop is inside only for an empty
  //     segment, start == segment stop), or
  //   - stop <= segment start (stop == segment start is inside only for an
  //     empty buffer, start == stop).
  // Otherwise *clip_start = max(start, segment start) (NONE stays NONE) and
  // *clip_stop = min(stop, segment stop), where a NONE stop on either side
  // means open ended (a NONE buffer stop yields the segment stop). Either
  // output pointer may be null.
  bool clip(ClockTime start, ClockTime stop, ClockTime* clip_start, ClockTime* clip_stop) const;

  // gst_segment_do_seek: configures the segment from a seek.
  //   start:  None keeps the current start; Set takes `start` (NONE means 0);
  //           End takes duration + start (pass a negative offset as
  //           static_cast<ClockTime>(ClockTimeDiff{-x})), or keeps the current
  //           start when the duration is unknown. Then clamped to <= duration
  //           (or, without a duration, to >= 0 read as a signed value).
  //   stop:   None keeps the current stop; Set takes `stop` (NONE = open
  //           ended); End takes duration + stop, or keeps the current stop.
  //           A valid stop is then clamped to [0, duration].
  //   base:   Flush restarts running time at 0; otherwise base becomes the
  //           running time of the current position clamped into the old
  //           [start, stop] (the time already played). GStreamer stores NONE
  //           when that running time is unknown; this keeps the old base.
  //   position: rate > 0 and start updated: the new start; rate < 0 and stop
  //           updated: the new stop (or the duration, or 0); otherwise kept.
  //   offset: rate > 0: position - start; rate < 0: stop - position (or
  //           duration - position, or 0). time = start, applied_rate = 1.
  // *update (if not null) is set to whether the position changed.
  // Returns false and changes nothing (neither the segment nor *update) for
  // rate == 0, a non-finite rate, or a start after a valid stop; *error (if
  // not null) then says why.
  bool do_seek(double rate, SeekFlags flags, SeekType start_type, ClockTime start,
               SeekType stop_type, ClockTime stop, bool* update, std::string* error = nullptr);

  // gst_segment_is_equal: every field equal, rates compared exactly.
  bool operator==(const Segment& other) const;
  bool operator!=(const Segment& other) const;
};

// GST_SEGMENT_FORMAT. Other formats print plain numbers (-1 for none):
// "bytes segment start=0, offset=0, stop=-1, rate=1.000000, ...".
// For a TIME segment:
// "time segment start=0:00:00.000000000, offset=0:00:00.000000000,
//  stop=99:99:99.999999999, rate=1.000000, applied_rate=1.000000, flags=0x00,
//  time=0:00:00.000000000, base=0:00:00.000000000, position 0:00:00.000000000,
//  duration 99:99:99.999999999" (one line). This Segment keeps no segment
// flags, so flags always prints 0x00.
std::string to_string(const Segment& segment);

}  // namespace gstmini
