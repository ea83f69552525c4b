// gst-launch-1.0's --gst-debug* options, spelled --gstmini-debug*:
//
//   --gstmini-debug=LIST         category:level pairs, "queue:6,fake*:5"
//   --gstmini-debug-level=LEVEL  the default level, 0 (none) to 9 (everything)
//   --gstmini-debug-no-color     no colour in the log
//   --gstmini-debug-help         every debug category with its level and
//                                description, then exit
//
// Both "--opt=value" and "--opt value" are accepted, as GOption accepts them.
// The options refine GSTMINI_DEBUG: the spec applied is the environment's,
// then "*:LEVEL", then LIST, later entries winning (runtime/debug/log.hpp).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/debug/log_categories.hpp"
#include "runtime/registry/registry.hpp"

namespace gstmini::launch {

struct DebugOptions {
  std::string list, level;
  bool no_color = false, help = false;
};

// Takes argv[*i] if it is a debug option (advancing *i past a separate
// value). Returns false if it is not one; sets *error for a missing value.
inline bool take_debug_option(int argc, char** argv, int* i, DebugOptions* options,
                              std::string* error) {
  const std::string arg = argv[*i];
  auto value = [&](const std::string& name, std::string* into) {
    if (arg == name) {
      if (*i + 1 >= argc) {
        *error = "Missing argument for " + name;
        return true;
      }
      *into = argv[++*i];
      return true;
    }
    if (arg.compare(0, name.size() + 1, name + "=") == 0) {
      *into = arg.substr(name.size() + 1);
      return true;
    }
    return false;
  };
  if (value("--gstmini-debug", &options->list)) return true;
  if (value("--gstmini-debug-level", &options->level)) return true;
  if (arg == "--gstmini-debug-no-color") return options->no_color = true;
  if (arg == "--gstmini-debug-help") return options->help = true;
  return false;
}

// Applies the options; false with *error when the spec does not parse.
inline bool apply_debug_options(const DebugOptions& options, std::string* error) {
  if (options.no_color) debug_set_colored(false);
  if (options.list.empty() && options.level.empty()) return true;
  std::string spec;
  if (const char* env = std::getenv("GSTMINI_DEBUG")) spec = env;
  if (!options.level.empty()) spec += ",*:" + options.level;
  if (!options.list.empty()) spec += "," + options.list;
  return debug_set_threshold_from_string(spec, error);
}

// gst_debug_help: every category, sorted, after every element class has
// registered its own (as GStreamer loads every plugin first).
inline void print_debug_help() {
  for (const ElementClass* klass : Registry::get().list())
    debug_category(klass->factory_name, klass->description);
  const bool color = debug_is_colored() && isatty(STDOUT_FILENO);
  std::printf(
      "\nname                  level    description\n"
      "---------------------+--------+--------------------------------\n");
  for (const DebugCategoryInfo& category : debug_categories()) {
    const int level = static_cast<int>(category.threshold);
    const char* level_name = level == 0 ? "" : to_string(category.threshold);
    if (color)
      std::printf("\033[00m%-20s\033[00m  %1d %s  \033[00m%s\033[00m\n", category.name.c_str(),
                  level, level_name, category.description.c_str());
    else
      std::printf("%-20s  %1d %s  %s\n", category.name.c_str(), level, level_name,
                  category.description.c_str());
  }
}

}  // namespace gstmini::launch
