// The debug categories as a list, and the log's colour: what
// --gstmini-debug-help and --gstmini-debug-no-color need (runtime/debug/log.hpp
// has the categories themselves).
#pragma once

#include <string>
#include <vector>

#include "runtime/debug/log.hpp"

namespace gstmini {

// Colour in the log's level column (on by default when stderr is a terminal
// and neither GSTMINI_DEBUG_NO_COLOR nor GSTMINI_DEBUG_FILE is set).
void debug_set_colored(bool colored);
bool debug_is_colored();

// Every category known so far, sorted by name (gst_debug_get_all_categories):
// the runtime's own are registered at start, an element's when its class is
// first instantiated.
struct DebugCategoryInfo {
  std::string name;
  std::string description;
  DebugLevel threshold;
};
std::vector<DebugCategoryInfo> debug_categories();

}  // namespace gstmini
