// Runs one hidden test case of this test binary in a child process, with a
// deadline. For tests of hangs: a regression is killed at the deadline and
// fails the parent test, instead of stalling the whole suite (a hung
// ~actor_system cannot be interrupted from inside the process).
//
// The child cases are tagged "[.]" (hidden: Catch2 and ctest skip them) and
// named "<parent name> (child)"; run_isolated passes the name to the binary.
#pragma once

#include <unistd.h>

#include <chrono>
#include <climits>
#include <string>

#include "subprocess.hpp"

namespace gstmini::test {

struct IsolatedRun {
  int exit_code = -1;  // -1: killed at the deadline (hung) or crashed
  std::string output;  // stdout and stderr of the child
};

inline std::string self_executable() {
  char path[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  return n > 0 ? std::string(path, static_cast<std::size_t>(n)) : std::string();
}

inline IsolatedRun run_isolated(const std::string& test_name,
                                std::chrono::milliseconds deadline = std::chrono::seconds(20)) {
  Subprocess child({self_executable(), test_name});
  IsolatedRun run;
  run.exit_code = child.finish(deadline);
  run.output = child.out() + child.err();
  return run;
}

}  // namespace gstmini::test
