// Segment vectors. Every expected value is worked out by hand from the C code
// of GStreamer's gst/gstsegment.c, and several are GStreamer's own vectors
// from tests/check/gst/gstsegment.c (converted to TIME); the comments show
// the arithmetic. None was obtained by running this implementation.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "runtime/segment.hpp"

using namespace gstmini;

namespace {

constexpr ClockTime kNone = kClockTimeNone;
constexpr ClockTime kS = kSecond;

Segment make(double rate, ClockTime start, ClockTime stop, ClockTime base = 0, ClockTime time = 0) {
  Segment s;
  s.rate = rate;
  s.start = start;
  s.stop = stop;
  s.base = base;
  s.time = time;
  return s;
}

// GStreamer's check_times(): stream and running time of `pos`, and that both
// map back to `pos` when defined (here only running time has an inverse).
void check_times(const Segment& s, ClockTime pos, ClockTime stream_time, ClockTime running_time) {
  INFO("position " << pos << " in " << to_string(s));
  CHECK(s.to_stream_time(pos) == stream_time);
  CHECK(s.to_running_time(pos) == running_time);
  if (running_time != kNone) CHECK(s.position_from_running_time(running_time) == pos);
}

}  // namespace

// ---------------------------------------------------------------------------
// Running time

TEST_CASE("at rate 1 running time is the distance from start plus base", "[segment]") {
  // (position - start) / 1 + base
  Segment s = make(1.0, 2 * kS, 10 * kS, 5 * kS);
  CHECK(s.to_running_time(2 * kS) == 5 * kS);
  CHECK(s.to_running_time(3 * kS) == 6 * kS);
  CHECK(s.to_running_time(10 * kS) == 13 * kS);  // the stop itself is inside
}

TEST_CASE("a rate-2 segment halves running time", "[segment]") {
  // (6 s - 2 s) / 2 + 10 s = 12 s
  CHECK(make(2.0, 2 * kS, kNone, 10 * kS).to_running_time(6 * kS) == 12 * kS);
  CHECK(make(2.0, 0, kNone).to_running_time(4 * kS) == 2 * kS);
  // GStreamer truncates: 3 ns / 2 = 1.5 -> 1
  CHECK(make(2.0, 0, kNone).to_running_time(3) == 1);
}

TEST_CASE("a rate-0.5 segment doubles running time", "[segment]") {
  // (4 s - 1 s) / 0.5 + 1 s = 7 s
  CHECK(make(0.5, 1 * kS, kNone, 1 * kS).to_running_time(4 * kS) == 7 * kS);
}

TEST_CASE("a rate -1 segment counts running time down from the stop", "[segment]") {
  // (stop - position) / 1 + base
  Segment s = make(-1.0, 0, 10 * kS);
  CHECK(s.to_running_time(10 * kS) == 0);
  CHECK(s.to_running_time(7 * kS) == 3 * kS);
  CHECK(s.to_running_time(0) == 10 * kS);
  // rate -2, base 1 s: (10 s - 6 s) / 2 + 1 s = 3 s
  CHECK(make(-2.0, 0, 10 * kS, kS).to_running_time(6 * kS) == 3 * kS);
}

TEST_CASE("GStreamer's negative-rate vectors hold", "[segment]") {
  // tests/check/gst/gstsegment.c, segment_negative_rate: start 50, stop 200,
  // time 0, rate -1, applied_rate -1. Running time = 200 - position; stream
  // time = (200 - position) * 1 + 0.
  Segment s = make(-1.0, 50, 200);
  s.applied_rate = -1.0;
  s.position = 150;
  check_times(s, 100, 100, 100);
  check_times(s, 220, kNone, kNone);  // after stop
  check_times(s, 10, kNone, kNone);   // before start
  check_times(s, 50, 150, 150);
  check_times(s, 150, 50, 50);
  check_times(s, 200, 0, 0);
  s.time = 100;
  s.base = 100;
  check_times(s, 100, 200, 200);
  check_times(s, 50, 250, 250);
  check_times(s, 150, 150, 150);
  check_times(s, 200, 100, 100);
}

