#include "runtime/stats/flow_stats.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "runtime/env.hpp"
#include "runtime/flow.hpp"

namespace gstmini {
namespace {

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// "10ms", "500us", "1s", "250000ns"; a bare number is milliseconds.
// Accepted: 1 us to 1 hour (beyond that the conversion would overflow).
bool parse_interval(const std::string& text, ClockTime* out) {
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !(value > 0) || value > 3.6e12) return false;
  const std::string unit = end;
  double scale = 0;
  if (unit.empty() || unit == "ms") scale = 1e6;
  if (unit == "s") scale = 1e9;
  if (unit == "us") scale = 1e3;
  if (unit == "ns") scale = 1;
  if (scale == 0) return false;
  const double ns = value * scale;
  if (ns < 1e3 || ns > 3.6e12) return false;
  *out = static_cast<ClockTime>(ns);
  return true;
}

std::string parse_param(const std::string& key, const std::string& value, StatsOptions* options) {
  if (key == "file") {
    if (value.empty()) return "stats: file= needs a path";
    options->file = value;
  } else if (key == "format") {
    if (value == "csv")
      options->format = StatsFormat::Csv;
    else if (value == "json")
      options->format = StatsFormat::Json;
    else
      return "stats: format must be csv or json, not \"" + value + "\"";
  } else if (key == "interval") {
    if (!parse_interval(value, &options->interval))
      return "stats: interval \"" + value +
             "\" is not a duration like 10ms, 500us or 1s (accepted: 1us..3600s)";
  } else if (key == "table") {
    if (value == "true" || value == "1")
      options->print_table = true;
    else if (value == "false" || value == "0")
      options->print_table = false;
    else
      return "stats: table must be true or false, not \"" + value + "\"";
  } else {
    return "stats: unknown parameter \"" + key + "\" (known: file, format, interval, table)";
  }
  return {};
}

std::string parse_tracer(const std::string& entry, StatsOptions* options) {
  const auto open = entry.find('(');
  const std::string name = trim(entry.substr(0, open));
  if (name != "stats") return "unknown tracer \"" + name + "\" (gstmini has: stats)";
  options->enabled = true;
  if (open == std::string::npos) return {};
  if (entry.back() != ')') return "stats: missing ')' in \"" + entry + "\"";
  const std::string params = entry.substr(open + 1, entry.size() - open - 2);
  std::size_t start = 0;
  while (start <= params.size()) {
    std::size_t comma = params.find(',', start);
    if (comma == std::string::npos) comma = params.size();
    const std::string param = trim(params.substr(start, comma - start));
    start = comma + 1;
    if (param.empty()) continue;
    const auto eq = param.find('=');
    if (eq == std::string::npos) return "stats: parameter \"" + param + "\" needs key=value";
    std::string error = parse_param(trim(param.substr(0, eq)), trim(param.substr(eq + 1)), options);
    if (!error.empty()) return error;
  }
  return {};
}

}  // namespace

std::string StatsOptions::parse(const std::string& text, StatsOptions* options) {
  std::size_t start = 0;
  while (start <= text.size()) {
    // Tracers are separated by ';' (GST_TRACERS); parentheses hold commas.
    std::size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    const std::string entry = trim(text.substr(start, end - start));
    start = end + 1;
    if (entry.empty()) continue;
    std::string error = parse_tracer(entry, options);
    if (!error.empty()) return error;
  }
  return {};
}

StatsOptions StatsOptions::from_env() {
  StatsOptions options;
  const char* text = std::getenv("GSTMINI_TRACERS");
  if (!text || !*text) return options;
  std::string error = parse(text, &options);
  if (!error.empty()) {
    env_warn_once("GSTMINI_TRACERS", text,
                  std::string("GSTMINI_TRACERS=\"") + text + "\" ignored: " + error +
                      "; statistics stay off");
    return StatsOptions{};
  }
  return options;
}

std::string LinkStats::kind() const {
  if (queue) return "queue";
  return link_rule(window);
}

// ---- the table ----------------------------------------------------------------

namespace {

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string duration(ClockTime ns) {
  if (ns < kMicrosecond) return std::to_string(ns) + " ns";
  if (ns < kMillisecond) return fixed(static_cast<double>(ns) / 1e3, 1) + " us";
  if (ns < kSecond) return fixed(static_cast<double>(ns) / 1e6, 1) + " ms";
  return fixed(static_cast<double>(ns) / 1e9, 2) + " s";
}

std::string percent(ClockTime part, ClockTime whole) {
  if (whole == 0) return "-";
  return fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + "%";
}

// Left-aligns the first `left` columns, right-aligns the rest.
std::string render(const std::vector<std::vector<std::string>>& rows, std::size_t left) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = "  ";
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string pad(width[i] - row[i].size(), ' ');
      line += i < left ? row[i] + pad : pad + row[i];
      if (i + 1 < row.size()) line += "  ";
    }
    out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
  }
  return out;
}

}  // namespace

