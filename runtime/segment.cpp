// GstSegment's arithmetic, following gst/gstsegment.c case by case.
#include "runtime/segment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gstmini {
namespace {

ClockTime scale_down(ClockTime t, double abs_rate) {
  return abs_rate == 1.0 ? t : static_cast<ClockTime>(static_cast<double>(t) / abs_rate);
}
ClockTime scale_up(ClockTime t, double abs_rate) {
  return abs_rate == 1.0 ? t : static_cast<ClockTime>(std::ceil(static_cast<double>(t) * abs_rate));
}
// base +/- distance, reported like GStreamer: sign and absolute value.
int add_signed(ClockTime base, ClockTime distance, bool subtract, ClockTime* out) {
  if (!subtract) {
    *out = distance + base;
    return 1;
  }
  if (distance > base) {
    *out = distance - base;
    return -1;
  }
  *out = base - distance;
  return 1;
}

}  // namespace

int Segment::to_running_time_full(ClockTime pos, ClockTime* running_time) const {
  if (!is_valid(pos)) {
    *running_time = kClockTimeNone;
    return 0;
  }
  const double abs_rate = std::fabs(rate);
  if (rate > 0.0) {
    const ClockTime begin = start + offset;
    if (pos >= begin)
      return add_signed(base, scale_down(pos - begin, abs_rate), false, running_time);
    return add_signed(base, scale_down(begin - pos, abs_rate), true, running_time);
  }
  ClockTime end = stop;
  if (!is_valid(end) && is_valid(duration)) end = start + duration;
  if (!is_valid(end) || end < offset) return 0;
  end -= offset;
  if (pos <= end) return add_signed(base, scale_down(end - pos, abs_rate), false, running_time);
  return add_signed(base, scale_down(pos - end, abs_rate), true, running_time);
}

ClockTime Segment::to_running_time(ClockTime pos) const {
  if (!is_valid(pos) || pos < start || (is_valid(stop) && pos > stop)) return kClockTimeNone;
  ClockTime result;
  return to_running_time_full(pos, &result) == 1 ? result : kClockTimeNone;
}

int Segment::to_stream_time_full(ClockTime pos, ClockTime* stream_time) const {
  if (!is_valid(pos) || !is_valid(time)) {
    *stream_time = kClockTimeNone;
    return 0;
  }
  const double abs_applied = std::fabs(applied_rate);
  if (applied_rate > 0.0) {
    if (pos > start)
      return add_signed(time, scale_up(pos - start, abs_applied), false, stream_time);
    return add_signed(time, scale_up(start - pos, abs_applied), true, stream_time);
  }
  if (!is_valid(stop)) return 0;
  if (pos > start) return add_signed(time, scale_up(pos - start, abs_applied), true, stream_time);
  return add_signed(time, scale_up(start - pos, abs_applied), false, stream_time);
}

ClockTime Segment::to_stream_time(ClockTime pos) const {
  if (!is_valid(pos) || pos < start || (is_valid(stop) && pos > stop)) return kClockTimeNone;
  ClockTime result;
  return to_stream_time_full(pos, &result) == 1 ? result : kClockTimeNone;
}

int Segment::position_from_running_time_full(ClockTime running_time, ClockTime* pos) const {
  if (!is_valid(running_time)) {
    *pos = kClockTimeNone;
    return 0;
  }
  const double abs_rate = std::fabs(rate);
  if (rate > 0.0) {
    const ClockTime begin = start + offset;
    if (running_time >= base) {
      *pos = scale_up(running_time - base, abs_rate) + begin;
      return 1;
    }
    ClockTime back = scale_up(base - running_time, abs_rate);
    if (begin > back) {
      *pos = begin - back;
      return 1;
    }
    *pos = back - begin;
    return -1;
  }
  ClockTime end = stop;
  if (!is_valid(end) && is_valid(duration)) end = start + duration;
  if (!is_valid(end) || end < offset) return 0;
  end -= offset;
  if (running_time >= base) {
    ClockTime forward = scale_up(running_time - base, abs_rate);
    if (end < forward) {
      *pos = forward - end;
      return -1;
    }
    *pos = end - forward;
    return 1;
  }
  ClockTime back = scale_up(base - running_time, abs_rate);
  if (end < kClockTimeNone - back) {
    *pos = end + back;
    return 1;
  }
  *pos = kClockTimeNone;
  return 0;
}