TEST_CASE("a negative rate without a stop counts from start plus duration", "[segment]") {
  // gst_segment_to_running_time_full: stop = start + duration when stop is -1;
  // with neither it fails (returns 0).
  Segment s = make(-1.0, 10, kNone);
  ClockTime rt = 0;
  CHECK(s.to_running_time_full(40, &rt) == 0);
  CHECK(rt == kNone);
  CHECK(s.to_running_time(40) == kNone);
  s.duration = 100;                    // stop stands in as 10 + 100 = 110
  CHECK(s.to_running_time(40) == 70);  // 110 - 40
  CHECK(s.position_from_running_time(70) == 40);
}

TEST_CASE("positions before start or after stop have no running time", "[segment]") {
  Segment s = make(1.0, 100, 200, 1000);
  CHECK(s.to_running_time(99) == kNone);
  CHECK(s.to_running_time(201) == kNone);
  CHECK(s.to_running_time(kNone) == kNone);
  Segment reverse = make(-1.0, 100, 200);
  CHECK(reverse.to_running_time(99) == kNone);
  CHECK(reverse.to_running_time(201) == kNone);
}

TEST_CASE("the full running time reports a negative result as -1 and its size", "[segment]") {
  // segment_full: start 50, stop 200, time 0.
  Segment s = make(1.0, 50, 200);
  ClockTime rt = 0;
  CHECK(s.to_running_time_full(50, &rt) == 1);
  CHECK(rt == 0);
  CHECK(s.to_running_time_full(200, &rt) == 1);
  CHECK(rt == 150);
  CHECK(s.to_running_time_full(40, &rt) == -1);  // 10 before start
  CHECK(rt == 10);
  CHECK(s.to_running_time_full(201, &rt) == 1);  // extrapolated past stop
  CHECK(rt == 151);
  CHECK(s.to_running_time_full(kNone, &rt) == 0);
  CHECK(rt == kNone);

  // gst_segment_offset_running_time(-50) on that segment sets offset 50:
  // position 50 is now 50 before start + offset.
  s.offset = 50;
  CHECK(s.to_running_time_full(50, &rt) == -1);
  CHECK(rt == 50);
  CHECK(s.to_running_time(50) == kNone);  // inside [start, stop] but negative

  // A base larger than the deficit makes it positive again: 100 - 10 = 90.
  Segment based = make(1.0, 50, 200, 100);
  CHECK(based.to_running_time_full(40, &rt) == 1);
  CHECK(rt == 90);
  // Rate 2 scales the deficit first: 20 / 2 = 10 before base 0.
  CHECK(make(2.0, 50, 200).to_running_time_full(30, &rt) == -1);
  CHECK(rt == 10);
}

// ---------------------------------------------------------------------------
// Stream time

TEST_CASE("stream time adds the segment time scaled by applied rate", "[segment]") {
  // (position - start) * |applied_rate| + time
  Segment s = make(1.0, 100, 300, 0, 1000);
  CHECK(s.to_stream_time(100) == 1000);
  CHECK(s.to_stream_time(150) == 1050);
  CHECK(s.to_stream_time(99) == kNone);
  CHECK(s.to_stream_time(301) == kNone);
  s.applied_rate = 2.0;
  CHECK(s.to_stream_time(150) == 1100);  // 50 * 2 + 1000
  s.applied_rate = 0.5;
  CHECK(s.to_stream_time(150) == 1025);  // 50 * 0.5 + 1000
  // The playback rate does not enter stream time.
  s.applied_rate = 1.0;
  s.rate = 4.0;
  CHECK(s.to_stream_time(150) == 1050);
}

