#include "runtime/launch/launch_lexer.hpp"

#include <cstdio>

#include "runtime/launch/parse_launch.hpp"

namespace gstmini::launch {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }
// GStreamer's _identifier: [[:alnum:]_][[:alnum:]\-_%:]*
bool is_ident_start(char c) { return is_alnum(c) || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || c == '-' || c == '%' || c == ':'; }
// GStreamer's _mimechar: the "video/x-raw" that starts caps.
bool is_mime_char(char c) { return is_alnum(c) || c == '-'; }
bool is_quote(char c) { return c == '"' || c == '\''; }

std::string describe(char c) {
  if (c > ' ' && c < 127) return std::string("'") + c + "'";
  char text[16];
  std::snprintf(text, sizeof text, "byte 0x%02x",
                static_cast<unsigned>(static_cast<unsigned char>(c)));
  return text;
}

class Lexer {
 public:
  explicit Lexer(const std::string& line) : line_(line) {}

  std::vector<Token> run() {
    // A NUL would silently cut a value short where C strings take over.
    if (std::size_t nul = line_.find('\0'); nul != std::string::npos)
      fail("syntax error: unexpected " + describe('\0'), nul, 1);
    std::vector<Token> tokens;
    bool after_link = false;
    do {
      tokens.push_back(next(after_link));
      after_link = tokens.back().kind == TokenKind::Link;
    } while (tokens.back().kind != TokenKind::End);
    return tokens;
  }

 private:
  bool has(std::size_t i) const { return i < line_.size(); }
  char at(std::size_t i) const { return has(i) ? line_[i] : '\0'; }

  [[noreturn]] void fail(std::string message, std::size_t position, std::size_t length) const {
    throw ParseError(std::move(message), line_, position, length);
  }

  std::size_t skip_spaces(std::size_t i) const {
    while (has(i) && is_space(line_[i])) ++i;
    return i;
  }
  std::size_t word_end(std::size_t i) const {
    while (has(i) && !is_space(line_[i])) ++i;
    return i;
  }
  // End of the identifier starting at `i` (`i` itself if there is none).
  std::size_t ident_end(std::size_t i) const {
    if (!has(i) || !is_ident_start(line_[i])) return i;
    while (has(i) && is_ident_char(line_[i])) ++i;
    return i;
  }
  bool mimetype_at(std::size_t i) const {
    std::size_t type_end = i;
    while (has(type_end) && is_mime_char(line_[type_end])) ++type_end;
    if (type_end == i || at(type_end) != '/') return false;
    return is_mime_char(at(type_end + 1));
  }
  bool uri_at(std::size_t i) const {
    if (!is_alpha(at(i))) return false;
    while (has(i) && (is_alnum(line_[i]) || line_[i] == '+' || line_[i] == '-' || line_[i] == '.'))
      ++i;
    return line_.compare(i, 3, "://") == 0;
  }

  // The unescaped text between the quote at `open` and its partner.
  std::string read_quoted(std::size_t open, std::size_t* end) const {
    const char quote = line_[open];
    std::string text;
    std::size_t i = open + 1;
    while (has(i) && line_[i] != quote) {
      if (line_[i] == '\\' && has(i + 1)) ++i;
      text += line_[i++];
    }
    if (!has(i)) fail("unterminated quoted string", open, line_.size() - open);
    *end = i + 1;
    return text;
  }
  // Up to the next space; "\x" is x (gst_parse_launchv escapes spaces so).
  std::string read_bare(std::size_t i, std::size_t* end) const {
    std::string text;
    while (has(i) && !is_space(line_[i])) {
      if (line_[i] == '\\' && has(i + 1)) ++i;
      text += line_[i++];
    }
    *end = i;
    return text;
  }

