// Reading back what the stats tracer wrote (flow_stats.hpp): a CSV file
// (header, then rows) or JSON lines (one flat object per line). The chart
// tool (tools/gstmini-flowchart) and the tests use it.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace gstmini {

class StatsParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One row: every column by name, as written.
struct StatsRow {
  std::map<std::string, std::string> fields;
  // The column as text; "" if absent.
  std::string text(const std::string& key) const;
  // The column as a number; 0 if absent or not a number.
  double number(const std::string& key) const;
};

// Detects the format from the first character ('{': JSON lines). Throws
// StatsParseError naming `source` and the line for malformed input.
std::vector<StatsRow> parse_stats_text(const std::string& text,
                                       const std::string& source = "input");
std::vector<StatsRow> read_stats_file(const std::string& path);

}  // namespace gstmini