TEST_CASE("a negative applied rate counts stream time down from the stop", "[segment]") {
  // segment_negative_applied_rate: start 50, stop 200, time 0, rate 1,
  // applied_rate -1. Stream time = (200 - position) + time, running time =
  // position - 50 + base.
  Segment s = make(1.0, 50, 200);
  s.applied_rate = -1.0;
  s.position = 150;
  check_times(s, 100, 100, 50);
  check_times(s, 220, kNone, kNone);
  check_times(s, 10, kNone, kNone);
  check_times(s, 50, 150, 0);
  check_times(s, 150, 50, 100);
  check_times(s, 200, 0, 150);
  s.time = 100;
  s.base = 100;
  check_times(s, 100, 200, 150);
  check_times(s, 50, 250, 100);
  check_times(s, 150, 150, 200);
  check_times(s, 200, 100, 250);
}

TEST_CASE("the full stream time extrapolates outside the segment", "[segment]") {
  // segment_stream_time_full: start 50, stop 200, time 30.
  Segment s = make(1.0, 50, 200, 0, 30);
  ClockTime st = 0;
  CHECK(s.to_stream_time_full(0, &st) == -1);  // 30 - 50 = -20
  CHECK(st == 20);
  CHECK(s.to_stream_time_full(20, &st) == 1);  // 30 - 30 = 0
  CHECK(st == 0);
  CHECK(s.to_stream_time_full(10, &st) == -1);
  CHECK(st == 10);
  CHECK(s.to_stream_time_full(40, &st) == 1);
  CHECK(st == 20);
  // Reverse data (applied_rate -1), time 0: (200 - 0) + 0 = 200; past the
  // stop, 250 is 50 below time 0; with time 70 it is 70 - 50 = 20.
  Segment r = make(-1.0, 50, 200);
  r.applied_rate = -1.0;
  CHECK(r.to_stream_time_full(0, &st) == 1);
  CHECK(st == 200);
  CHECK(r.to_stream_time_full(250, &st) == -1);
  CHECK(st == 50);
  r.time = 70;
  CHECK(r.to_stream_time_full(250, &st) == 1);
  CHECK(st == 20);
}

TEST_CASE("stream time needs a known time, and a stop for a negative applied rate", "[segment]") {
  Segment s = make(1.0, 0, 100);
  s.time = kNone;
  CHECK(s.to_stream_time(50) == kNone);
  Segment r = make(1.0, 0, kNone);
  r.applied_rate = -1.0;
  ClockTime st = 0;
  CHECK(r.to_stream_time_full(50, &st) == 0);
  CHECK(r.to_stream_time(50) == kNone);
  CHECK(s.to_stream_time(kNone) == kNone);
}

// ---------------------------------------------------------------------------
// Position from running time

TEST_CASE("position from running time is the inverse of running time", "[segment]") {
  for (double rate : {1.0, 2.0, 0.5, -1.0, -2.0, -0.5}) {
    Segment s = make(rate, 10 * kS, 50 * kS, 3 * kS);
    for (ClockTime pos = 10 * kS; pos <= 50 * kS; pos += 5 * kS) {
      INFO("rate " << rate << ", position " << pos);
      const ClockTime rt = s.to_running_time(pos);
      REQUIRE(rt != kNone);
      CHECK(s.position_from_running_time(rt) == pos);
    }
  }
  // With an offset: running time 0 sits at start + offset.
  Segment s = make(1.0, 10 * kS, 50 * kS);
  s.offset = 5 * kS;
  CHECK(s.to_running_time(15 * kS) == 0);
  CHECK(s.position_from_running_time(0) == 15 * kS);
  CHECK(s.position_from_running_time(kS) == 16 * kS);
}

TEST_CASE("position from running time is NONE outside the segment", "[segment]") {
  Segment s = make(1.0, 100, 200, 1000);
  CHECK(s.position_from_running_time(kNone) == kNone);
  CHECK(s.position_from_running_time(999) == kNone);   // would be 99 < start
  CHECK(s.position_from_running_time(1101) == kNone);  // would be 201 > stop
  CHECK(s.position_from_running_time(1100) == 200);
}

