// Fraction: a rational number such as a framerate (GstFraction), and its
// text form "30/1".
#pragma once

#include <cstdint>
#include <string>

namespace gstmini {

struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 1;
};

// Parses "30/1" or "30"; false if malformed or den <= 0 or num < 0.
bool parse_fraction(const std::string& text, Fraction* out);

}  // namespace gstmini
