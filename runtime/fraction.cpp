#include "runtime/fraction.hpp"

#include <cerrno>
#include <cstdlib>

namespace gstmini {

bool parse_fraction(const std::string& text, Fraction* out) {
  char* end = nullptr;
  errno = 0;
  long long num = std::strtoll(text.c_str(), &end, 10);
  if (end == text.c_str() || errno || num < 0) return false;
  long long den = 1;
  if (*end == '/') {
    const char* den_text = end + 1;
    den = std::strtoll(den_text, &end, 10);
    if (end == den_text || errno || den <= 0) return false;
  }
  if (*end) return false;
  *out = Fraction{num, den};
  return true;
}

}  // namespace gstmini