TEST_CASE("position from running time rounds up as GStreamer does", "[segment]") {
  // Rate 3: running time of 10 ns is trunc(10 / 3.0) = 3; back up it is
  // ceil(3 * 3.0) = 9. GStreamer gives the same 9.
  Segment s = make(3.0, 0, kNone);
  CHECK(s.to_running_time(10) == 3);
  CHECK(s.position_from_running_time(3) == 9);
  // Rate 0.4: ceil(1 * 0.4) = 1.
  CHECK(make(0.4, 0, kNone).position_from_running_time(1) == 1);
}

TEST_CASE("the full position from running time extrapolates before the base", "[segment]") {
  ClockTime pos = 0;
  // segment_full after gst_segment_set_running_time(100): start 150, stop
  // 300, base 100. Running time 140 -> (140 - 100) + 150 = 190.
  Segment s = make(1.0, 150, 300, 100);
  CHECK(s.position_from_running_time_full(140, &pos) == 1);
  CHECK(pos == 190);
  // Running time 70 is 30 before the base: 150 - 30 = 120, still positive
  // (current gstsegment.c; releases before its fix returned -1 here).
  CHECK(s.position_from_running_time_full(70, &pos) == 1);
  CHECK(pos == 120);
  // Start 0, base 100, running time 0: 0 - 100 -> -1 with 100.
  CHECK(make(1.0, 0, kNone, 100).position_from_running_time_full(0, &pos) == -1);
  CHECK(pos == 100);
  // Reverse, stop 200, base 10: running time 0 is 10 before the base, i.e.
  // 200 + 10 = 210 (beyond the stop, counting down); running time 300 is
  // 290 after the base: 200 - 290 = -90.
  Segment r = make(-1.0, 0, 200, 10);
  CHECK(r.position_from_running_time_full(0, &pos) == 1);
  CHECK(pos == 210);
  CHECK(r.position_from_running_time_full(300, &pos) == -1);
  CHECK(pos == 90);
  CHECK(r.position_from_running_time_full(kNone, &pos) == 0);
  CHECK(pos == kNone);
}

// ---------------------------------------------------------------------------
// Clipping

TEST_CASE("clip keeps a buffer inside the segment unchanged", "[segment][clip]") {
  Segment s = make(1.0, 100, 200);
  ClockTime cs = 0, ce = 0;
  REQUIRE(s.clip(120, 150, &cs, &ce));
  CHECK(cs == 120);
  CHECK(ce == 150);
  REQUIRE(s.clip(100, 200, &cs, &ce));  // exactly the segment
  CHECK(cs == 100);
  CHECK(ce == 200);
}

TEST_CASE("clip cuts a buffer straddling the start or the stop", "[segment][clip]") {
  Segment s = make(1.0, 100, 200);
  ClockTime cs = 0, ce = 0;
  REQUIRE(s.clip(50, 150, &cs, &ce));
  CHECK(cs == 100);
  CHECK(ce == 150);
  REQUIRE(s.clip(150, 250, &cs, &ce));
  CHECK(cs == 150);
  CHECK(ce == 200);
  REQUIRE(s.clip(50, 250, &cs, &ce));  // straddles both
  CHECK(cs == 100);
  CHECK(ce == 200);
}

TEST_CASE("clip refuses a buffer completely outside the segment", "[segment][clip]") {
  Segment s = make(1.0, 100, 200);
  ClockTime cs = 7, ce = 7;
  CHECK_FALSE(s.clip(0, 50, &cs, &ce));     // before
  CHECK_FALSE(s.clip(250, 300, &cs, &ce));  // after
  CHECK_FALSE(s.clip(50, 100, &cs, &ce));   // ends exactly at start: stop is exclusive
  CHECK_FALSE(s.clip(200, 250, &cs, &ce));  // starts exactly at stop
  CHECK_FALSE(s.clip(90, 90, &cs, &ce));    // empty buffer before start
  CHECK((cs == 7 && ce == 7));              // outputs untouched when outside
}

