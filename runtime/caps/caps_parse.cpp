// Caps::from_string: GStreamer's caps grammar.
//
//   caps      := "ANY" | "EMPTY" | "NONE" | structure (";" structure)* [";"]
//   structure := media-type ["(" features ")"] ("," field)*
//   field     := name "=" ["(" type ")"] value
//   value     := scalar | "[" scalar "," scalar ["," step] "]" | "{" value ("," value)* "}"
//   scalar    := bare-word | "quoted \"string\""
//
// Without a type, a bare word is an int, a double, a fraction, a boolean or
// else a string, tried in that order (gst_structure_parse_value).
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "runtime/caps/caps.hpp"

namespace gstmini {

namespace {

enum class Kind { Infer, Int, Double, Fraction, String, Boolean };

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+' ||
         c == '/' || c == ':' || c == '.';
}

bool parse_int(const std::string& text, std::int64_t* out) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 0);
  if (*end || errno) return false;
  *out = v;
  return true;
}

bool parse_double(const std::string& text, double* out) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  // ERANGE on a subnormal still gives the value printed (to_chars writes
  // subnormals in their shortest form, which strtod flags as underflow);
  // overflow to inf and underflow to 0 are refused. NaN is no member of any
  // set (NaN != NaN), so it cannot be a caps value.
  if (*end || std::isnan(v)) return false;
  if (errno && (v == 0 || std::isinf(v))) return false;
  *out = v;
  return true;
}

bool parse_caps_fraction(const std::string& text, Fraction* out) {
  auto slash = text.find('/');
  std::int64_t num = 0, den = 1;
  if (slash == std::string::npos) {
    if (!parse_int(text, &num)) return false;
  } else if (!parse_int(text.substr(0, slash), &num) || !parse_int(text.substr(slash + 1), &den) ||
             den <= 0) {
    return false;
  }
  *out = reduce(Fraction{num, den});
  return true;
}

bool parse_boolean(const std::string& text, bool* out) {
  std::string t;
  for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "true" || t == "yes" || t == "t" || t == "1") {
    *out = true;
    return true;
  }
  if (t == "false" || t == "no" || t == "f" || t == "0") {
    *out = false;
    return true;
  }
  return false;
}

class Parser {
 public:
  explicit Parser(const std::string& text) : s_(text) {}

  Caps parse() {
    skip_ws();
    std::string word = peek_word();
    if (is_special(word)) {
      pos_ += word.size();
      skip_ws();
      if (!at_end()) fail("unexpected text after " + word);
      return word == "ANY" ? Caps::any() : Caps::empty();
    }
    Caps caps;
    while (!at_end()) {
      caps.append(structure());
      skip_ws();
      if (at_end()) break;
      if (s_[pos_] != ';') fail("expected ',' or ';'");
      ++pos_;
      skip_ws();
    }
    return caps;
  }

 private:
  [[noreturn]] void fail(const std::string& reason) const { fail_at(reason, pos_); }
  [[noreturn]] void fail_at(const std::string& reason, std::size_t at) const {
    throw CapsParseError(reason, at);
  }
  bool at_end() const { return pos_ >= s_.size(); }
  static bool is_special(const std::string& word) {
    return word == "ANY" || word == "EMPTY" || word == "NONE";
  }
  void skip_ws() {
    while (!at_end() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool take(char c) {
    skip_ws();
    if (at_end() || s_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  void expect(char c, const std::string& what) {
    if (!take(c)) fail("expected " + what);
  }
  std::string peek_word() const {
    std::size_t end = pos_;
    while (end < s_.size() && is_word_char(s_[end])) ++end;
    return s_.substr(pos_, end - pos_);
  }
  std::string word() {
    std::string w = peek_word();
    pos_ += w.size();
    return w;
  }

  CapsStructure structure() {
    std::size_t start = pos_;
    std::string name = word();
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0])))
      fail_at("expected a media type such as video/x-raw", start);
    // "a; ANY" would print back as caps whose first word reads as ANY.
    if (is_special(name)) fail_at("'" + name + "' caps are written alone", start);
    std::string features;
    if (!at_end() && s_[pos_] == '(') {
      std::size_t close = s_.find(')', pos_);
      if (close == std::string::npos) fail("unterminated caps features");
      features = s_.substr(pos_ + 1, close - pos_ - 1);
      pos_ = close + 1;
    }
    CapsStructure st(name, features);
    while (take(',')) {
      skip_ws();
      std::size_t field_start = pos_;
      std::string field = word();
      if (field.empty() || !std::isalpha(static_cast<unsigned char>(field[0])))
        fail_at("expected a field name", field_start);
      if (st.has_field(field)) fail_at("field '" + field + "' given twice", field_start);
      expect('=', "'=' after field name '" + field + "'");
      st.set(field, typed_value(Kind::Infer));
    }
    return st;
  }

  // An optional "(type)" then a value; `outer` is the type of an enclosing
  // range or list.
  CapsValue typed_value(Kind outer) {
    skip_ws();
    Kind kind = outer;
    if (!at_end() && s_[pos_] == '(') {
      std::size_t start = pos_;
      std::size_t close = s_.find(')', pos_);
      if (close == std::string::npos) fail("unterminated type name");
      kind = kind_of(s_.substr(pos_ + 1, close - pos_ - 1), start);
      pos_ = close + 1;
      skip_ws();
    }
    if (at_end()) fail("expected a value");
    switch (s_[pos_]) {
      case '[':
        return range(kind);
      case '{':
        return list(kind);
      case '<':
        fail("arrays (< ... >) are not supported in caps here");
      default:
        return scalar(kind);
    }
  }