  Token next(bool after_link) {
    pos_ = skip_spaces(pos_);
    const std::size_t start = pos_;
    if (!has(start)) return Token{TokenKind::End, {start, 0}, {}, {}, {}};
    const char c = line_[start];
    switch (c) {
      case '!':
        return single(TokenKind::Link);
      case ',':
        return single(TokenKind::Comma);
      case '.': {
        std::size_t end = ident_end(start + 1);
        if (end == start + 1) fail("syntax error: '.' must be followed by a pad name", start, 1);
        pos_ = end;
        return Token{TokenKind::PadRef,
                     {start, end - start},
                     line_.substr(start + 1, end - start - 1),
                     {},
                     {}};
      }
      case '(':
        fail("bins are not supported: a gstmini pipeline has no sub-bins", start, 1);
      case ')':
        fail("syntax error: unexpected ')'", start, 1);
      case '=':
        fail("syntax error: '=' without a property name", start, 1);
      default:
        break;
    }
    if (is_quote(c)) {
      std::size_t end = 0;
      std::string text = read_quoted(start, &end);
      if (after_link) return quoted_caps(start, end, text);
      fail("syntax error: quotes go around a property value or caps, not here", start, end - start);
    }
    if (uri_at(start))
      fail("URIs are not supported as elements (gstmini has no URI handlers)", start,
           word_end(start) - start);
    if (mimetype_at(start)) return bare_caps(start);
    if (is_ident_start(c)) return word(start);
    fail("syntax error: unexpected " + describe(c), start, 1);
  }

  Token single(TokenKind kind) {
    ++pos_;
    return Token{kind, {pos_ - 1, 1}, {}, {}, {}};
  }

  // An identifier, maybe followed by ".pad" (a reference) or "=value".
  Token word(std::size_t start) {
    const std::size_t end = ident_end(start);
    std::string name = line_.substr(start, end - start);
    if (at(end) == '.') {
      std::size_t after_dot = skip_spaces(end + 1);
      if (at(after_dot) == '(')
        fail("bins are not supported: a gstmini pipeline has no sub-bins", start,
             after_dot + 1 - start);
      std::size_t pad_end = ident_end(end + 1);
      pos_ = pad_end;
      return Token{TokenKind::Reference,
                   {start, pad_end - start},
                   std::move(name),
                   line_.substr(end + 1, pad_end - end - 1),
                   {}};
    }
    std::size_t equals = skip_spaces(end);
    if (at(equals) != '=') {
      pos_ = end;
      return Token{TokenKind::Word, {start, end - start}, std::move(name), {}, {}};
    }
    return assignment(start, std::move(name), equals);
  }

  Token assignment(std::size_t start, std::string name, std::size_t equals) {
    const std::size_t value_start = skip_spaces(equals + 1);
    const bool lone_link =
        at(value_start) == '!' && (!has(value_start + 1) || is_space(line_[value_start + 1]));
    if (!has(value_start) || lone_link)
      fail("no value for property \"" + name + "\"", start, equals + 1 - start);
    std::size_t value_end = 0;
    std::string value = is_quote(line_[value_start]) ? read_quoted(value_start, &value_end)
                                                     : read_bare(value_start, &value_end);
    pos_ = value_end;
    return Token{TokenKind::Assignment,
                 {start, value_end - start},
                 std::move(name),
                 std::move(value),
                 {value_start, value_end - value_start}};
  }

  // Caps up to the next '!' outside quotes, "\x" unescaped outside quotes
  // (quoted strings are the caps' own syntax and stay as they are).
  Token bare_caps(std::size_t start) {
    std::string text;
    std::size_t i = start, last = start;
    while (has(i) && line_[i] != '!') {
      if (is_quote(line_[i])) {
        std::size_t end = 0;
        read_quoted(i, &end);
        text += line_.substr(i, end - i);
        i = end;
        last = end;
        continue;
      }
      const bool escaped = line_[i] == '\\' && has(i + 1);
      if (escaped) ++i;
      if (escaped || !is_space(line_[i])) last = i + 1;
      text += line_[i++];
    }
    while (!text.empty() && is_space(text.back())) text.pop_back();
    pos_ = last;
    return Token{TokenKind::Caps, {start, last - start}, std::move(text), {}, {}};
  }

  Token quoted_caps(std::size_t start, std::size_t end, std::string text) {
    std::size_t first = 0;
    while (first < text.size() && is_space(text[first])) ++first;
    text.erase(0, first);
    while (!text.empty() && is_space(text.back())) text.pop_back();
    Lexer inner(text);
    if (!inner.mimetype_at(0))
      fail("syntax error: expected caps (\"media/type, field=value\") in the quotes after '!'",
           start, end - start);
    pos_ = end;
    return Token{TokenKind::Caps, {start, end - start}, std::move(text), {}, {}};
  }

  const std::string& line_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<Token> lex_launch_line(const std::string& line) { return Lexer(line).run(); }

}  // namespace gstmini::launch
