// Segment vectors, worked out from GStreamer's formulas (gstsegment.c) and
// its own tests (tests/check/gst/gstsegment.c), not from this code.
#include <catch2/catch.hpp>

#include "runtime/segment.hpp"

using namespace gstmini;

namespace {
constexpr ClockTime kMs = kMillisecond;
constexpr ClockTime kNone = kClockTimeNone;

Segment make(double rate, ClockTime start, ClockTime stop, ClockTime base = 0, ClockTime time = 0) {
  Segment s;
  s.rate = rate;
  s.start = start;
  s.stop = stop;
  s.base = base;
  s.time = time;
  return s;
}
}  // namespace

TEST_CASE("at rate 1 running time is position minus start plus base", "[segment]") {
  Segment s = make(1.0, 100, 200, 1000);
  CHECK(s.to_running_time(100) == 1000);
  CHECK(s.to_running_time(150) == 1050);
  CHECK(s.to_running_time(200) == 1100);
}

TEST_CASE("positions outside the segment have no running time", "[segment]") {
  Segment s = make(1.0, 100, 200);
  CHECK(s.to_running_time(99) == kNone);
  CHECK(s.to_running_time(201) == kNone);
  CHECK(s.to_running_time(kNone) == kNone);
  ClockTime rt = 0;
  CHECK(s.to_running_time_full(50, &rt) == -1);  // 50 before start, base 0
  CHECK(rt == 50);
}

TEST_CASE("a rate-2 segment halves running time and a rate-0.5 one doubles it", "[segment]") {
  CHECK(make(2.0, 0, kNone).to_running_time(4 * kSecond) == 2 * kSecond);
  CHECK(make(0.5, 0, kNone).to_running_time(4 * kSecond) == 8 * kSecond);
  CHECK(make(2.0, 2 * kSecond, kNone, 10 * kSecond).to_running_time(6 * kSecond) == 12 * kSecond);
}

TEST_CASE("a negative rate runs backwards from the stop", "[segment]") {
  Segment s = make(-1.0, 0, 10 * kSecond);
  CHECK(s.to_running_time(10 * kSecond) == 0);
  CHECK(s.to_running_time(7 * kSecond) == 3 * kSecond);
  CHECK(s.to_running_time(0) == 10 * kSecond);
  Segment fast = make(-2.0, 0, 10 * kSecond, kSecond);
  CHECK(fast.to_running_time(6 * kSecond) == 3 * kSecond);  // (10-6)/2 + 1
}

TEST_CASE("a negative rate without a stop cannot give running time", "[segment]") {
  Segment s = make(-1.0, 0, kNone);
  ClockTime rt = 0;
  CHECK(s.to_running_time_full(5, &rt) == 0);
  CHECK(s.to_running_time(5) == kNone);
  s.duration = 100;  // stop falls back to start + duration
  CHECK(s.to_running_time(40) == 60);
}

TEST_CASE("stream time adds the segment time and scales by applied rate", "[segment]") {
  Segment s = make(1.0, 100, 300, 0, 1000);
  CHECK(s.to_stream_time(100) == 1000);
  CHECK(s.to_stream_time(150) == 1050);
  CHECK(s.to_stream_time(99) == kNone);
  s.applied_rate = 2.0;
  CHECK(s.to_stream_time(150) == 1100);
  s.applied_rate = -1.0;
  CHECK(s.to_stream_time(150) == 950);
}

TEST_CASE("position from running time inverts running time", "[segment]") {
  for (double rate : {1.0, 2.0, 0.5, -1.0, -2.0}) {
    Segment s = make(rate, 10 * kSecond, 50 * kSecond, 3 * kSecond);
    for (ClockTime pos = 10 * kSecond; pos <= 50 * kSecond; pos += 5 * kSecond) {
      ClockTime rt = s.to_running_time(pos);
      INFO("rate " << rate << " position " << pos);
      REQUIRE(rt != kNone);
      CHECK(s.position_from_running_time(rt) == pos);
    }
  }
  CHECK(make(1.0, 100, 200, 1000).position_from_running_time(999) == kNone);
}

