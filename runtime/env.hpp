// Environment knobs (GSTMINI_THREADS, GSTMINI_WINDOW, ...): read, range
// checked, and reported once when bad.
//
// A knob that is unset or empty gives no value. A value that is not a whole
// number, or lies outside its accepted range, is ignored: the first time a
// process reads it, a WARNING names the variable, the value and the range
// (always printed, whatever GSTMINI_DEBUG says, like a g_warning), so a typo
// is seen once rather than silently obeyed or repeated per pipeline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gstmini {

// The value of `name` if it is an integer in [min, max].
std::optional<std::int64_t> env_integer(const char* name, std::int64_t min, std::int64_t max);

// Parses `text` as a whole decimal integer in [min, max]; on failure returns
// nullopt and, if `error` is given, says why ("not a number", "out of range").
std::optional<std::int64_t> parse_integer_in_range(const std::string& text, std::int64_t min,
                                                   std::int64_t max, std::string* error = nullptr);

// Logs `message` as a WARNING about variable `name`, once per process for
// each distinct bad `value`.
void env_warn_once(const char* name, const std::string& value, const std::string& message);

// Every warning issued so far, oldest first (for tests and tools).
std::vector<std::string> env_warnings();

}  // namespace gstmini
