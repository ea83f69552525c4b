// GStreamer-style debug logging: categories with thresholds.
//
// GSTMINI_DEBUG uses GStreamer's grammar: "*:3,queue:6,fake*:5" (levels by
// number or name: NONE ERROR WARNING FIXME INFO DEBUG LOG TRACE; later
// entries win). GSTMINI_DEBUG_FILE sends the log to a file,
// GSTMINI_DEBUG_NO_COLOR turns colour off. One line per event:
//
//   0:00:00.100234567  4242 INFO    fakesink  <sink0:sink> rendered buffer ...
//   elapsed time      thread level  category  object       message
//
// A disabled log statement costs one relaxed atomic load; the message is not
// formatted. Messages use fmt's "{}" grammar through gstmini::format
// (runtime/format.hpp), so the header needs no fmt.
#pragma once

#include <atomic>
#include <string>
#include <string_view>

#include "runtime/format.hpp"

namespace gstmini {

enum class DebugLevel : int { None = 0, Error, Warning, Fixme, Info, Debug, Log, Trace };

class DebugCategory {
 public:
  DebugCategory(std::string name, std::string description);
  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  DebugLevel threshold() const {
    return static_cast<DebugLevel>(threshold_.load(std::memory_order_relaxed));
  }
  void set_threshold(DebugLevel level) {
    threshold_.store(static_cast<int>(level), std::memory_order_relaxed);
  }
  bool enabled(DebugLevel level) const {
    return static_cast<int>(level) <= threshold_.load(std::memory_order_relaxed);
  }

 private:
  std::string name_;
  std::string description_;
  std::atomic<int> threshold_;
};

// The category called `name`, created on first use with the threshold the
// current GSTMINI_DEBUG spec gives it. The reference stays valid forever.
DebugCategory& debug_category(const std::string& name, const std::string& description = {});

// Applies a spec like "*:3,queue:6" to every category, now and later.
// Returns false (and changes nothing) when the spec does not parse.
bool debug_set_threshold_from_string(const std::string& spec, std::string* error = nullptr);
// Reads GSTMINI_DEBUG / GSTMINI_DEBUG_FILE / GSTMINI_DEBUG_NO_COLOR (done once, automatically).
void debug_init_from_env();
const char* to_string(DebugLevel level);  // "ERROR", "WARN", ... as GStreamer prints them

void debug_log(const DebugCategory& category, DebugLevel level, std::string_view object,
               std::string_view message);

}  // namespace gstmini

// GST_CAT_LEVEL_LOG_OBJECT: `obj` is a string like "sink0" or "src0:src".
#define GSTMINI_LOG_OBJECT(cat, level, obj, ...)                                   \
  do {                                                                             \
    if ((cat).enabled(level))                                                      \
      ::gstmini::debug_log((cat), (level), (obj), ::gstmini::format(__VA_ARGS__)); \
  } while (0)
