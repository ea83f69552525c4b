// libFuzzer target for parse_launch (run it with scripts/fuzz.sh).
//
// Every input goes through the syntax stage (lexer + parser, no element, no
// actor), which is where arbitrary text lands; an input that parses is also
// built for real (elements, properties, Pipeline, links), then destroyed
// unstarted. A ParseError is the only acceptable failure: anything else that
// escapes — another exception, a crash, a sanitizer report, a hang — is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "runtime/launch/launch_syntax.hpp"
#include "runtime/launch/parse_launch.hpp"

namespace {

// A ParseError must point inside the line it quotes.
void check(const gstmini::ParseError& error, const std::string& line) {
  if (error.line() != line || error.position() > line.size() ||
      error.length() > line.size() - error.position() || error.message().empty())
    __builtin_trap();
}

gstmini::PipelineOptions small_pipeline() {
  gstmini::PipelineOptions options;
  options.threads = 1;  // built and destroyed unstarted: one worker is plenty
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  try {
    gstmini::launch::parse_launch_syntax(line);
  } catch (const gstmini::ParseError& error) {
    check(error, line);
    return 0;
  }
  try {
    gstmini::parse_launch(line, small_pipeline());
  } catch (const gstmini::ParseError& error) {
    check(error, line);
  }
  return 0;
}
