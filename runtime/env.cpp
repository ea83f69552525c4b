#include "runtime/env.hpp"

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <set>

#include "runtime/debug/log.hpp"

namespace gstmini {

std::optional<std::int64_t> parse_integer_in_range(const std::string& text, std::int64_t min,
                                                   std::int64_t max, std::string* error) {
  const char* begin = text.c_str();
  while (*begin == ' ' || *begin == '\t') ++begin;
  char* end = nullptr;
  errno = 0;
  long long value = std::strtoll(begin, &end, 10);
  while (end && (*end == ' ' || *end == '\t')) ++end;
  if (end == begin || !end || *end != '\0') {
    if (error) *error = "not a whole number";
    return std::nullopt;
  }
  if (errno == ERANGE || value < min || value > max) {
    if (error) *error = "out of range";
    return std::nullopt;
  }
  return static_cast<std::int64_t>(value);
}

namespace {
struct Warned {
  std::mutex mutex;
  std::set<std::string> keys;
  std::vector<std::string> messages;
};
Warned& warned() {
  static Warned* w = new Warned;  // never destroyed: usable from static destructors
  return *w;
}
}  // namespace

std::vector<std::string> env_warnings() {
  std::lock_guard<std::mutex> lock(warned().mutex);
  return warned().messages;
}

void env_warn_once(const char* name, const std::string& value, const std::string& message) {
  {
    Warned& w = warned();
    std::lock_guard<std::mutex> lock(w.mutex);
    if (!w.keys.insert(std::string(name) + "=" + value).second) return;
    w.messages.push_back(message);
  }
  debug_init_from_env();
  // Printed whatever the threshold: a bad setting must be seen.
  debug_log(debug_category("env", "environment variables"), DebugLevel::Warning, name, message);
}

std::optional<std::int64_t> env_integer(const char* name, std::int64_t min, std::int64_t max) {
  const char* text = std::getenv(name);
  if (!text || !*text) return std::nullopt;
  std::string why;
  auto value = parse_integer_in_range(text, min, max, &why);
  if (!value)
    env_warn_once(name, text,
                  std::string(name) + "=\"" + text + "\" ignored: " + why +
                      " (accepted: " + std::to_string(min) + ".." + std::to_string(max) + ")");
  return value;
}

}  // namespace gstmini
