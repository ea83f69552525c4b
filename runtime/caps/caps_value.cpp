#include "runtime/caps/caps_value.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <numeric>
#include <type_traits>

namespace gstmini {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

const CapsValueList* as_list(const CapsValue& v) { return v.get_if<CapsValueList>(); }

// Int bounds are int64: hi - lo can exceed int64 ([ -2^63, 2^63-1 ] spans
// 2^64-1), so distances between members are taken in uint64, where hi >= lo
// makes them exact, and stepping from a member is done there too.
std::uint64_t distance(std::int64_t lo, std::int64_t hi) {  // hi >= lo
  return static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
}

// lo + d for a result known to be in [lo, INT64_MAX].
std::int64_t advance(std::int64_t lo, std::uint64_t d) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + d);
}

// v mod m in [0, m) for m > 0 (% keeps the sign of v).
std::int64_t modulo(std::int64_t v, std::int64_t m) {
  std::int64_t r = v % m;
  return r < 0 ? r + m : r;
}

// Ranges collapse to a single value when min == max.
std::optional<CapsValue> int_span(std::int64_t lo, std::int64_t hi, std::int64_t step) {
  if (lo > hi) return std::nullopt;
  if (lo == hi) return CapsValue(lo);
  return CapsValue::int_range(lo, hi, step);
}

// First member of `r` that is >= lo; none when it would pass r.max (a range's
// max is always a member: int_range moves it down to the last one).
std::optional<std::int64_t> align_up(std::int64_t lo, const IntRange& r) {
  if (lo <= r.min) return r.min;
  if (lo > r.max) return std::nullopt;
  const auto step = static_cast<std::uint64_t>(r.step);
  std::uint64_t offset = distance(r.min, lo) % step;
  if (!offset) return lo;
  if (distance(lo, r.max) < step - offset) return std::nullopt;
  return advance(lo, step - offset);
}

bool contains(const IntRange& r, std::int64_t v) {
  return v >= r.min && v <= r.max && distance(r.min, v) % static_cast<std::uint64_t>(r.step) == 0;
}

std::optional<CapsValue> intersect_ranges(const IntRange& a, const IntRange& b) {
  // Members of both: only when one step divides into the other's grid.
  // Steps other than 1 are rare (GStreamer uses them for alignment);
  // incompatible grids are treated as disjoint.
  if (a.step == 1 || b.step == 1 || a.step == b.step) {
    const IntRange& grid = a.step >= b.step ? a : b;
    const IntRange& other = a.step >= b.step ? b : a;
    if (other.step != 1 && modulo(grid.min, other.step) != modulo(other.min, other.step))
      return std::nullopt;
    auto lo = align_up(std::max(a.min, b.min), grid);
    if (!lo) return std::nullopt;
    return int_span(*lo, std::min(a.max, b.max), grid.step);
  }
  return std::nullopt;
}

std::optional<CapsValue> double_span(double lo, double hi) {
  if (lo > hi) return std::nullopt;
  if (lo == hi) return CapsValue(lo);
  return CapsValue::double_range(lo, hi);
}

std::optional<CapsValue> fraction_span(Fraction lo, Fraction hi) {
  int c = compare(lo, hi);
  if (c > 0) return std::nullopt;
  if (c == 0) return CapsValue(lo);
  return CapsValue::fraction_range(lo, hi);
}

bool in(const FractionRange& r, Fraction f) {
  return compare(f, r.min) >= 0 && compare(f, r.max) <= 0;
}

std::optional<CapsValue> intersect_fixed_or_range(const CapsValue& a, const CapsValue& b) {
  using R = std::optional<CapsValue>;
  auto same = [&](const auto& x, const auto& y) -> R {
    if (x == y) return a;
    return std::nullopt;
  };
  return std::visit(
      Overloaded{
          [&](bool x, bool y) -> R { return same(x, y); },
          [&](std::int64_t x, std::int64_t y) -> R { return same(x, y); },
          [&](std::int64_t x, const IntRange& r) -> R {
            return contains(r, x) ? R(a) : std::nullopt;
          },
          [&](const IntRange& r, std::int64_t y) -> R {
            return contains(r, y) ? R(b) : std::nullopt;
          },
          [&](const IntRange& x, const IntRange& y) -> R { return intersect_ranges(x, y); },
          [&](double x, double y) -> R { return same(x, y); },
          [&](double x, const DoubleRange& r) -> R {
            return x >= r.min && x <= r.max ? R(a) : std::nullopt;
          },
          [&](const DoubleRange& r, double y) -> R {
            return y >= r.min && y <= r.max ? R(b) : std::nullopt;
          },
          [&](const DoubleRange& x, const DoubleRange& y) -> R {
            return double_span(std::max(x.min, y.min), std::min(x.max, y.max));
          },
          [&](const std::string& x, const std::string& y) -> R { return same(x, y); },
          [&](Fraction x, Fraction y) -> R { return compare(x, y) == 0 ? R(a) : std::nullopt; },
          [&](Fraction x, const FractionRange& r) -> R { return in(r, x) ? R(a) : std::nullopt; },
          [&](const FractionRange& r, Fraction y) -> R { return in(r, y) ? R(b) : std::nullopt; },
          [&](const FractionRange& x, const FractionRange& y) -> R {
            Fraction lo = compare(x.min, y.min) >= 0 ? x.min : y.min;
            Fraction hi = compare(x.max, y.max) <= 0 ? x.max : y.max;
            return fraction_span(lo, hi);
          },
          [&](const auto&, const auto&) -> R { return std::nullopt; },  // different types
      },
      a.data, b.data);
}

