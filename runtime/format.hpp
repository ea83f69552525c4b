// The "{}" formatting behind the logging macros (runtime/debug/log.hpp), without
// fmt: fmt is a private dependency of libgstmini, and an application or a
// plugin that includes gstmini's headers must compile without fmt's.
//
//   gstmini::format("linked {} to {} ({} buffers)", src, sink, 4)
//
// Grammar: "{}" takes the next argument (anything with an ostream <<);
// "{{" and "}}" are literal braces; "{:spec}" takes the next argument with a
// spec from fmt's grammar restricted to [[fill]align][0][width][.precision][type]
// with align one of < > ^ and type one of d x X f e g s. A spec outside that
// subset, or a "{}" with no argument left, is copied to the output as is:
// a log statement never throws.
#pragma once

#include <cstddef>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

namespace gstmini {
namespace format_impl {

struct FormatSpec {
  char fill = ' ';
  char align = 0;  // 0 (numbers right, text left), '<', '>' or '^'
  bool zero = false;
  int width = 0;
  int precision = -1;
  char type = 0;
};

// False when `text` (between ':' and '}') is outside the supported subset.
bool parse_format_spec(std::string_view text, FormatSpec& spec);
// Sets the stream's base, notation and precision from the spec.
void apply_format_spec(std::ostringstream& field, const FormatSpec& spec);
// Pads `text` to the spec's width.
void write_aligned(std::ostringstream& out, const std::string& text, const FormatSpec& spec,
                   bool numeric);

template <class T>
void write_formatted(std::ostringstream& out, const T& value, const FormatSpec& spec) {
  std::ostringstream field;
  apply_format_spec(field, spec);
  field << value;
  constexpr bool numeric = std::is_arithmetic_v<T>;
  write_aligned(out, field.str(), spec, numeric);
}

// Copies literal text up to the next replacement field; returns the field
// ("" or the spec after ':') and advances `pos` past it, or returns false at
// the end of the format string.
bool next_field(std::string_view fmt, std::size_t& pos, std::ostringstream& out,
                std::string_view& field);

inline void format_rest(std::ostringstream& out, std::string_view fmt, std::size_t pos) {
  std::string_view field;
  while (next_field(fmt, pos, out, field)) out << '{' << field << '}';  // no argument left
}

template <class T, class... Rest>
void format_rest(std::ostringstream& out, std::string_view fmt, std::size_t pos, const T& value,
                 const Rest&... rest) {
  std::string_view field;
  if (!next_field(fmt, pos, out, field)) return;  // more arguments than fields: fmt ignores them
  FormatSpec spec;
  if (field.empty() || (field.front() == ':' && parse_format_spec(field.substr(1), spec)))
    write_formatted(out, value, spec);
  else
    out << '{' << field << '}';
  format_rest(out, fmt, pos, rest...);
}

}  // namespace format_impl

template <class... Args>
std::string format(std::string_view fmt, const Args&... args) {
  std::ostringstream out;
  format_impl::format_rest(out, fmt, 0, args...);
  return out.str();
}

}  // namespace gstmini
