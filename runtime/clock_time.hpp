// ClockTime: GStreamer's unit of time, in nanoseconds.
//
// Like GstClockTime it is an unsigned 64-bit count with one reserved value,
// kClockTimeNone, meaning "unknown / not set". ClockTimeDiff is the signed
// difference of two ClockTimes (GstClockTimeDiff).
#pragma once

#include <cstdint>
#include <string>

namespace gstmini {

using ClockTime = std::uint64_t;
using ClockTimeDiff = std::int64_t;

inline constexpr ClockTime kClockTimeNone = ~ClockTime{0};
inline constexpr ClockTime kNanosecond = 1;
inline constexpr ClockTime kMicrosecond = 1000;
inline constexpr ClockTime kMillisecond = 1000 * kMicrosecond;
inline constexpr ClockTime kSecond = 1000 * kMillisecond;

constexpr bool is_valid(ClockTime t) { return t != kClockTimeNone; }

// GStreamer's GST_TIME_FORMAT: "0:00:01.500000000"; kClockTimeNone prints as
// "99:99:99.999999999" exactly as GStreamer does.
std::string format_time(ClockTime t);

// A signed difference in the same layout with a sign: "-0:00:00.000100000".
std::string format_time_diff(ClockTimeDiff d);

}  // namespace gstmini
