// The tokens of a gst-launch line (GStreamer's gst/parse/parse.l, by hand).
//
//   fakesrc num-buffers=5 ! video/x-raw,width=320 ! tee name=t  t.src_1 ! .sink fakesink
//   Word    Assignment    Link Caps               Link Word Assignment Reference Link PadRef Word
//
// Quoting ("..." or '...') and backslash escapes apply to property values
// and caps; the token's text is unquoted and unescaped, its span is the text
// as written. The lexer knows no element: it only throws ParseError for text
// that cannot be a token (an unterminated quote, a stray '=' or ')', a bin, a
// URI).
#pragma once

#include <string>
#include <vector>

#include "runtime/launch/launch_syntax.hpp"

namespace gstmini::launch {

enum class TokenKind {
  Word,        // an element factory, or a pad after ','
  Assignment,  // name=value
  Reference,   // name. or name.pad
  PadRef,      // .pad
  Comma,       // between pads: name.a,b
  Link,        // !
  Caps,        // video/x-raw,width=320 or "video/x-raw, width=320"
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  Span span;
  std::string text;   // Word, Caps: the text; Assignment, Reference: the name; PadRef: the pad
  std::string value;  // Assignment: the value; Reference: the pad ("" = any)
  Span value_span;    // Assignment: the value as written
};

// The whole line as tokens, ending with one End token.
std::vector<Token> lex_launch_line(const std::string& line);

}  // namespace gstmini::launch
