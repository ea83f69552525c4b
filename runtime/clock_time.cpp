#include "runtime/clock_time.hpp"

#include <cstdio>

namespace gstmini {

std::string format_time(ClockTime t) {
  if (!is_valid(t)) return "99:99:99.999999999";
  char text[40];
  std::snprintf(text, sizeof text, "%u:%02u:%02u.%09u", static_cast<unsigned>(t / (3600 * kSecond)),
                static_cast<unsigned>((t / (60 * kSecond)) % 60),
                static_cast<unsigned>((t / kSecond) % 60), static_cast<unsigned>(t % kSecond));
  return text;
}

std::string format_time_diff(ClockTimeDiff d) {
  if (d < 0) return "-" + format_time(static_cast<ClockTime>(-(d + 1)) + 1);
  return "+" + format_time(static_cast<ClockTime>(d));
}

}  // namespace gstmini
