// ClockTime formatting, checked against GStreamer's GST_TIME_FORMAT
// ("%u:%02u:%02u.%09u" of hours, minutes, seconds, nanoseconds, with NONE as
// "99:99:99.999999999") and GST_STIME_FORMAT (the same with a '+' or '-').
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include "runtime/clock_time.hpp"

using namespace gstmini;

TEST_CASE("the time units are nanosecond multiples", "[clock_time]") {
  STATIC_REQUIRE(kNanosecond == 1);
  STATIC_REQUIRE(kMicrosecond == 1000);
  STATIC_REQUIRE(kMillisecond == 1000 * 1000);
  STATIC_REQUIRE(kSecond == 1000 * 1000 * 1000);
  STATIC_REQUIRE(kClockTimeNone == std::numeric_limits<std::uint64_t>::max());
  STATIC_REQUIRE(is_valid(0));
  STATIC_REQUIRE(!is_valid(kClockTimeNone));
}

TEST_CASE("format_time prints hours, minutes, seconds and nanoseconds", "[clock_time]") {
  CHECK(format_time(1500 * kMillisecond) == "0:00:01.500000000");
  CHECK(format_time(0) == "0:00:00.000000000");
  CHECK(format_time(1) == "0:00:00.000000001");
  CHECK(format_time(59 * kSecond + 999999999) == "0:00:59.999999999");
  CHECK(format_time(61 * kSecond) == "0:01:01.000000000");
}

TEST_CASE("format_time prints hours without padding or wrapping", "[clock_time]") {
  CHECK(format_time(3 * 3600 * kSecond + 25 * 60 * kSecond + 45 * kSecond + 1) ==
        "3:25:45.000000001");
  CHECK(format_time(100 * 3600 * kSecond) == "100:00:00.000000000");
  // The largest valid time: (2^64 - 2) ns = 5124095 h 34 min 33.709551614 s.
  CHECK(format_time(kClockTimeNone - 1) == "5124095:34:33.709551614");
}

TEST_CASE("format_time prints NONE as GStreamer does", "[clock_time]") {
  CHECK(format_time(kClockTimeNone) == "99:99:99.999999999");
}

TEST_CASE("format_time_diff signs negative and positive differences", "[clock_time]") {
  CHECK(format_time_diff(-static_cast<ClockTimeDiff>(100 * kMicrosecond)) == "-0:00:00.000100000");
  CHECK(format_time_diff(static_cast<ClockTimeDiff>(2 * kSecond)) == "+0:00:02.000000000");
  CHECK(format_time_diff(static_cast<ClockTimeDiff>(3600 * kSecond + 1)) == "+1:00:00.000000001");
  CHECK(format_time_diff(-1) == "-0:00:00.000000001");
  CHECK(format_time_diff(0) == "+0:00:00.000000000");
  // 2^63 - 1 ns = 2562047 h 47 min 16.854775807 s.
  CHECK(format_time_diff(std::numeric_limits<ClockTimeDiff>::max()) == "+2562047:47:16.854775807");
}