  Kind kind_of(const std::string& type, std::size_t at) const {
    if (type == "int" || type == "i" || type == "uint" || type == "int64" || type == "gint")
      return Kind::Int;
    if (type == "double" || type == "d" || type == "float" || type == "f") return Kind::Double;
    if (type == "fraction") return Kind::Fraction;
    if (type == "string" || type == "s" || type == "str") return Kind::String;
    if (type == "boolean" || type == "bool" || type == "b") return Kind::Boolean;
    fail_at("unknown type '" + type + "'", at);
  }

  CapsValue scalar(Kind kind) {
    std::size_t start = pos_;
    std::string text;
    bool quoted = false;
    if (s_[pos_] == '"') {
      quoted = true;
      ++pos_;
      while (!at_end() && s_[pos_] != '"') {
        if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) ++pos_;
        text += s_[pos_++];
      }
      if (at_end()) fail_at("unterminated string", start);
      ++pos_;
    } else {
      text = word();
      if (text.empty()) fail("expected a value");
    }
    if (quoted && kind != Kind::Infer && kind != Kind::String)
      fail_at("a quoted string is not a valid value of this type", start);
    std::int64_t i = 0;
    double d = 0;
    Fraction f;
    bool b = false;
    switch (kind) {
      case Kind::Infer:
        if (quoted) return CapsValue(text);
        if (parse_int(text, &i)) return CapsValue(i);
        if (parse_double(text, &d)) return CapsValue(d);
        if (parse_caps_fraction(text, &f)) return CapsValue(f);
        if (text == "true" || text == "false" || text == "yes" || text == "no")
          return CapsValue(text == "true" || text == "yes");
        return CapsValue(text);
      case Kind::Int:
        if (!parse_int(text, &i)) fail_at("'" + text + "' is not an int", start);
        return CapsValue(i);
      case Kind::Double:
        if (!parse_double(text, &d)) fail_at("'" + text + "' is not a double", start);
        return CapsValue(d);
      case Kind::Fraction:
        if (!parse_caps_fraction(text, &f)) fail_at("'" + text + "' is not a fraction", start);
        return CapsValue(f);
      case Kind::Boolean:
        if (!parse_boolean(text, &b)) fail_at("'" + text + "' is not a boolean", start);
        return CapsValue(b);
      case Kind::String:
        return CapsValue(text);
    }
    fail_at("expected a value", start);
  }

  // Lists and ranges nest by recursion: bound it, so no input can exhaust
  // the stack.
  struct Nesting {
    explicit Nesting(Parser& p) : parser(p) {
      if (++parser.depth_ > kMaxDepth) parser.fail("values nested too deeply");
    }
    ~Nesting() { --parser.depth_; }
    Parser& parser;
  };
  static constexpr int kMaxDepth = 16;

  CapsValue range(Kind kind) {
    Nesting nesting(*this);
    std::size_t start = pos_++;
    CapsValue lo = typed_value(kind);
    expect(',', "',' between the range's minimum and maximum");
    CapsValue hi = typed_value(kind);
    std::optional<CapsValue> step;
    if (take(',')) step = typed_value(Kind::Int);
    expect(']', "']' to close the range");
    std::optional<CapsValue> out;
    const auto* ilo = lo.get_if<std::int64_t>();
    const auto* ihi = hi.get_if<std::int64_t>();
    if (ilo && ihi) {
      std::int64_t st = 1;
      if (step) {
        const auto* s = step->get_if<std::int64_t>();
        if (!s || *s <= 0) fail_at("a range step must be a positive int", start);
        st = *s;
      }
      out = CapsValue::int_range(*ilo, *ihi, st);
    } else if (step) {
      fail_at("only int ranges have a step", start);
    } else if (lo.get_if<Fraction>() && hi.get_if<Fraction>()) {
      out = CapsValue::fraction_range(*lo.get_if<Fraction>(), *hi.get_if<Fraction>());
    } else if ((lo.get_if<double>() || ilo) && (hi.get_if<double>() || ihi)) {
      auto as_d = [](const CapsValue& v, const std::int64_t* i) {
        return i ? static_cast<double>(*i) : *v.get_if<double>();
      };
      out = CapsValue::double_range(as_d(lo, ilo), as_d(hi, ihi));
    } else {
      fail_at("a range needs two ints, doubles or fractions", start);
    }
    if (!out) fail_at("a range's minimum is larger than its maximum", start);
    return *out;
  }

  CapsValue list(Kind kind) {
    Nesting nesting(*this);
    std::size_t start = pos_++;
    CapsValueList members;
    if (take('}')) fail_at("an empty list is not a value", start);
    do {
      members.push_back(typed_value(kind));
    } while (take(','));
    expect('}', "',' or '}' in the list");
    return *CapsValue::list(std::move(members));
  }

  const std::string& s_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

Caps Caps::from_string(const std::string& text) { return Parser(text).parse(); }

}  // namespace gstmini
