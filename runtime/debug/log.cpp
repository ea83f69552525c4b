#include "runtime/debug/log.hpp"
#include "runtime/debug/log_categories.hpp"

#include <fnmatch.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <utility>
#include <vector>

#include "runtime/clock_time.hpp"

namespace gstmini {
namespace {

struct Rule {
  std::string pattern;
  DebugLevel level;
};

struct Registry {
  std::mutex mutex;
  std::deque<DebugCategory> categories;  // deque: references stay valid
  std::vector<Rule> rules{{"*", DebugLevel::None}};
  std::shared_ptr<spdlog::logger> logger;
  std::atomic<bool> color{true};  // read by every log line without the lock
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
};

// The runtime's own categories, so that a listing (--gstmini-debug-help)
// shows them before any code has used them; elements add theirs by factory.
constexpr std::pair<const char*, const char*> kCoreCategories[] = {
    {"pipeline", "pipeline actor: states, clock, EOS"},
    {"dot", "pipeline graph dumps"},
};

Registry& registry() {
  static Registry* instance = [] {
    auto* r = new Registry();  // never destroyed: actors may log at exit
    for (const auto& [name, description] : kCoreCategories)
      r->categories.emplace_back(name, description);
    return r;
  }();
  return *instance;
}

DebugLevel level_for(const std::vector<Rule>& rules, const std::string& name) {
  DebugLevel level = DebugLevel::None;
  for (const Rule& rule : rules)
    if (fnmatch(rule.pattern.c_str(), name.c_str(), 0) == 0) level = rule.level;
  return level;
}

bool parse_level(const std::string& text, DebugLevel* level) {
  static const char* const kNames[] = {"NONE", "ERROR", "WARNING", "FIXME",
                                       "INFO", "DEBUG", "LOG",     "TRACE"};
  for (int i = 0; i < 8; ++i) {
    if (strcasecmp(text.c_str(), kNames[i]) == 0) {
      *level = static_cast<DebugLevel>(i);
      return true;
    }
  }
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
  int n = std::atoi(text.c_str());
  *level = static_cast<DebugLevel>(n > 9 ? 9 : n);
  return true;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::once_flag env_once;

}  // namespace

DebugCategory::DebugCategory(std::string name, std::string description)
    : name_(std::move(name)), description_(std::move(description)), threshold_(0) {}

DebugCategory& debug_category(const std::string& name, const std::string& description) {
  debug_init_from_env();
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  for (DebugCategory& c : r.categories)
    if (c.name() == name) return c;
  DebugCategory& c =
      r.categories.emplace_back(name, description.empty() ? "no description" : description);
  c.set_threshold(level_for(r.rules, name));
  return c;
}

bool debug_set_threshold_from_string(const std::string& spec, std::string* error) {
  std::vector<Rule> rules;
  std::size_t pos = 0;
  while (pos <= spec.size()) {
    std::size_t comma = spec.find(',', pos);
    std::string item =
        trim(spec.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    pos = comma == std::string::npos ? spec.size() + 1 : comma + 1;
    if (item.empty()) continue;
    std::size_t colon = item.rfind(':');
    Rule rule;
    // A bare level ("5") means "*:5", as in GStreamer.
    std::string pattern = colon == std::string::npos ? "*" : trim(item.substr(0, colon));
    std::string level = colon == std::string::npos ? item : trim(item.substr(colon + 1));
    if (pattern.empty() || !parse_level(level, &rule.level)) {
      if (error) *error = "bad debug spec item '" + item + "' (expected category:level)";
      return false;
    }
    rule.pattern = pattern;
    rules.push_back(rule);
  }
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.rules = {{"*", DebugLevel::None}};
  r.rules.insert(r.rules.end(), rules.begin(), rules.end());
  for (DebugCategory& c : r.categories) c.set_threshold(level_for(r.rules, c.name()));
  return true;
}

void debug_init_from_env() {
  std::call_once(env_once, [] {
    Registry& r = registry();
    const char* file = std::getenv("GSTMINI_DEBUG_FILE");
    r.color = std::getenv("GSTMINI_DEBUG_NO_COLOR") == nullptr && file == nullptr &&
              isatty(STDERR_FILENO);
    std::string file_error;
    if (file && *file) {
      try {
        r.logger = spdlog::basic_logger_mt("gstmini", file, true);
      } catch (const std::exception& e) {
        file_error = e.what();
      }
    }
    if (!r.logger) r.logger = spdlog::stderr_color_mt("gstmini");
    r.logger->set_pattern("%v");
    r.logger->set_level(spdlog::level::trace);
    if (!file_error.empty())
      r.logger->warn("gstmini: GSTMINI_DEBUG_FILE=\"{}\" ignored ({}): logging to stderr", file,
                     file_error);
    if (const char* spec = std::getenv("GSTMINI_DEBUG")) {
      std::string error;
      if (!debug_set_threshold_from_string(spec, &error))
        r.logger->warn("gstmini: ignoring GSTMINI_DEBUG: {}", error);
    }
  });
}

void debug_set_colored(bool colored) {
  debug_init_from_env();
  registry().color = colored;
}

bool debug_is_colored() {
  debug_init_from_env();
  return registry().color;
}

std::vector<DebugCategoryInfo> debug_categories() {
  debug_init_from_env();
  Registry& r = registry();
  std::vector<DebugCategoryInfo> out;
  {
    std::lock_guard<std::mutex> lock(r.mutex);
    for (const DebugCategory& c : r.categories)
      out.push_back({c.name(), c.description(), c.threshold()});
  }
  std::sort(out.begin(), out.end(),
            [](const DebugCategoryInfo& a, const DebugCategoryInfo& b) { return a.name < b.name; });
  return out;
}

const char* to_string(DebugLevel level) {
  static const char* const kNames[] = {"NONE", "ERROR", "WARN", "FIXME",
                                       "INFO", "DEBUG", "LOG",  "TRACE"};
  int i = static_cast<int>(level);
  return i >= 0 && i < 8 ? kNames[i] : "LEVEL";
}

void debug_log(const DebugCategory& category, DebugLevel level, std::string_view object,
               std::string_view message) {
  Registry& r = registry();
  auto elapsed = std::chrono::steady_clock::now() - r.start;
  auto ns =
      static_cast<ClockTime>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count());
  static thread_local long tid = syscall(SYS_gettid);
  static const char* const kColors[] = {"",           "\033[31;1m", "\033[33;1m", "\033[35m",
                                        "\033[32;1m", "\033[36m",   "\033[37m",   "\033[37;2m"};
  int i = static_cast<int>(level);
  const char* color = r.color && i > 0 && i < 8 ? kColors[i] : "";
  const char* reset = *color ? "\033[0m" : "";
  r.logger->info("{} {:>6} {}{:<5}{} {:>14} <{}> {}", format_time(ns), tid, color, to_string(level),
                 reset, category.name(), object, message);
}

}  // namespace gstmini