TEST_CASE("clip treats empty buffers and empty segments like GStreamer", "[segment][clip]") {
  ClockTime cs = 0, ce = 0;
  Segment s = make(1.0, 100, 200);
  REQUIRE(s.clip(100, 100, &cs, &ce));  // empty buffer at the start is inside
  CHECK((cs == 100 && ce == 100));
  REQUIRE(s.clip(120, 120, &cs, &ce));
  CHECK((cs == 120 && ce == 120));
  // segment_seek_size: an empty segment [200, 200].
  Segment empty = make(1.0, 200, 200);
  CHECK_FALSE(empty.clip(100, 200, &cs, &ce));  // ends at the point: outside
  REQUIRE(empty.clip(200, 300, &cs, &ce));      // starts at the point: inside
  CHECK((cs == 200 && ce == 200));
  REQUIRE(empty.clip(150, 250, &cs, &ce));
  CHECK((cs == 200 && ce == 200));
  CHECK_FALSE(empty.clip(250, 300, &cs, &ce));
}

TEST_CASE("clip handles open-ended buffers and segments", "[segment][clip]") {
  ClockTime cs = 0, ce = 0;
  Segment s = make(1.0, 100, 200);
  REQUIRE(s.clip(150, kNone, &cs, &ce));  // a NONE buffer stop yields the segment stop
  CHECK((cs == 150 && ce == 200));
  REQUIRE(s.clip(50, kNone, &cs, &ce));
  CHECK((cs == 100 && ce == 200));
  CHECK_FALSE(s.clip(200, kNone, &cs, &ce));
  Segment open = make(1.0, 100, kNone);
  REQUIRE(open.clip(150, 10000, &cs, &ce));
  CHECK((cs == 150 && ce == 10000));
  REQUIRE(open.clip(50, kNone, &cs, &ce));  // open on both sides
  CHECK((cs == 100 && ce == kNone));
}

TEST_CASE("clip keeps a NONE buffer start NONE", "[segment][clip]") {
  ClockTime cs = 0, ce = 0;
  Segment s = make(1.0, 100, 200);
  REQUIRE(s.clip(kNone, 150, &cs, &ce));
  CHECK((cs == kNone && ce == 150));
  // segment_seek_nosize "invalid start": NONE start with a stop at the
  // segment start is outside (start != stop, stop == segment start).
  CHECK_FALSE(s.clip(kNone, 100, &cs, &ce));
  CHECK(s.clip(120, 150, nullptr, nullptr));  // outputs are optional
}

// ---------------------------------------------------------------------------
// Seeking

TEST_CASE("a flushing seek to 5 s at rate 2 makes 5 s the start of running time",
          "[segment][seek]") {
  Segment s;
  s.position = 2 * kS;
  bool update = false;
  REQUIRE(s.do_seek(2.0, SeekFlags::Flush | SeekFlags::Accurate, SeekType::Set, 5 * kS,
                    SeekType::None, kNone, &update));
  CHECK(update);  // position moved 2 s -> 5 s
  CHECK(s.rate == 2.0);
  CHECK(s.applied_rate == 1.0);
  CHECK(s.start == 5 * kS);
  CHECK(s.time == 5 * kS);
  CHECK(s.position == 5 * kS);
  CHECK(s.stop == kNone);
  CHECK(s.base == 0);    // flush resets running time
  CHECK(s.offset == 0);  // position - start
  CHECK(s.to_running_time(5 * kS) == s.base);
  CHECK(s.to_running_time(9 * kS) == 2 * kS);  // 4 s of media at rate 2
  CHECK(s.to_stream_time(9 * kS) == 9 * kS);
}

TEST_CASE("a non-flushing seek accumulates the time already played into base", "[segment][seek]") {
  Segment s;
  s.position = 3 * kS;  // played 0..3 s at rate 1
  REQUIRE(s.do_seek(1.0, SeekFlags::None, SeekType::Set, 20 * kS, SeekType::None, kNone, nullptr));
  CHECK(s.base == 3 * kS);  // running time of the old position
  CHECK(s.to_running_time(20 * kS) == 3 * kS);
  s.position = 22 * kS;  // played 2 s more
  bool update = false;
  REQUIRE(s.do_seek(0.5, SeekFlags::None, SeekType::Set, 40 * kS, SeekType::None, kNone, &update));
  CHECK(update);
  CHECK(s.base == 5 * kS);                      // (22 s - 20 s) / 1 + 3 s
  CHECK(s.to_running_time(41 * kS) == 7 * kS);  // 1 s / 0.5 + 5 s
}