bool is_simple_string_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+' ||
         c == '/' || c == ':' || c == '.';
}

std::string quote_if_needed(const std::string& s) {
  if (!s.empty() && std::all_of(s.begin(), s.end(), is_simple_string_char)) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string format_double(double d) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, res.ptr);
}

std::string format_fraction(Fraction f) {
  return std::to_string(f.num) + "/" + std::to_string(f.den);
}

}  // namespace

Fraction reduce(Fraction f) {
  if (f.num == 0) return Fraction{0, 1};
  // In uint64: INT64_MIN has no int64 magnitude (std::gcd and unary minus
  // on it are undefined).
  const bool negative = (f.num < 0) != (f.den < 0);
  auto magnitude = [](std::int64_t v) {
    return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  };
  std::uint64_t num = magnitude(f.num);
  std::uint64_t den = magnitude(f.den);
  std::uint64_t g = std::gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  // Only -2^63 / odd (or odd / -2^63) leaves a 2^63 that int64 cannot hold
  // as a positive value; caps fractions are 32-bit, so such a value comes
  // only from the API: halve both, the nearest fraction that fits.
  const std::uint64_t limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (den > limit || (num > limit && !negative)) {
    num /= 2;
    den /= 2;
    if (num == 0 || den == 0) return Fraction{0, 1};
  }
  const auto n = static_cast<std::int64_t>(negative ? 0 - num : num);
  return Fraction{n, static_cast<std::int64_t>(den)};
}

int compare(Fraction a, Fraction b) {
  // Both denominators are positive; caps fractions are 32-bit like gint,
  // so the products fit in 64 bits (__int128 keeps wider ones exact).
  __extension__ using Wide = __int128;
  Wide l = static_cast<Wide>(a.num) * b.den;
  Wide r = static_cast<Wide>(b.num) * a.den;
  return l < r ? -1 : (l > r ? 1 : 0);
}

CapsValue::CapsValue(Fraction f) : data(reduce(f)) {}

std::optional<CapsValue> CapsValue::int_range(std::int64_t min, std::int64_t max,
                                              std::int64_t step) {
  if (min > max || step <= 0) return std::nullopt;
  const std::uint64_t span = distance(min, max);
  max = advance(min, span - span % static_cast<std::uint64_t>(step));  // the last member
  if (min == max) return CapsValue(min);
  CapsValue v;
  v.data = IntRange{min, max, step};
  return v;
}

std::optional<CapsValue> CapsValue::double_range(double min, double max) {
  if (!(min <= max)) return std::nullopt;
  if (min == max) return CapsValue(min);
  CapsValue v;
  v.data = DoubleRange{min, max};
  return v;
}

std::optional<CapsValue> CapsValue::fraction_range(Fraction min, Fraction max) {
  if (min.den <= 0 || max.den <= 0) return std::nullopt;
  min = reduce(min);
  max = reduce(max);
  int c = compare(min, max);
  if (c > 0) return std::nullopt;
  if (c == 0) return CapsValue(min);
  CapsValue v;
  v.data = FractionRange{min, max};
  return v;
}

std::optional<CapsValue> CapsValue::list(CapsValueList members) {
  CapsValueList flat;
  for (CapsValue& m : members) {
    if (const CapsValueList* inner = as_list(m)) {
      for (const CapsValue& x : *inner)
        if (std::find(flat.begin(), flat.end(), x) == flat.end()) flat.push_back(x);
    } else if (std::find(flat.begin(), flat.end(), m) == flat.end()) {
      flat.push_back(std::move(m));
    }
  }
  if (flat.empty()) return std::nullopt;
  if (flat.size() == 1) return std::move(flat.front());
  CapsValue v;
  v.data = std::move(flat);
  return v;
}

