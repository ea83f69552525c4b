#include "runtime/stats/flow_stats_reader.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace gstmini {

std::string StatsRow::text(const std::string& key) const {
  auto it = fields.find(key);
  return it == fields.end() ? std::string() : it->second;
}

double StatsRow::number(const std::string& key) const {
  auto it = fields.find(key);
  if (it == fields.end() || it->second.empty()) return 0;
  char* end = nullptr;
  double value = std::strtod(it->second.c_str(), &end);
  return *end ? 0 : value;
}

namespace {

[[noreturn]] void fail(const std::string& source, std::size_t line, const std::string& what) {
  throw StatsParseError(source + ":" + std::to_string(line) + ": " + what);
}

std::vector<std::string> csv_cells(const std::string& line, const std::string& source,
                                   std::size_t number) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else if (c != '\r') {
      cells.back() += c;
    }
  }
  if (quoted) fail(source, number, "unterminated quote");
  return cells;
}

// A flat JSON object of strings and numbers (what the tracer writes).
class JsonLine {
 public:
  JsonLine(const std::string& line, const std::string& source, std::size_t number)
      : s_(line), source_(source), number_(number) {}

  StatsRow parse() {
    StatsRow row;
    expect('{');
    skip_space();
    if (peek() == '}') return row;
    for (;;) {
      std::string key = string_value();
      expect(':');
      skip_space();
      row.fields[key] = peek() == '"' ? string_value() : number_value();
      skip_space();
      if (peek() == '}') break;
      expect(',');
    }
    ++pos_;
    skip_space();
    if (pos_ != s_.size()) fail(source_, number_, "text after the closing '}'");
    return row;
  }

 private:
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r')) ++pos_;
  }
  void expect(char c) {
    skip_space();
    if (peek() != c) fail(source_, number_, std::string("expected '") + c + "'");
    ++pos_;
  }
  std::string string_value() {
    expect('"');
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      char c = s_[pos_++];
      if (c == '\\' && pos_ < s_.size()) {
        char e = s_[pos_++];
        if (e == 'u' && pos_ + 4 <= s_.size()) {
          out += static_cast<char>(std::strtol(s_.substr(pos_, 4).c_str(), nullptr, 16));
          pos_ += 4;
        } else {
          out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        }
      } else {
        out += c;
      }
    }
    if (peek() != '"') fail(source_, number_, "unterminated string");
    ++pos_;
    return out;
  }
  std::string number_value() {
    std::size_t start = pos_;
    while (pos_ < s_.size() && std::string("+-.0123456789eE").find(s_[pos_]) != std::string::npos)
      ++pos_;
    if (start == pos_) fail(source_, number_, "expected a string or a number");
    return s_.substr(start, pos_ - start);
  }

  const std::string& s_;
  const std::string& source_;
  std::size_t number_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<StatsRow> parse_stats_text(const std::string& text, const std::string& source) {
  std::vector<StatsRow> rows;
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> header;
  std::size_t number = 0;
  const bool json = text.find_first_not_of(" \t\r\n") != std::string::npos &&
                    text[text.find_first_not_of(" \t\r\n")] == '{';
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (json) {
      rows.push_back(JsonLine(line, source, number).parse());
      continue;
    }
    std::vector<std::string> cells = csv_cells(line, source, number);
    if (header.empty()) {
      header = std::move(cells);
      continue;
    }
    if (cells.size() != header.size())
      fail(
          source, number,
          std::to_string(cells.size()) + " cells, the header has " + std::to_string(header.size()));
    StatsRow row;
    for (std::size_t i = 0; i < cells.size(); ++i) row.fields[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  if (rows.empty() && header.empty()) throw StatsParseError(source + ": no statistics in it");
  return rows;
}

std::vector<StatsRow> read_stats_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw StatsParseError(path + ": cannot open for reading");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_stats_text(text.str(), path);
}

}  // namespace gstmini