TEST_CASE("after a rate-2 flushing seek a second seek's base counts at rate 2", "[segment][seek]") {
  Segment s;
  REQUIRE(s.do_seek(2.0, SeekFlags::Flush, SeekType::Set, 5 * kS, SeekType::None, kNone, nullptr));
  s.position = 9 * kS;  // 4 s of media = 2 s of running time
  REQUIRE(s.do_seek(1.0, SeekFlags::None, SeekType::Set, 30 * kS, SeekType::None, kNone, nullptr));
  CHECK(s.base == 2 * kS);
  CHECK(s.to_running_time(31 * kS) == 3 * kS);
  // A flushing seek throws the accumulated base away again.
  REQUIRE(s.do_seek(1.0, SeekFlags::Flush, SeekType::Set, 40 * kS, SeekType::None, kNone, nullptr));
  CHECK(s.base == 0);
}

TEST_CASE("a seek that keeps start and stop keeps the position", "[segment][seek]") {
  // segment_seek_noupdate: start 0, position 50, stop 200.
  Segment s = make(1.0, 0, 200);
  s.position = 50;
  bool update = true;
  REQUIRE(s.do_seek(1.0, SeekFlags::None, SeekType::None, 0, SeekType::None, 0, &update));
  CHECK_FALSE(update);
  CHECK((s.start == 0 && s.stop == 200 && s.time == 0 && s.position == 50));
  CHECK(s.base == 50);    // running time of position 50
  CHECK(s.offset == 50);  // position - start: the 50 already played
  REQUIRE(s.do_seek(2.0, SeekFlags::None, SeekType::None, 0, SeekType::None, 0, &update));
  CHECK_FALSE(update);
  CHECK(s.base == 50);  // (50 - (0 + 50)) / 2 + 50
  CHECK(s.offset == 50);
  REQUIRE(s.do_seek(1.0, SeekFlags::Flush, SeekType::None, 0, SeekType::None, 0, &update));
  CHECK_FALSE(update);
  CHECK(s.base == 0);
  CHECK(s.offset == 50);
  CHECK(s.position == 50);
}

TEST_CASE("seeks relative to the end use the duration", "[segment][seek]") {
  // segment_seek_size, in TIME: duration 200, END -100 / END -20.
  Segment s;
  s.duration = 200;
  bool update = false;
  REQUIRE(s.do_seek(1.0, SeekFlags::None, SeekType::End, static_cast<ClockTime>(-100),
                    SeekType::End, static_cast<ClockTime>(-20), &update));
  CHECK(s.start == 100);
  CHECK(s.stop == 180);
  CHECK(s.position == 100);
  CHECK(update);
  check_times(s, 150, 150, 50);
  // segment_seek_rate: END +100 clamps the stop to the duration.
  REQUIRE(s.do_seek(2.0, SeekFlags::None, SeekType::None, kNone, SeekType::End, 100, &update));
  CHECK(s.stop == 200);
  // A start beyond the duration clamps to it.
  REQUIRE(s.do_seek(1.0, SeekFlags::Flush, SeekType::Set, 300, SeekType::Set, kNone, &update));
  CHECK(s.start == 200);
  CHECK(s.stop == kNone);
}

TEST_CASE("seeks relative to an unknown end change nothing", "[segment][seek]") {
  // segment_seek_nosize: start 200, stop 300, base 50, no duration.
  Segment s = make(1.0, 200, 300, 50, 200);
  s.position = 200;
  s.offset = 0;
  bool update = true;
  REQUIRE(s.do_seek(1.0, SeekFlags::None, SeekType::End, static_cast<ClockTime>(-300),
                    SeekType::End, static_cast<ClockTime>(-100), &update));
  CHECK_FALSE(update);
  CHECK((s.start == 200 && s.stop == 300 && s.position == 200));
  CHECK(s.base == 50);  // running time of position 200
  check_times(s, 250, 250, 100);
}

