// Caps field values (GValue as GstCaps use it): fixed values, ranges and
// lists, with the set operations negotiation needs.
//
// A value stands for a set of values: 320 for {320}, [ 1, 100 ] for every
// int from 1 to 100, { RGB, I420 } for both strings. intersect() and
// is_subset() are set operations on those; fixate() picks one member the way
// gst_value_fixate does (the lowest of a range, the first of a list).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "runtime/fraction.hpp"

namespace gstmini {

struct IntRange {
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::int64_t step = 1;  // > 0; members are min, min + step, ... <= max
};

struct DoubleRange {
  double min = 0;
  double max = 0;
};

struct FractionRange {
  Fraction min;
  Fraction max;
};

struct CapsValue;
using CapsValueList = std::vector<CapsValue>;

// Invariants: fractions are reduced with den > 0; ranges have min < max;
// lists hold two or more distinct fixed values or ranges, never a list.
struct CapsValue {
  using Data = std::variant<bool, std::int64_t, double, std::string, Fraction, IntRange,
                            DoubleRange, FractionRange, CapsValueList>;
  Data data;

  CapsValue() : data(false) {}
  CapsValue(bool b) : data(b) {}  // NOLINT: values read like literals
  CapsValue(int i) : data(static_cast<std::int64_t>(i)) {}
  CapsValue(std::int64_t i) : data(i) {}
  CapsValue(double d) : data(d) {}
  CapsValue(std::string s) : data(std::move(s)) {}
  CapsValue(const char* s) : data(std::string(s)) {}
  CapsValue(Fraction f);
  // Ranges and lists normalise: an empty range or list is not a value, so
  // these return std::nullopt for them (min > max, no members).
  static std::optional<CapsValue> int_range(std::int64_t min, std::int64_t max,
                                            std::int64_t step = 1);
  static std::optional<CapsValue> double_range(double min, double max);
  static std::optional<CapsValue> fraction_range(Fraction min, Fraction max);
  static std::optional<CapsValue> list(CapsValueList members);

  bool is_fixed() const;  // neither a range nor a list
  // "int", "double", "string", "boolean", "fraction" (of the members).
  const char* type_name() const;

  template <class T>
  const T* get_if() const {
    return std::get_if<T>(&data);
  }
};

bool operator==(const CapsValue& a, const CapsValue& b);  // same set
inline bool operator!=(const CapsValue& a, const CapsValue& b) { return !(a == b); }

Fraction reduce(Fraction f);
int compare(Fraction a, Fraction b);  // <0, 0, >0; both den > 0

// The members both contain; nullopt when none.
std::optional<CapsValue> intersect(const CapsValue& a, const CapsValue& b);
// Every member of `a` is a member of `b`.
bool is_subset(const CapsValue& a, const CapsValue& b);
// One member: the lowest of a range, the first of a list.
CapsValue fixate(const CapsValue& value);

// GStreamer's serialisation, type included: "(int)320", "(int)[ 1, 100 ]",
// "(string){ RGB, I420 }", "(fraction)30/1", "(string)\"a b\"".
std::string serialize(const CapsValue& value);
// The value alone, without the type: "320", "[ 1, 100 ]".
std::string serialize_untyped(const CapsValue& value);

}  // namespace gstmini
