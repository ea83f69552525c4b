// bench_parse_launch: what a launch line costs, stage by stage.
//
//   bench_parse_launch ["launch line"] [builds]
//
// Times the syntax stage alone (lexer + parser, no element: what the fuzzer
// runs on every input) and the full parse_launch (elements, properties, the
// Pipeline with its actor system, links) followed by destroying the unstarted
// pipeline, with one scheduler thread as the fuzz target uses. Prints one line:
//   gstmini parse_launch syntax_us=S syntax_per_s=N build_ms=B builds_per_s=M line="..."
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/launch/launch_syntax.hpp"
#include "runtime/launch/parse_launch.hpp"

using namespace gstmini;
using Steady = std::chrono::steady_clock;

namespace {

double seconds_since(Steady::time_point start) {
  return std::chrono::duration<double>(Steady::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string line =
      argc > 1 ? argv[1] : "fakesrc num-buffers=5 ! identity ! fakesink name=s";
  const int builds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 200;
  const int parses = builds * 100;
  PipelineOptions options;
  options.threads = 1;

  auto start = Steady::now();
  std::size_t elements = 0;
  for (int i = 0; i < parses; ++i) elements += launch::parse_launch_syntax(line).elements.size();
  const double syntax = seconds_since(start) / parses;

  start = Steady::now();
  for (int i = 0; i < builds; ++i) parse_launch(line, options);
  const double build = seconds_since(start) / builds;

  std::printf(
      "gstmini parse_launch syntax_us=%.2f syntax_per_s=%.0f build_ms=%.3f builds_per_s=%.0f "
      "elements=%zu line=\"%s\"\n",
      syntax * 1e6, 1 / syntax, build * 1e3, 1 / build, elements / parses, line.c_str());
}
