// gstmini-flowchart: turns a stats tracer file into one HTML page.
//
//   GSTMINI_TRACERS="stats(file=run.csv,interval=10ms)" build/examples/06_tee_branches
//   build/tools/gstmini-flowchart run.csv run.html
//
// Reads CSV or JSON lines (runtime/stats/flow_stats_reader.hpp) and writes a
// self-contained page (runtime/stats/flow_chart.hpp): queue levels, throughput
// and back-pressure per link over time.
#include <cstdio>
#include <fstream>
#include <string>

#include "runtime/stats/flow_chart.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3 || std::string(argv[1]) == "--help") {
    std::fprintf(stderr, "usage: %s STATS.csv|STATS.jsonl [OUT.html]\n", argv[0]);
    return 2;
  }
  const std::string in = argv[1];
  std::string out = argc == 3 ? argv[2] : in.substr(0, in.rfind('.')) + ".html";
  if (out == in) out += ".html";
  try {
    const std::string html = gstmini::render_flow_chart(gstmini::read_stats_file(in), in);
    std::ofstream file(out, std::ios::binary);
    if (!(file << html)) {
      std::fprintf(stderr, "gstmini-flowchart: could not write %s\n", out.c_str());
      return 1;
    }
  } catch (const gstmini::StatsParseError& e) {
    std::fprintf(stderr, "gstmini-flowchart: %s\n", e.what());
    return 1;
  }
  std::printf("%s\n", out.c_str());
  return 0;
}
