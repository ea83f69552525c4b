#include "runtime/registry/registry_cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "gstmini/version.hpp"
#include "runtime/registry/plugin.hpp"

namespace gstmini {
namespace {

// The first line: a cache from another gstmini or plugin ABI is ignored.
std::string header() {
  return "gstmini-registry\t" + std::to_string(kPluginAbiVersion) + "\t" + version();
}

// Fields are tab-separated: tabs, newlines and backslashes are escaped.
std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string unescape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    const char c = text[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c;
  }
  return out;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, '\t');) fields.push_back(unescape(field));
  return fields;
}

}  // namespace

std::string registry_cache_path() {
  if (const char* path = std::getenv("GSTMINI_REGISTRY")) return path;
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    base = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home)
    base = std::filesystem::path(home) / ".cache";
  else
    return {};
  const std::string api =
      std::to_string(GSTMINI_VERSION_MAJOR) + "." + std::to_string(GSTMINI_VERSION_MINOR);
#if defined(__x86_64__)
  const char* arch = "x86_64";
#elif defined(__aarch64__)
  const char* arch = "aarch64";
#else
  const char* arch = "unknown";
#endif
  return (base / ("gstmini-" + api) / (std::string("registry.") + arch + ".txt")).string();
}

bool plugin_stamp(const std::string& filename, PluginStamp* stamp) {
  struct stat st {};
  if (::stat(filename.c_str(), &st) != 0) return false;
  stamp->size = static_cast<std::uint64_t>(st.st_size);
  stamp->mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

RegistryCache read_registry_cache(const std::string& path) {
  RegistryCache cache;
  std::ifstream in(path);
  std::string line;
  if (path.empty() || !in || !std::getline(in, line) || line != header()) return {};
  CachedPlugin* last = nullptr;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = fields_of(line);
    if (f.size() == 11 && f[0] == "plugin") {
      CachedPlugin plugin;
      try {
        plugin.stamp = PluginStamp{std::stoull(f[2]), std::stoll(f[3])};
      } catch (const std::exception&) {
        return {};
      }
      plugin.info = Registry::PluginInfo{f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[1], {}};
      last = &(cache[f[1]] = std::move(plugin));
    } else if (f.size() == 2 && f[0] == "feature" && last) {
      last->info.features.push_back(f[1]);
    } else {
      return {};  // not ours, or damaged: start over
    }
  }
  return cache;
}

bool write_registry_cache(const std::string& path, const RegistryCache& cache) {
  if (path.empty()) return false;
  std::error_code error;
  const std::filesystem::path target(path);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  // Processes starting together each write their own file; the last rename wins.
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::trunc);
    if (!out) return false;
    out << header() << '\n';
    for (const auto& [filename, plugin] : cache) {
      const Registry::PluginInfo& i = plugin.info;
      out << "plugin";
      for (const std::string& field :
           {filename, std::to_string(plugin.stamp.size), std::to_string(plugin.stamp.mtime_ns),
            i.name, i.description, i.version, i.license, i.source, i.package, i.origin})
        out << '\t' << escape(field);
      out << '\n';
      for (const std::string& feature : i.features) out << "feature\t" << escape(feature) << '\n';
    }
    if (!out.flush()) {
      std::remove(temp.c_str());
      return false;
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace gstmini