TEST_CASE("a backwards seek starts playing at the stop", "[segment][seek]") {
  // segment_seek_reverse, in TIME: duration 200.
  Segment s;
  s.duration = 200;
  bool update = false;
  REQUIRE(s.do_seek(-1.0, SeekFlags::None, SeekType::Set, 0, SeekType::Set, 100, &update));
  CHECK((s.start == 0 && s.stop == 100 && s.time == 0 && s.position == 100));
  CHECK(update);
  CHECK(s.offset == 0);  // stop - position
  check_times(s, 100, 100, 0);
  check_times(s, 50, 50, 50);
  check_times(s, 0, 0, 100);

  REQUIRE(s.do_seek(-1.0, SeekFlags::None, SeekType::Set, 10, SeekType::Set, 80, &update));
  CHECK((s.start == 10 && s.stop == 80 && s.time == 10 && s.position == 80));
  CHECK(update);
  CHECK(s.base == 0);  // running time of position 100 in [0, 100] at rate -1
  check_times(s, 80, 80, 0);
  check_times(s, 40, 40, 40);
  check_times(s, 10, 10, 70);

  REQUIRE(s.do_seek(-1.0, SeekFlags::None, SeekType::Set, 20, SeekType::None, 0, &update));
  CHECK((s.start == 20 && s.stop == 80 && s.time == 20 && s.position == 80));
  CHECK_FALSE(update);  // the stop did not change, so neither did the position
  check_times(s, 80, 80, 0);
  check_times(s, 20, 20, 60);
}

TEST_CASE("a non-flushing backwards seek accumulates the time played backwards",
          "[segment][seek]") {
  Segment s;
  REQUIRE(s.do_seek(-1.0, SeekFlags::Flush, SeekType::Set, 0, SeekType::Set, 100 * kS, nullptr));
  s.position = 60 * kS;  // played 100 s down to 60 s: 40 s of running time
  REQUIRE(s.do_seek(-1.0, SeekFlags::None, SeekType::Set, 0, SeekType::Set, 50 * kS, nullptr));
  CHECK(s.base == 40 * kS);
  CHECK(s.position == 50 * kS);
  CHECK(s.to_running_time(50 * kS) == 40 * kS);
  CHECK(s.to_running_time(45 * kS) == 45 * kS);  // (50 - 45) + 40
}

TEST_CASE("a backwards seek without a stop starts at the duration or 0", "[segment][seek]") {
  Segment s;
  s.duration = 70 * kS;
  REQUIRE(s.do_seek(-1.0, SeekFlags::Flush, SeekType::Set, 0, SeekType::Set, kNone, nullptr));
  CHECK(s.stop == kNone);
  CHECK(s.position == 70 * kS);  // the duration
  CHECK(s.offset == 0);          // duration - position
  CHECK(s.to_running_time(70 * kS) == 0);
  CHECK(s.to_running_time(60 * kS) == 10 * kS);  // start + duration stands in for stop

  Segment unknown;
  REQUIRE(unknown.do_seek(-1.0, SeekFlags::Flush, SeekType::Set, 0, SeekType::Set, kNone, nullptr));
  CHECK(unknown.position == 0);
  CHECK(unknown.to_running_time(0) == kNone);  // nothing to count down from
}

TEST_CASE("a zero rate seek is refused with a reason", "[segment][seek]") {
  Segment s;
  std::string error;
  bool update = true;
  CHECK_FALSE(s.do_seek(0.0, SeekFlags::Flush, SeekType::Set, 5 * kS, SeekType::None, kNone,
                        &update, &error));
  CHECK(error == "seek rate must not be 0");
  CHECK(update);          // untouched
  CHECK(s == Segment{});  // unchanged
  CHECK_FALSE(s.do_seek(-0.0, SeekFlags::None, SeekType::Set, 0, SeekType::None, kNone, nullptr));
}

