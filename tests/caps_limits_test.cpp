// Caps at the edges of their number types: int64 ranges as wide as they get,
// fractions built from INT64_MIN, doubles that strtod flags, and caps whose
// printed form must parse back. Each case here was undefined behaviour (found
// by UBSan from launch lines, issue 9 item 11) or a round trip the caps fuzz
// target (fuzz/caps_fuzz.cpp) found broken; run them under
// `bash scripts/test.sh --sanitize` to see the overflow they guard.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "runtime/caps/caps.hpp"

using namespace gstmini;

namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

Caps caps(const std::string& text) { return Caps::from_string(text); }

void check_round_trip(const std::string& text) {
  INFO(text);
  Caps parsed = caps(text);
  INFO(parsed.to_string());
  CHECK(caps(parsed.to_string()) == parsed);
}

}  // namespace

TEST_CASE("the widest int range holds every int64", "[caps][caps-limits]") {
  Caps all = caps("x/y, v=(int)[ -9223372036854775808, 9223372036854775807 ]");
  CHECK(all.to_string() == "x/y, v=(int)[ -9223372036854775808, 9223372036854775807 ]");
  CHECK(caps("x/y, v=(int)0").is_subset(all));
  CHECK(caps("x/y, v=(int)-9223372036854775808").is_subset(all));
  CHECK(caps("x/y, v=(int)9223372036854775807").is_subset(all));
  CHECK(all.intersect(caps("x/y, v=(int)[ 5, 9223372036854775807 ]")).to_string() ==
        "x/y, v=(int)[ 5, 9223372036854775807 ]");
  check_round_trip("x/y, v=(int)[ -9223372036854775808, 9223372036854775807, 2 ]");
  // The last member of a stepped range that spans more than int64.
  CHECK(caps("x/y, v=(int)[ -9223372036854775808, 9223372036854775807, 4611686018427387904 ]")
            .to_string() ==
        "x/y, v=(int)[ -9223372036854775808, 4611686018427387904, 4611686018427387904 ]");
}

TEST_CASE("stepped ranges intersect across the whole int64 line", "[caps][caps-limits]") {
  // The grids' congruence and the first common member, with bounds whose
  // difference does not fit in int64.
  Caps a = caps("x/y, v=(int)[ -9223372036854775808, 9223372036854775807, 2 ]");
  Caps b = caps("x/y, v=(int)[ -9223372036854775807, 9223372036854775807, 2 ]");
  CHECK(a.intersect(b).is_empty());  // even and odd members
  Caps c = caps("x/y, v=(int)[ 9223372036854775806, 9223372036854775807 ]");
  CHECK(a.intersect(c).to_string() == "x/y, v=(int)9223372036854775806");
  CHECK(b.intersect(c).to_string() == "x/y, v=(int)9223372036854775807");
  // No member of the grid at or above the other's minimum.
  Caps d = caps("x/y, v=(int)[ 9223372036854775800, 9223372036854775807, 4 ]");
  CHECK(d.to_string() == "x/y, v=(int)[ 9223372036854775800, 9223372036854775804, 4 ]");
  CHECK(d.intersect(caps("x/y, v=(int)[ 9223372036854775805, 9223372036854775807 ]")).is_empty());
}

TEST_CASE("fixating to the nearest int never overflows", "[caps][caps-limits]") {
  CapsStructure s =
      caps("x/y, v=(int)[ -9223372036854775808, 9223372036854775807, 3 ]").structure(0);
  // Members are min + 3k up to max itself (2^64 - 1 is a multiple of 3):
  // kMax - 1 lies between kMax - 3 and kMax, nearer kMax.
  CHECK(s.fixate_field_nearest_int("v", kMax - 1));
  CHECK(*s.get("v")->get_if<std::int64_t>() == kMax);
  CapsStructure list =
      caps("x/y, v=(int){ -9223372036854775808, 9223372036854775807 }").structure(0);
  CHECK(list.fixate_field_nearest_int("v", kMax));
  CHECK(*list.get("v")->get_if<std::int64_t>() == kMax);
  CHECK(list.fixate_field_nearest_int("v", kMin));
  CHECK(*list.get("v")->get_if<std::int64_t>() == kMax);  // the only member left
}

TEST_CASE("fractions with INT64_MIN reduce without overflow", "[caps][caps-limits]") {
  CHECK(reduce(Fraction{kMin, 1}).num == kMin);
  CHECK(reduce(Fraction{kMin, 2}).num == kMin / 2);
  CHECK(reduce(Fraction{kMin, 2}).den == 1);
  CHECK(reduce(Fraction{2, kMin}).num == -1);
  CHECK(reduce(Fraction{2, kMin}).den == -(kMin / 2));
  Fraction odd = reduce(Fraction{1, kMin});  // 2^63 does not fit: the nearest that does
  CHECK(odd.den > 0);
  CHECK(odd.num <= 0);
  check_round_trip("x/y, f=(fraction)-9223372036854775808/1");
  check_round_trip("x/y, f=(fraction)[ -9223372036854775808/3, 9223372036854775807/1 ]");
  check_round_trip("x/y, f=-9223372036854775808/9223372036854775807");
}

TEST_CASE("printed caps parse back", "[caps][caps-limits]") {
  // A subnormal prints in a form strtod flags as underflow.
  check_round_trip("x/y, d=(double)4.9406564584124654e-324");
  check_round_trip("x/y, d=(double)[ 5e-324, 1e-310 ]");
  check_round_trip("x/y, d=(double)[ -inf, inf ]");
  // NaN is no member of any set: "nan" stays a string, (double)nan is refused.
  CHECK(caps("x/y, d=nan").to_string() == "x/y, d=(string)nan");
  check_round_trip("x/y, d=nan");
  CHECK_THROWS_AS(caps("x/y, d=(double)nan"), CapsParseError);
  // ANY, EMPTY and NONE are whole caps, never a media type: "a; ANY, w=1"
  // intersected down to its second structure would print as unparsable text.
  CHECK_THROWS_AS(caps("a/b; ANY, w=1"), CapsParseError);
  CHECK_THROWS_AS(caps("a/b; EMPTY"), CapsParseError);
}
