// libFuzzer target for caps (run it with scripts/fuzz.sh).
//
// The input is one or two caps strings separated by the first newline. A
// CapsParseError is the only acceptable failure of Caps::from_string; for
// caps that parse, these properties must hold (a violation traps after
// printing the caps involved):
//   - printing round-trips: from_string(c.to_string()) == c, and printing
//     that again gives the same text;
//   - the intersection of a and b is a subset of both, prints and parses back,
//     and is empty exactly when the intersection of b and a is;
//   - every caps is a subset of itself; a fixated caps is fixed and a subset
//     of the caps it came from.
// Anything else — another exception, a crash, a sanitizer report (UBSan's
// signed overflow among them), a hang — is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "runtime/caps/caps.hpp"

namespace {

using gstmini::Caps;

[[noreturn]] void violated(const char* property, const Caps& a, const Caps* b = nullptr) {
  std::fprintf(stderr, "caps property violated: %s\n  a = %s\n", property, a.to_string().c_str());
  if (b) std::fprintf(stderr, "  b = %s\n", b->to_string().c_str());
  __builtin_trap();
}

std::optional<Caps> parse(const std::string& text) {
  try {
    return Caps::from_string(text);
  } catch (const gstmini::CapsParseError& error) {
    if (error.position() > text.size() || error.reason().empty()) __builtin_trap();
    return std::nullopt;
  }
}

void check_round_trip(const Caps& caps) {
  const std::string printed = caps.to_string();
  std::optional<Caps> again = parse(printed);
  if (!again) violated("printed caps do not parse back", caps);
  if (*again != caps) violated("printed caps parse back as other caps", caps, &*again);
  if (again->to_string() != printed) violated("printing is not stable", caps, &*again);
}

void check_one(const Caps& a) {
  check_round_trip(a);
  if (!a.is_subset(a)) violated("caps are not a subset of themselves", a);
  if (a.is_any() || a.is_empty()) return;
  Caps fixed = a.fixate();
  if (!fixed.is_fixed()) violated("fixate() gave caps that are not fixed", a, &fixed);
  if (!fixed.is_subset(a)) violated("fixate() left the caps", a, &fixed);
  check_round_trip(fixed);
}

void check_pair(const Caps& a, const Caps& b) {
  Caps common = a.intersect(b);
  if (!common.is_subset(a) || !common.is_subset(b))
    violated("the intersection is not a subset of both", a, &b);
  if (common.is_empty() != b.intersect(a).is_empty())
    violated("intersect is not symmetric in emptiness", a, &b);
  check_round_trip(common);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  std::optional<Caps> a = parse(input.substr(0, newline));
  if (!a) return 0;
  check_one(*a);
  if (newline == std::string::npos) return 0;
  std::optional<Caps> b = parse(input.substr(newline + 1));
  if (!b) return 0;
  check_one(*b);
  check_pair(*a, *b);
  return 0;
}