ClockTime Segment::position_from_running_time(ClockTime running_time) const {
  ClockTime pos;
  if (position_from_running_time_full(running_time, &pos) != 1) return kClockTimeNone;
  if (pos < start || (is_valid(stop) && pos > stop)) return kClockTimeNone;
  return pos;
}

bool Segment::clip(ClockTime s, ClockTime e, ClockTime* clip_start, ClockTime* clip_stop) const {
  // Starting at or after the stop is outside (unless the segment is empty).
  if (is_valid(stop) && is_valid(s) && (s > stop || (start != stop && s == stop))) return false;
  // Ending before the start is outside (an empty buffer at the start is inside).
  if (is_valid(e) && (e < start || (s != e && e == start))) return false;
  if (clip_start) *clip_start = is_valid(s) ? std::max(s, start) : kClockTimeNone;
  if (clip_stop) {
    if (!is_valid(e))
      *clip_stop = stop;
    else if (!is_valid(stop))
      *clip_stop = e;
    else
      *clip_stop = std::min(e, stop);
  }
  return true;
}

bool Segment::do_seek(double new_rate, SeekFlags flags, SeekType start_type, ClockTime new_start,
                      SeekType stop_type, ClockTime new_stop, bool* update, std::string* error) {
  auto refuse = [error](const char* why) {
    if (error) *error = why;
    return false;
  };
  if (new_rate == 0.0) return refuse("seek rate must not be 0");
  bool update_start = true, update_stop = true;
  switch (start_type) {
    case SeekType::None:
      new_start = start;
      update_start = false;
      break;
    case SeekType::Set:
      if (!is_valid(new_start)) new_start = 0;
      break;
    case SeekType::End:
      if (!is_valid(duration)) return refuse("cannot seek from the end: the duration is unknown");
      new_start = duration + new_start;  // new_start is an offset from the end
      break;
  }
  if (is_valid(duration)) new_start = std::min(new_start, duration);

  switch (stop_type) {
    case SeekType::None:
      new_stop = stop;
      update_stop = false;
      break;
    case SeekType::Set:
      break;
    case SeekType::End:
      new_stop = is_valid(duration) ? duration + new_stop : kClockTimeNone;
      break;
  }
  if (is_valid(new_stop) && is_valid(duration)) new_stop = std::min(new_stop, duration);
  if (is_valid(new_stop) && new_start > new_stop) return refuse("seek start lies after seek stop");

  ClockTime new_base = 0;  // a flushing seek restarts running time
  if (!has_flag(flags, SeekFlags::Flush)) {
    ClockTime clamped = std::clamp(position, start, is_valid(stop) ? stop : kClockTimeNone);
    new_base = to_running_time(clamped);
    if (!is_valid(new_base)) new_base = base;
  }

  ClockTime new_position = position;
  if (update_start && new_rate > 0.0) new_position = new_start;
  if (update_stop && new_rate < 0.0)
    new_position = is_valid(new_stop) ? new_stop : (is_valid(duration) ? duration : 0);
  if (update) *update = new_position != position;

  rate = new_rate;
  applied_rate = 1.0;
  base = new_base;
  if (new_rate > 0.0)
    offset = new_position - new_start;
  else if (is_valid(new_stop))
    offset = new_stop - new_position;
  else if (is_valid(duration))
    offset = duration - new_position;
  else
    offset = 0;
  start = new_start;
  stop = new_stop;
  time = new_start;
  position = new_position;
  return true;
}

bool Segment::operator==(const Segment& o) const {
  return rate == o.rate && applied_rate == o.applied_rate && base == o.base && offset == o.offset &&
         start == o.start && stop == o.stop && time == o.time && position == o.position &&
         duration == o.duration;
}

std::string to_string(const Segment& s) {
  char rates[64];
  std::snprintf(rates, sizeof rates, "rate=%f, applied_rate=%f", s.rate, s.applied_rate);
  return "time segment start=" + format_time(s.start) + ", offset=" + format_time(s.offset) +
         ", stop=" + format_time(s.stop) + ", " + rates + ", time=" + format_time(s.time) +
         ", base=" + format_time(s.base) + ", position " + format_time(s.position) + ", duration " +
         format_time(s.duration);
}

}  // namespace gstmini
