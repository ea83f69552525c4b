// The registry cache: what each plugin file registered, so that a process
// loads a plugin only when one of its elements is made (GStreamer's
// registry.<arch>.bin). Loading every plugin at start cost each gstmini
// process about 0.2 s and 29 MB (libavcodec, libx264, SDL2, libcurl...).
//
// One text file, rewritten whole (a temporary file, then rename: a reader
// never sees half of it). A plugin's record holds its file's size and
// modification time; a file that changed, or is not in the cache, is loaded
// at start as before. Plugins that fail to load are never cached, so their
// failures are reported by every process, as before.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "runtime/registry/registry.hpp"

namespace gstmini {

struct PluginStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const PluginStamp& o) const { return size == o.size && mtime_ns == o.mtime_ns; }
};

struct CachedPlugin {
  PluginStamp stamp;
  Registry::PluginInfo info;  // info.filename is the key
};

using RegistryCache = std::map<std::string, CachedPlugin>;  // by plugin file name

// GSTMINI_REGISTRY (GST_REGISTRY) if set, else
// $XDG_CACHE_HOME (or $HOME/.cache)/gstmini-<api>/registry.<arch>.txt;
// empty when there is nowhere to keep it.
std::string registry_cache_path();

// The file's stamp; false if it cannot be read.
bool plugin_stamp(const std::string& filename, PluginStamp* stamp);

// Empty when the file is missing, malformed or from another gstmini.
RegistryCache read_registry_cache(const std::string& path);

// false (and nothing changed) when it cannot be written: the cache is an
// optimisation, a read-only home only costs start-up time.
bool write_registry_cache(const std::string& path, const RegistryCache& cache);

}  // namespace gstmini