bool CapsValue::is_fixed() const {
  return !std::holds_alternative<IntRange>(data) && !std::holds_alternative<DoubleRange>(data) &&
         !std::holds_alternative<FractionRange>(data) &&
         !std::holds_alternative<CapsValueList>(data);
}

const char* CapsValue::type_name() const {
  return std::visit(Overloaded{
                        [](bool) { return "boolean"; },
                        [](std::int64_t) { return "int"; },
                        [](const IntRange&) { return "int"; },
                        [](double) { return "double"; },
                        [](const DoubleRange&) { return "double"; },
                        [](const std::string&) { return "string"; },
                        [](Fraction) { return "fraction"; },
                        [](const FractionRange&) { return "fraction"; },
                        [](const CapsValueList& l) { return l.front().type_name(); },
                    },
                    data);
}

bool operator==(const CapsValue& a, const CapsValue& b) {
  if (a.data.index() != b.data.index()) return false;
  return std::visit(
      Overloaded{
          [](Fraction x, Fraction y) { return compare(x, y) == 0; },
          [](const IntRange& x, const IntRange& y) {
            return x.min == y.min && x.max == y.max && x.step == y.step;
          },
          [](const DoubleRange& x, const DoubleRange& y) {
            return x.min == y.min && x.max == y.max;
          },
          [](const FractionRange& x, const FractionRange& y) {
            return compare(x.min, y.min) == 0 && compare(x.max, y.max) == 0;
          },
          [](const CapsValueList& x, const CapsValueList& y) {  // as sets
            if (x.size() != y.size()) return false;
            return std::all_of(x.begin(), x.end(), [&](const CapsValue& m) {
              return std::find(y.begin(), y.end(), m) != y.end();
            });
          },
          [](const auto& x, const auto& y) {
            if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::decay_t<decltype(y)>>)
              return x == y;
            else
              return false;
          },
      },
      a.data, b.data);
}

std::optional<CapsValue> intersect(const CapsValue& a, const CapsValue& b) {
  const CapsValueList* la = as_list(a);
  const CapsValueList* lb = as_list(b);
  if (!la && !lb) return intersect_fixed_or_range(a, b);
  // A list intersects member by member, in the order of the first list.
  CapsValueList common;
  if (la) {
    for (const CapsValue& m : *la)
      if (auto x = intersect(m, b)) common.push_back(std::move(*x));
  } else {
    for (const CapsValue& m : *lb)
      if (auto x = intersect(a, m)) common.push_back(std::move(*x));
  }
  return CapsValue::list(std::move(common));
}

bool is_subset(const CapsValue& a, const CapsValue& b) {
  if (const CapsValueList* la = as_list(a))
    return std::all_of(la->begin(), la->end(), [&](const CapsValue& m) { return is_subset(m, b); });
  if (const CapsValueList* lb = as_list(b))
    return std::any_of(lb->begin(), lb->end(), [&](const CapsValue& m) { return is_subset(a, m); });
  auto common = intersect(a, b);
  return common && *common == a;
}

CapsValue fixate(const CapsValue& value) {
  return std::visit(Overloaded{
                        [](const IntRange& r) { return CapsValue(r.min); },
                        [](const DoubleRange& r) { return CapsValue(r.min); },
                        [](const FractionRange& r) { return CapsValue(r.min); },
                        [](const CapsValueList& l) { return fixate(l.front()); },
                        [&](const auto&) { return value; },
                    },
                    value.data);
}

std::string serialize_untyped(const CapsValue& value) {
  return std::visit(
      Overloaded{
          [](bool b) -> std::string { return b ? "true" : "false"; },
          [](std::int64_t i) { return std::to_string(i); },
          [](double d) { return format_double(d); },
          [](const std::string& s) { return quote_if_needed(s); },
          [](Fraction f) { return format_fraction(f); },
          [](const IntRange& r) {
            std::string s = "[ " + std::to_string(r.min) + ", " + std::to_string(r.max);
            if (r.step != 1) s += ", " + std::to_string(r.step);
            return s + " ]";
          },
          [](const DoubleRange& r) {
            return "[ " + format_double(r.min) + ", " + format_double(r.max) + " ]";
          },
          [](const FractionRange& r) {
            return "[ " + format_fraction(r.min) + ", " + format_fraction(r.max) + " ]";
          },
          [](const CapsValueList& l) {
            std::string s = "{ ";
            for (std::size_t i = 0; i < l.size(); ++i) {
              if (i) s += ", ";
              // Members of another type than the first carry their own type.
              s += std::string(l[i].type_name()) == l.front().type_name() ? serialize_untyped(l[i])
                                                                          : serialize(l[i]);
            }
            return s + " }";
          },
      },
      value.data);
}

std::string serialize(const CapsValue& value) {
  return std::string("(") + value.type_name() + ")" + serialize_untyped(value);
}

}  // namespace gstmini