TEST_CASE("clip keeps what overlaps the segment", "[segment]") {
  Segment s = make(1.0, 100, 200);
  ClockTime cs = 0, ce = 0;
  CHECK(s.clip(120, 150, &cs, &ce));  // inside
  CHECK((cs == 120 && ce == 150));
  CHECK(s.clip(50, 150, &cs, &ce));  // straddles the start
  CHECK((cs == 100 && ce == 150));
  CHECK(s.clip(150, 250, &cs, &ce));  // straddles the stop
  CHECK((cs == 150 && ce == 200));
  CHECK_FALSE(s.clip(0, 50, &cs, &ce));     // before
  CHECK_FALSE(s.clip(250, 300, &cs, &ce));  // after
  CHECK_FALSE(s.clip(50, 100, &cs, &ce));   // ends exactly at the start
  CHECK_FALSE(s.clip(200, 250, &cs, &ce));  // starts exactly at the stop
  CHECK(s.clip(100, 100, &cs, &ce));        // empty buffer at the start is inside
  CHECK(s.clip(150, kNone, &cs, &ce));      // open-ended buffer: stop is the segment's
  CHECK((cs == 150 && ce == 200));
  CHECK(s.clip(kNone, 150, &cs, &ce));  // unknown start stays unknown
  CHECK((cs == kNone && ce == 150));
  Segment open = make(1.0, 100, kNone);
  CHECK(open.clip(150, 10000, &cs, &ce));
  CHECK((cs == 150 && ce == 10000));
}

TEST_CASE("a flushing seek restarts running time at the new position", "[segment][seek]") {
  Segment s;
  bool update = false;
  REQUIRE(
      s.do_seek(2.0, SeekFlags::Flush, SeekType::Set, 5 * kSecond, SeekType::None, kNone, &update));
  CHECK(update);
  CHECK(s.rate == 2.0);
  CHECK(s.start == 5 * kSecond);
  CHECK(s.time == 5 * kSecond);
  CHECK(s.base == 0);
  CHECK(s.to_running_time(5 * kSecond) == 0);
  CHECK(s.to_running_time(9 * kSecond) == 2 * kSecond);
}

TEST_CASE("a non-flushing seek accumulates the running time already played in base",
          "[segment][seek]") {
  Segment s;
  s.position = 3 * kSecond;  // played up to 3 s at rate 1
  REQUIRE(
      s.do_seek(1.0, SeekFlags::None, SeekType::Set, 20 * kSecond, SeekType::None, kNone, nullptr));
  CHECK(s.base == 3 * kSecond);
  CHECK(s.to_running_time(20 * kSecond) == 3 * kSecond);
  s.position = 22 * kSecond;
  REQUIRE(
      s.do_seek(0.5, SeekFlags::None, SeekType::Set, 40 * kSecond, SeekType::None, kNone, nullptr));
  CHECK(s.base == 5 * kSecond);  // 3 s + (22 - 20) s
  CHECK(s.to_running_time(41 * kSecond) == 7 * kSecond);
}

TEST_CASE("seeks GStreamer refuses are refused with a reason", "[segment][seek]") {
  Segment s;
  std::string error;
  CHECK_FALSE(
      s.do_seek(0.0, SeekFlags::Flush, SeekType::Set, 0, SeekType::None, kNone, nullptr, &error));
  CHECK(error == "seek rate must not be 0");
  CHECK_FALSE(
      s.do_seek(1.0, SeekFlags::Flush, SeekType::End, 0, SeekType::None, kNone, nullptr, &error));
  CHECK(error == "cannot seek from the end: the duration is unknown");
  CHECK_FALSE(
      s.do_seek(1.0, SeekFlags::Flush, SeekType::Set, 50, SeekType::Set, 10, nullptr, &error));
  CHECK(error == "seek start lies after seek stop");
  CHECK(s == Segment{});  // a refused seek changes nothing
}

TEST_CASE("a backwards seek starts at the stop", "[segment][seek]") {
  Segment s;
  s.duration = 60 * kSecond;
  REQUIRE(s.do_seek(-1.0, SeekFlags::Flush, SeekType::Set, 10 * kSecond, SeekType::Set,
                    30 * kSecond, nullptr));
  CHECK(s.position == 30 * kSecond);
  CHECK(s.to_running_time(30 * kSecond) == 0);
  CHECK(s.to_running_time(25 * kSecond) == 5 * kSecond);
}

TEST_CASE("segments print like GST_SEGMENT_FORMAT", "[segment]") {
  CHECK(to_string(make(1.0, kMs, kNone)) ==
        "time segment start=0:00:00.001000000, offset=0:00:00.000000000, "
        "stop=99:99:99.999999999, rate=1.000000, applied_rate=1.000000, "
        "time=0:00:00.000000000, base=0:00:00.000000000, position 0:00:00.000000000, "
        "duration 99:99:99.999999999");
}