std::string format_stats_table(const StatsSnapshot& s) {
  const double seconds = static_cast<double>(s.elapsed) / 1e9;
  std::string out =
      "flow statistics of pipeline \"" + s.pipeline + "\" after " + fixed(seconds, 3) + " s\n";
  std::vector<std::vector<std::string>> links{
      {"link", "kind", "credit now/max", "batch avg", "buffers", "bytes", "buffers/s", "blocked",
       "blocked%", "mailbox avg", "queue level max/limit", "dropped"}};
  for (const LinkStats& l : s.links) {
    std::string level = "-";
    if (l.queue)
      level = std::to_string(l.max_level_buffers) + "/" +
              (l.limit_buffers ? std::to_string(l.limit_buffers) : std::string("unlimited"));
    links.push_back(
        {l.name(), l.kind(), std::to_string(l.credit) + "/" + std::to_string(l.max_credit),
         l.messages ? fixed(static_cast<double>(l.buffers) / l.messages, 1) : "-",
         std::to_string(l.buffers), std::to_string(l.bytes),
         seconds > 0 ? fixed(static_cast<double>(l.buffers) / seconds, 1) : "-",
         duration(l.blocked), percent(l.blocked, s.elapsed),
         l.received ? duration(l.mailbox / l.received) : "-", level, std::to_string(l.dropped)});
  }
  out += render(links, 2) + "\n";
  std::vector<std::vector<std::string>> elements{
      {"element", "factory", "buffers", "processing avg", "processing max", "busy%", "dropped"}};
  for (const ElementStats& e : s.elements)
    elements.push_back({e.name, e.factory, std::to_string(e.processed),
                        e.processed ? duration(e.processing / e.processed) : "-",
                        e.processed ? duration(e.processing_max) : "-",
                        percent(e.processing, s.elapsed), std::to_string(e.dropped)});
  out += render(elements, 2);
  return out;
}

// ---- CSV and JSON lines ---------------------------------------------------------

namespace {

std::string seconds_text(ClockTime ns) { return fixed(static_cast<double>(ns) / 1e9, 9); }

// The fields of one row, in column order; numbers stay unquoted.
struct Field {
  const char* key;
  std::string value;
  bool text;
};

std::vector<Field> link_fields(const StatsSnapshot& s, const LinkStats& l, const char* row) {
  return {{"time_s", seconds_text(s.elapsed), false},
          {"row", row, true},
          {"type", "link", true},
          {"name", l.name(), true},
          {"kind", l.kind(), true},
          {"window", std::to_string(l.window), false},
          {"buffers", std::to_string(l.buffers), false},
          {"bytes", std::to_string(l.bytes), false},
          {"blocked_s", seconds_text(l.blocked), false},
          {"received", std::to_string(l.received), false},
          {"mailbox_s", seconds_text(l.mailbox), false},
          {"level_buffers", std::to_string(l.level_buffers), false},
          {"level_bytes", std::to_string(l.level_bytes), false},
          {"level_time_s", seconds_text(l.level_time), false},
          {"max_level_buffers", std::to_string(l.max_level_buffers), false},
          {"limit_buffers", std::to_string(l.limit_buffers), false},
          {"dropped", std::to_string(l.dropped), false},
          {"processing_s", "0", false},
          {"processing_max_s", "0", false},
          {"credit", std::to_string(l.credit), false},
          {"max_credit", std::to_string(l.max_credit), false},
          {"messages", std::to_string(l.messages), false}};
}

std::vector<Field> element_fields(const StatsSnapshot& s, const ElementStats& e, const char* row) {
  return {{"time_s", seconds_text(s.elapsed), false},
          {"row", row, true},
          {"type", "element", true},
          {"name", e.name, true},
          {"kind", e.factory, true},
          {"window", "0", false},
          {"buffers", std::to_string(e.processed), false},
          {"bytes", "0", false},
          {"blocked_s", "0", false},
          {"received", "0", false},
          {"mailbox_s", "0", false},
          {"level_buffers", "0", false},
          {"level_bytes", "0", false},
          {"level_time_s", "0", false},
          {"max_level_buffers", "0", false},
          {"limit_buffers", "0", false},
          {"dropped", std::to_string(e.dropped), false},
          {"processing_s", seconds_text(e.processing), false},
          {"processing_max_s", seconds_text(e.processing_max), false},
          {"credit", "0", false},
          {"max_credit", "0", false},
          {"messages", "0", false}};
}

void for_each_row(const StatsSnapshot& s, const char* row,
                  const std::function<void(const std::vector<Field>&)>& emit) {
  for (const LinkStats& l : s.links) emit(link_fields(s, l, row));
  for (const ElementStats& e : s.elements) emit(element_fields(s, e, row));
}

std::string csv_cell(const std::string& value) {
  if (value.find_first_of(",\"\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string json_string(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string stats_csv_header() {
  std::string out;
  for (const Field& f : link_fields(StatsSnapshot{}, LinkStats{}, "")) {
    if (!out.empty()) out += ',';
    out += f.key;
  }
  return out + "\n";
}

std::string stats_csv_rows(const StatsSnapshot& snapshot, const char* row) {
  std::string out;
  for_each_row(snapshot, row, [&out](const std::vector<Field>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      out += csv_cell(fields[i].value);
    }
    out += '\n';
  });
  return out;
}

std::string stats_json_lines(const StatsSnapshot& snapshot, const char* row) {
  std::string out;
  for_each_row(snapshot, row, [&out](const std::vector<Field>& fields) {
    out += '{';
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      out += json_string(fields[i].key) + ':' +
             (fields[i].text ? json_string(fields[i].value) : fields[i].value);
    }
    out += "}\n";
  });
  return out;
}

}  // namespace gstmini
