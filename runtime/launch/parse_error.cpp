#include <algorithm>
#include <utility>

#include "runtime/launch/parse_launch.hpp"

namespace gstmini {
namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t count_chars(const std::string& text, std::size_t from, std::size_t to) {
  std::size_t n = 0;
  for (std::size_t i = from; i < to && i < text.size(); ++i)
    if (!is_continuation_byte(text[i])) ++n;
  return n;
}

// Tabs and newlines would break the column the caret points at.
std::string printable(std::string line) {
  for (char& c : line)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return line;
}

std::string render(const std::string& message, const std::string& line, std::size_t position,
                   std::size_t length) {
  return message + "\n  " + printable(line) + "\n  " + caret_line(line, position, length);
}

}  // namespace

std::string caret_line(const std::string& line, std::size_t position, std::size_t length) {
  position = std::min(position, line.size());
  const std::size_t end = std::min(position + std::min(length, line.size()), line.size());
  const std::size_t marked = count_chars(line, position, end);
  return std::string(count_chars(line, 0, position), ' ') + "^" +
         std::string(marked > 1 ? marked - 1 : 0, '~');
}

ParseError::ParseError(std::string message, std::string line, std::size_t position,
                       std::size_t length)
    : std::runtime_error(render(message, line, position, length)),
      message_(std::move(message)),
      line_(std::move(line)),
      position_(position),
      length_(length) {}

}  // namespace gstmini
