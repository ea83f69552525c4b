#include "runtime/format.hpp"

#include <cctype>

namespace gstmini::format_impl {

namespace {

bool is_align(char c) { return c == '<' || c == '>' || c == '^'; }

int read_number(std::string_view text, std::size_t& i) {
  int n = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && n < 10000)
    n = n * 10 + (text[i++] - '0');
  return n;
}

}  // namespace

bool parse_format_spec(std::string_view text, FormatSpec& spec) {
  std::size_t i = 0;
  if (text.size() >= 2 && is_align(text[1])) {
    spec.fill = text[0];
    spec.align = text[1];
    i = 2;
  } else if (!text.empty() && is_align(text[0])) {
    spec.align = text[0];
    i = 1;
  }
  if (i < text.size() && text[i] == '0') {
    spec.zero = true;
    ++i;
  }
  spec.width = read_number(text, i);
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (i == text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    spec.precision = read_number(text, i);
  }
  if (i < text.size()) {
    const std::string_view types = "dxXfegs";
    if (types.find(text[i]) == std::string_view::npos) return false;
    spec.type = text[i++];
  }
  return i == text.size();
}

void apply_format_spec(std::ostringstream& field, const FormatSpec& spec) {
  field << std::boolalpha;
  switch (spec.type) {
    case 'x':
      field << std::hex;
      break;
    case 'X':
      field << std::hex << std::uppercase;
      break;
    case 'f':
      field << std::fixed;
      break;
    case 'e':
      field << std::scientific;
      break;
    default:
      break;
  }
  if (spec.precision >= 0) field.precision(spec.precision);
}

void write_aligned(std::ostringstream& out, const std::string& text, const FormatSpec& spec,
                   bool numeric) {
  const std::size_t width = static_cast<std::size_t>(spec.width);
  if (text.size() >= width) {
    out << text;
    return;
  }
  const std::size_t pad = width - text.size();
  if (spec.zero && numeric && !spec.align) {
    const bool sign = !text.empty() && (text[0] == '-' || text[0] == '+');
    out << (sign ? text.substr(0, 1) : "") << std::string(pad, '0') << text.substr(sign ? 1 : 0);
    return;
  }
  const char align = spec.align ? spec.align : (numeric ? '>' : '<');
  const std::size_t before = align == '>' ? pad : align == '^' ? pad / 2 : 0;
  out << std::string(before, spec.fill) << text << std::string(pad - before, spec.fill);
}

bool next_field(std::string_view fmt, std::size_t& pos, std::ostringstream& out,
                std::string_view& field) {
  while (pos < fmt.size()) {
    const char c = fmt[pos];
    if ((c == '{' || c == '}') && pos + 1 < fmt.size() && fmt[pos + 1] == c) {
      out << c;  // "{{" or "}}"
      pos += 2;
      continue;
    }
    if (c == '{') {
      const std::size_t close = fmt.find('}', pos);
      if (close == std::string_view::npos) break;  // unterminated: copied as text below
      field = fmt.substr(pos + 1, close - pos - 1);
      pos = close + 1;
      return true;
    }
    out << c;
    ++pos;
  }
  if (pos < fmt.size()) out << fmt.substr(pos);
  pos = fmt.size();
  return false;
}

}  // namespace gstmini::format_impl
