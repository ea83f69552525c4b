#include "elements/file_pattern.hpp"

#include <cstdio>
#include <cstring>

namespace gstmini {

namespace {
// Appends pattern[i..] up to the next conversion to `out`; returns where the
// conversion starts (npos at the end), or nullopt on a stray '%'.
std::optional<std::size_t> copy_text(const std::string& pattern, std::size_t i, std::string* out) {
  while (i < pattern.size()) {
    if (pattern[i] != '%') {
      out->push_back(pattern[i++]);
    } else if (i + 1 < pattern.size() && pattern[i + 1] == '%') {
      out->push_back('%');
      i += 2;
    } else {
      return i;
    }
  }
  return std::string::npos;
}
}  // namespace

std::optional<FilePattern> FilePattern::parse(const std::string& pattern) {
  FilePattern result;
  auto start = copy_text(pattern, 0, &result.prefix_);
  if (!start) return std::nullopt;
  if (*start == std::string::npos) return result;  // no number: the same name every time
  std::size_t i = *start + 1;
  while (i < pattern.size() && std::strchr("-+ 0#", pattern[i])) ++i;  // flags
  std::size_t digits = 0;
  while (i < pattern.size() && pattern[i] >= '0' && pattern[i] <= '9' && digits < 3) ++i, ++digits;
  if (i >= pattern.size() || !std::strchr("diuxXo", pattern[i])) return std::nullopt;
  result.spec_ = pattern.substr(*start, i + 1 - *start);
  auto rest = copy_text(pattern, i + 1, &result.suffix_);
  if (!rest || *rest != std::string::npos) return std::nullopt;  // a second conversion
  return result;
}

std::string FilePattern::format(int index) const {
  if (spec_.empty()) return prefix_;
  char number[160];
  // spec_ is one checked integer conversion with a width below 1000.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  std::snprintf(number, sizeof number, spec_.c_str(), index);
#pragma GCC diagnostic pop
  return prefix_ + number + suffix_;
}

}  // namespace gstmini
