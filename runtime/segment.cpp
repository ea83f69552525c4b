// GstSegment's arithmetic for the TIME format, case by case as in GStreamer's
// gst/gstsegment.c. Unsigned values with a separate sign (1 / -1) stand in for
// negative times, exactly like the *_full functions there.
#include "runtime/segment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

namespace gstmini {
namespace {

// A non-negative double back to a ClockTime, truncating like a C conversion
// but saturating where C would be undefined (too large, or NaN).
ClockTime to_clock_time(double value) {
  constexpr double kTwoTo64 = 18446744073709551616.0;
  if (!(value < kTwoTo64)) return kClockTimeNone - 1;
  return static_cast<ClockTime>(value);
}

// t / |rate|, truncated (GStreamer: `guint64 result /= abs_rate`).
ClockTime divide_by_rate(ClockTime t, double abs_rate) {
  return abs_rate == 1.0 ? t : to_clock_time(static_cast<double>(t) / abs_rate);
}

// t * |rate|, truncated (GStreamer: `guint64 stream_time *= abs_applied_rate`).
ClockTime multiply_by_rate(ClockTime t, double abs_rate) {
  return abs_rate == 1.0 ? t : to_clock_time(static_cast<double>(t) * abs_rate);
}

// t * |rate|, rounded up (GStreamer: `position = ceil (position * abs_rate)`).
ClockTime multiply_by_rate_ceil(ClockTime t, double abs_rate) {
  return abs_rate == 1.0 ? t : to_clock_time(std::ceil(static_cast<double>(t) * abs_rate));
}

// The stop a reverse (rate < 0) segment counts down from: the stop, or
// start + duration when only the duration is known, else NONE.
ClockTime reverse_stop(const Segment& s) {
  if (is_valid(s.stop)) return s.stop;
  if (is_valid(s.duration)) return s.start + s.duration;
  return kClockTimeNone;
}

// Reads an unsigned seek value as GStreamer's (gint64) casts do.
bool is_negative_as_signed(ClockTime t) { return static_cast<ClockTimeDiff>(t) < 0; }

}  // namespace

int Segment::to_running_time_full(ClockTime pos, ClockTime* running_time) const {
  auto fail = [running_time] {
    if (running_time) *running_time = kClockTimeNone;
    return 0;
  };
  if (!is_valid(pos)) return fail();

  ClockTime distance = 0;
  int sign = 1;
  if (rate > 0.0) {
    const ClockTime begin = start + offset;
    if (pos < begin) {
      distance = begin - pos;
      sign = -1;
    } else {
      distance = pos - begin;
    }
  } else {
    ClockTime end = reverse_stop(*this);
    if (!is_valid(end) || end < offset) return fail();
    end -= offset;
    if (pos > end) {
      distance = pos - end;
      sign = -1;
    } else {
      distance = end - pos;
    }
  }
  if (!running_time) return sign;  // GStreamer skips the base correction here

  distance = divide_by_rate(distance, std::fabs(rate));
  if (sign > 0) {
    *running_time = distance + base;
    return 1;
  }
  if (base >= distance) {  // before the segment, but the base keeps it >= 0
    *running_time = base - distance;
    return 1;
  }
  *running_time = distance - base;
  return -1;
}

ClockTime Segment::to_running_time(ClockTime pos) const {
  if (!is_valid(pos) || pos < start || (is_valid(stop) && pos > stop)) return kClockTimeNone;
  ClockTime result = kClockTimeNone;
  return to_running_time_full(pos, &result) == 1 ? result : kClockTimeNone;
}

int Segment::to_stream_time_full(ClockTime pos, ClockTime* stream_time) const {
  ClockTime ignored = 0;
  ClockTime& out = stream_time ? *stream_time : ignored;
  out = kClockTimeNone;
  if (!is_valid(pos) || !is_valid(time)) return 0;

  const double abs_applied = std::fabs(applied_rate);
  // time + distance when `ahead`, else time - distance (sign -1 when below 0).
  auto from_time = [&](ClockTime distance, bool ahead) {
    distance = multiply_by_rate(distance, abs_applied);
    if (ahead) {
      out = time + distance;
      return 1;
    }
    if (distance > time) {
      out = distance - time;
      return -1;
    }
    out = time - distance;
    return 1;
  };

  if (applied_rate > 0.0) {
    return pos > start ? from_time(pos - start, true) : from_time(start - pos, false);
  }
  // Negative applied rate: the data runs backwards, time belongs to stop.
  if (!is_valid(stop)) return 0;
  return pos > stop ? from_time(pos - stop, false) : from_time(stop - pos, true);
}

ClockTime Segment::to_stream_time(ClockTime pos) const {
  if (!is_valid(pos) || pos < start || (is_valid(stop) && pos > stop)) return kClockTimeNone;
  ClockTime result = kClockTimeNone;
  return to_stream_time_full(pos, &result) == 1 ? result : kClockTimeNone;
}

int Segment::position_from_running_time_full(ClockTime running_time, ClockTime* pos) const {
  ClockTime ignored = 0;
  ClockTime& out = pos ? *pos : ignored;
  out = kClockTimeNone;
  if (!is_valid(running_time)) return 0;

  const double abs_rate = std::fabs(rate);
  if (rate > 0.0) {
    const ClockTime begin = start + offset;
    if (running_time >= base) {
      out = multiply_by_rate_ceil(running_time - base, abs_rate) + begin;
      return 1;
    }
    const ClockTime back = multiply_by_rate_ceil(base - running_time, abs_rate);
    if (begin >= back) {
      out = begin - back;
      return 1;
    }
    out = back - begin;
    return -1;
  }

  const ClockTime end = reverse_stop(*this);
  if (!is_valid(end)) return 0;
  if (running_time >= base) {
    const ClockTime forward = multiply_by_rate_ceil(running_time - base, abs_rate);
    if (end < forward + offset) {
      out = forward + offset - end;
      return -1;
    }
    out = end - forward - offset;
    return 1;
  }
  // Before the base: further back than (stop - offset), i.e. a larger position.
  const ClockTime back = multiply_by_rate_ceil(base - running_time, abs_rate);
  if (end + back >= offset) {
    out = end + back - offset;
    return 1;
  }
  out = offset - back - end;
  return -1;
}

ClockTime Segment::position_from_running_time(ClockTime running_time) const {
  ClockTime pos = kClockTimeNone;
  if (position_from_running_time_full(running_time, &pos) != 1) return kClockTimeNone;
  if (pos < start || (is_valid(stop) && pos > stop)) return kClockTimeNone;
  return pos;
}

bool Segment::clip(ClockTime buf_start, ClockTime buf_stop, ClockTime* clip_start,
                   ClockTime* clip_stop) const {
  // Starts at or after the segment stop. An empty segment (start == stop)
  // still contains a buffer starting exactly there.
  if (is_valid(stop) && is_valid(buf_start) &&
      (buf_start > stop || (start != stop && buf_start == stop)))
    return false;
  // Ends at or before the segment start. An empty buffer exactly at the
  // segment start is still inside.
  if (is_valid(buf_stop) && (buf_stop < start || (buf_start != buf_stop && buf_stop == start)))
    return false;

  if (clip_start) *clip_start = is_valid(buf_start) ? std::max(buf_start, start) : kClockTimeNone;
  if (clip_stop) {
    if (!is_valid(buf_stop))
      *clip_stop = stop;
    else if (!is_valid(stop))
      *clip_stop = buf_stop;
    else
      *clip_stop = std::min(buf_stop, stop);
  }
  return true;
}

bool Segment::do_seek(double new_rate, SeekFlags flags, SeekType start_type, ClockTime new_start,
                      SeekType stop_type, ClockTime new_stop, bool* update, std::string* error) {
  auto refuse = [error](std::string why) {
    if (error) *error = std::move(why);
    return false;
  };
  if (new_rate == 0.0) return refuse("seek rate must not be 0");
  if (!std::isfinite(new_rate)) return refuse("seek rate must be a finite number");

  bool update_start = true;
  switch (start_type) {
    case SeekType::None:
      new_start = start;
      update_start = false;
      break;
    case SeekType::Set:
      if (!is_valid(new_start)) new_start = 0;
      break;
    case SeekType::End:
      if (is_valid(duration)) {
        new_start = duration + new_start;  // wraps like guint64: a negative offset counts back
      } else {
        new_start = start;  // unknown duration: no update
        update_start = false;
      }
      break;
  }
  if (is_valid(duration))
    new_start = std::min(new_start, duration);
  else if (is_negative_as_signed(new_start))
    new_start = 0;

  bool update_stop = true;
  switch (stop_type) {
    case SeekType::None:
      new_stop = stop;
      update_stop = false;
      break;
    case SeekType::Set:
      break;
    case SeekType::End:
      if (is_valid(duration)) {
        new_stop = duration + new_stop;
      } else {
        new_stop = stop;
        update_stop = false;
      }
      break;
  }
  if (is_valid(new_stop)) {
    if (is_negative_as_signed(new_stop))
      new_stop = 0;
    else if (is_valid(duration) && new_stop > duration)
      new_stop = duration;
  }

  if (is_valid(new_stop) && new_start > new_stop) {
    return refuse("seek start " + format_time(new_start) + " lies after seek stop " +
                  format_time(new_stop));
  }

  ClockTime new_position = position;
  ClockTime new_base = 0;  // a flushing seek restarts running time
  if (!has_flag(flags, SeekFlags::Flush)) {
    // Keep the time already played: the running time of the current
    // position, brought inside the old [start, stop] (GStreamer's CLAMP).
    if (new_position > stop)
      new_position = stop;
    else if (new_position < start)
      new_position = start;
    new_base = to_running_time(new_position);
    if (!is_valid(new_base)) new_base = base;  // GStreamer would store NONE
  }

  if (update_start && new_rate > 0.0) new_position = new_start;
  if (update_stop && new_rate < 0.0) {
    if (is_valid(new_stop))
      new_position = new_stop;
    else if (is_valid(duration))
      new_position = duration;
    else
      new_position = 0;
  }
  if (update) *update = new_position != position;

  ClockTime new_offset = 0;
  if (new_rate > 0.0)
    new_offset = new_position - new_start;
  else if (is_valid(new_stop))
    new_offset = new_stop - new_position;
  else if (is_valid(duration))
    new_offset = duration - new_position;

  rate = new_rate;
  applied_rate = 1.0;
  base = new_base;
  offset = new_offset;
  start = new_start;
  stop = new_stop;
  time = new_start;
  position = new_position;
  return true;
}

bool Segment::operator==(const Segment& other) const {
  return format == other.format && rate == other.rate && applied_rate == other.applied_rate &&
         base == other.base && offset == other.offset && start == other.start &&
         stop == other.stop && time == other.time && position == other.position &&
         duration == other.duration;
}

bool Segment::operator!=(const Segment& other) const { return !(*this == other); }

const char* to_string(Format format) {
  switch (format) {
    case Format::Undefined:
      return "undefined";
    case Format::Default:
      return "default";
    case Format::Bytes:
      return "bytes";
    case Format::Time:
      return "time";
    case Format::Buffers:
      return "buffers";
    case Format::Percent:
      return "percent";
  }
  return "unknown";
}

namespace {
// A non-TIME value as GStreamer prints it (G_GINT64_FORMAT: NONE is -1).
std::string format_number(std::uint64_t value) {
  return std::to_string(static_cast<std::int64_t>(value));
}
}  // namespace

std::string to_string(const Segment& segment) {
  char rates[96];
  std::snprintf(rates, sizeof rates, "rate=%f, applied_rate=%f, flags=0x%02x", segment.rate,
                segment.applied_rate, 0u);
  if (segment.format != Format::Time) {
    return std::string(to_string(segment.format)) +
           " segment start=" + format_number(segment.start) +
           ", offset=" + format_number(segment.offset) + ", stop=" + format_number(segment.stop) +
           ", " + rates + ", time=" + format_number(segment.time) +
           ", base=" + format_number(segment.base) + ", position " +
           format_number(segment.position) + ", duration " + format_number(segment.duration);
  }
  return "time segment start=" + format_time(segment.start) +
         ", offset=" + format_time(segment.offset) + ", stop=" + format_time(segment.stop) + ", " +
         rates + ", time=" + format_time(segment.time) + ", base=" + format_time(segment.base) +
         ", position " + format_time(segment.position) + ", duration " +
         format_time(segment.duration);
}

}  // namespace gstmini