TEST_CASE("other impossible seeks are refused and change nothing", "[segment][seek]") {
  Segment s;
  std::string error;
  CHECK_FALSE(s.do_seek(std::numeric_limits<double>::quiet_NaN(), SeekFlags::Flush, SeekType::Set,
                        0, SeekType::None, kNone, nullptr, &error));
  CHECK(error == "seek rate must be a finite number");
  CHECK_FALSE(s.do_seek(std::numeric_limits<double>::infinity(), SeekFlags::Flush, SeekType::Set, 0,
                        SeekType::None, kNone, nullptr, &error));
  // segment_seek_nosize: start 300 after stop 200 is refused.
  CHECK_FALSE(s.do_seek(1.0, SeekFlags::None, SeekType::Set, 3 * kS, SeekType::Set, 2 * kS, nullptr,
                        &error));
  CHECK(error == "seek start 0:00:03.000000000 lies after seek stop 0:00:02.000000000");
  CHECK(s == Segment{});
  // Without an error pointer the refusal is just false.
  CHECK_FALSE(
      s.do_seek(1.0, SeekFlags::None, SeekType::Set, 3 * kS, SeekType::Set, 2 * kS, nullptr));
}

TEST_CASE("seek values below zero clamp to zero", "[segment][seek]") {
  // GStreamer clamps (gint64) start/stop at 0 when no duration is known.
  Segment s;
  REQUIRE(s.do_seek(1.0, SeekFlags::Flush, SeekType::Set, static_cast<ClockTime>(-5), SeekType::Set,
                    static_cast<ClockTime>(-3), nullptr));
  CHECK(s.start == 0);
  CHECK(s.stop == 0);
  // A NONE start under Set means 0.
  REQUIRE(s.do_seek(1.0, SeekFlags::Flush, SeekType::Set, kNone, SeekType::Set, kNone, nullptr));
  CHECK(s.start == 0);
  CHECK(s.stop == kNone);
}

// ---------------------------------------------------------------------------
// Value type

TEST_CASE("segments compare field by field", "[segment]") {
  Segment a, b;
  CHECK(a == b);
  CHECK_FALSE(a != b);
  b.applied_rate = -1.0;
  CHECK(a != b);
  b = a;
  b.duration = 10;
  CHECK(a != b);
  Segment copy = b;
  CHECK(copy == b);
}

TEST_CASE("seek flags combine with | and test with &", "[segment]") {
  const SeekFlags flags = SeekFlags::Flush | SeekFlags::KeyUnit;
  CHECK((flags & SeekFlags::Flush) == SeekFlags::Flush);
  CHECK((flags & SeekFlags::Accurate) == SeekFlags::None);
  CHECK(has_flag(flags, SeekFlags::KeyUnit));
  CHECK_FALSE(has_flag(flags, SeekFlags::Segment));
}

TEST_CASE("segments print like GST_SEGMENT_FORMAT", "[segment]") {
  CHECK(to_string(Segment{}) ==
        "time segment start=0:00:00.000000000, offset=0:00:00.000000000, "
        "stop=99:99:99.999999999, rate=1.000000, applied_rate=1.000000, flags=0x00, "
        "time=0:00:00.000000000, base=0:00:00.000000000, position 0:00:00.000000000, "
        "duration 99:99:99.999999999");
  Segment s = make(-2.0, 1500 * kMillisecond, 3601 * kS, 2 * kS, 7 * kS);
  s.applied_rate = 0.5;
  s.position = 3 * kS;
  s.duration = 2 * 3600 * kS;
  s.offset = 1;
  CHECK(to_string(s) ==
        "time segment start=0:00:01.500000000, offset=0:00:00.000000001, "
        "stop=1:00:01.000000000, rate=-2.000000, applied_rate=0.500000, flags=0x00, "
        "time=0:00:07.000000000, base=0:00:02.000000000, position 0:00:03.000000000, "
        "duration 2:00:00.000000000");
}
