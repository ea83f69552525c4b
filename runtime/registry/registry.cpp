#include "runtime/registry/registry.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <utility>

#include "gstmini/version.hpp"
#include "runtime/debug/log.hpp"
#include "runtime/registry/plugin.hpp"
#include "runtime/registry/registry_cache.hpp"
#include "runtime/utf8.hpp"

namespace gstmini {
namespace {

void append_folders(std::vector<std::string>& folders, const char* colon_list) {
  std::stringstream list(colon_list);
  for (std::string folder; std::getline(list, folder, ':');)
    if (!folder.empty()) folders.push_back(folder);
}

// The folder libgstmini itself was loaded from, found with dladdr on one of
// its own functions; empty if that fails.
std::filesystem::path library_folder() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&append_folders), &info) == 0 || !info.dli_fname) return {};
  std::error_code error;
  auto path = std::filesystem::weakly_canonical(info.dli_fname, error);
  return error ? std::filesystem::path{} : path.parent_path();
}

// The system folder (GStreamer's GST_PLUGIN_SYSTEM_PATH): the build tree's
// plugins while libgstmini runs uninstalled from the build tree, else
// <the folder libgstmini was loaded from>/gstmini-<api>/, so an installed
// tree still finds its plugins after its prefix moved.
std::string system_plugin_folder() {
  const std::filesystem::path lib = library_folder();
#if defined(GSTMINI_BUILD_LIB_DIR) && defined(GSTMINI_BUILD_PLUGIN_DIR)
  std::error_code error;
  if (!lib.empty() && std::filesystem::equivalent(lib, GSTMINI_BUILD_LIB_DIR, error))
    return GSTMINI_BUILD_PLUGIN_DIR;
#endif
#ifdef GSTMINI_PLUGIN_SUBDIR
  if (!lib.empty()) return (lib / GSTMINI_PLUGIN_SUBDIR).string();
#endif
#ifdef GSTMINI_INSTALL_PLUGIN_DIR
  return GSTMINI_INSTALL_PLUGIN_DIR;
#else
  return {};
#endif
}

// GSTMINI_PLUGIN_PATH first, then GSTMINI_PLUGIN_SYSTEM_PATH if set (it
// replaces the system folder, as GST_PLUGIN_SYSTEM_PATH does; empty means none).
std::vector<std::string> plugin_folders() {
  std::vector<std::string> folders;
  if (const char* path = std::getenv("GSTMINI_PLUGIN_PATH")) append_folders(folders, path);
  if (const char* system = std::getenv("GSTMINI_PLUGIN_SYSTEM_PATH"))
    append_folders(folders, system);
  else if (std::string folder = system_plugin_folder(); !folder.empty())
    folders.push_back(std::move(folder));
  return folders;
}

bool is_plugin_file(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  return name.rfind("libgstmini", 0) == 0 && file.extension() == ".so";
}

DebugCategory& category() {
  return debug_category("registry", "plugin loading and the registry cache");
}

}  // namespace

Registry& Registry::get() {
  static Registry* registry = [] {
    auto* r = new Registry();  // never destroyed: factories may outlive main's statics
    r->plugins_.push_back(PluginInfo{"coreelements",
                                     "gstmini core elements",
                                     version(),
                                     "LGPL",
                                     "gstmini",
                                     "gstmini",
                                     "https://github.com/gstmini/gstmini",
                                     "",
                                     {}});
    r->loading_ = &r->plugins_.back();
    register_core_elements(*r);
    r->loading_ = nullptr;
    r->load_plugins_from_path();
    return r;
  }();
  return *registry;
}

// A plugin whose file matches its cache record is only remembered (its
// features deferred); any other is loaded now and recorded. The cache is
// rewritten when that changed anything.
void Registry::load_plugins_from_path() {
  const std::string cache_path = registry_cache_path();
  RegistryCache cache = read_registry_cache(cache_path);
  bool changed = false;
  std::set<std::string> seen;  // one file name loads once, the first folder wins
  for (const std::string& folder : plugin_folders()) {
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error))
      if (entry.is_regular_file(error) && is_plugin_file(entry.path()))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      const std::string file = path.string();
      if (!seen.insert(path.filename().string()).second) continue;
      PluginStamp stamp;
      const bool stamped = plugin_stamp(file, &stamp);
      auto cached = cache.find(file);
      const bool known = cached != cache.end() && stamped && cached->second.stamp == stamp &&
                         std::none_of(plugins_.begin(), plugins_.end(), [&](const PluginInfo& p) {
                           return p.name == cached->second.info.name;
                         });
      if (known) {
        GSTMINI_LOG_OBJECT(category(), DebugLevel::Debug, "registry",
                           "{} from the cache, not loaded", file);
        plugins_.push_back(cached->second.info);
        for (const std::string& feature : cached->second.info.features)
          if (!entries_.count(feature)) deferred_.emplace(feature, file);
        continue;
      }
      changed = true;
      if (load_plugin(file) && stamped)
        cache[file] = CachedPlugin{stamp, plugins_.back()};
      else
        cache.erase(file);  // failed: tried (and reported) again by the next process
    }
  }
  // Records of files no longer there, or changed by now, go.
  for (auto it = cache.begin(); it != cache.end();) {
    PluginStamp stamp;
    if (plugin_stamp(it->first, &stamp) && stamp == it->second.stamp) {
      ++it;
    } else {
      it = cache.erase(it);
      changed = true;
    }
  }
  if (changed && !write_registry_cache(cache_path, cache))
    GSTMINI_LOG_OBJECT(category(), DebugLevel::Info, "registry",
                       "cannot write the registry cache {}: every plugin loads at start",
                       cache_path);
}

bool Registry::load_plugin(const std::string& filename) {
  std::lock_guard<std::mutex> loading(load_mutex_);
  return open_plugin(filename, nullptr);
}

bool Registry::open_plugin(const std::string& filename, PluginInfo* known) {
  auto fail = [&](std::string reason) {
    std::lock_guard<std::mutex> lock(mutex_);
    failures_.push_back(PluginFailure{filename, std::move(reason)});
    return false;
  };
  GSTMINI_LOG_OBJECT(category(), DebugLevel::Debug, "registry", "loading plugin {}", filename);
  void* handle = dlopen(filename.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return fail(dlerror());  // never dlclosed: its classes stay registered
  using DescFn = const PluginDesc* (*)();
  auto desc_fn = reinterpret_cast<DescFn>(dlsym(handle, GSTMINI_PLUGIN_DESC_SYMBOL));
  if (!desc_fn) return fail("no " GSTMINI_PLUGIN_DESC_SYMBOL " symbol: not a gstmini plugin");
  const PluginDesc* desc = desc_fn();
  if (desc->abi_version != kPluginAbiVersion)
    return fail("built for plugin ABI " + std::to_string(desc->abi_version) + ", not " +
                std::to_string(kPluginAbiVersion));
  PluginInfo info{desc->name,    desc->description, desc->version,
                  desc->license, desc->source,      desc->package,
                  desc->origin,  filename,          {}};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (known) {
      known->features.clear();  // registered anew by init
      loading_ = known;
    } else {
      for (const PluginInfo& loaded : plugins_)
        if (loaded.name == info.name) {
          failures_.push_back({filename, "a plugin named \"" + info.name + "\" is already loaded"});
          return false;
        }
      plugins_.push_back(std::move(info));
      loading_ = &plugins_.back();
    }
  }
  try {
    desc->init(*this);
  } catch (const std::exception& e) {
    std::lock_guard<std::mutex> lock(mutex_);
    loading_ = nullptr;
    failures_.push_back({filename, std::string("plugin init failed: ") + e.what()});
    return false;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  loading_ = nullptr;
  return true;
}

void Registry::load_deferred(const std::string& factory) {
  {
    // The common case, and a plugin's init looking an element up: nothing to load.
    std::lock_guard<std::mutex> lock(mutex_);
    if (!deferred_.count(factory)) return;
  }
  std::lock_guard<std::mutex> loading(load_mutex_);
  std::string file;
  PluginInfo* known = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = deferred_.find(factory);
    if (it == deferred_.end()) return;  // not deferred, or loaded meanwhile
    file = it->second;
    for (auto d = deferred_.begin(); d != deferred_.end();)
      d = d->second == file ? deferred_.erase(d) : std::next(d);
    for (PluginInfo& p : plugins_)
      if (p.filename == file) known = &p;
    loading_deferred_ = true;
  }
  const bool loaded = known && open_plugin(file, known);
  std::lock_guard<std::mutex> lock(mutex_);
  loading_deferred_ = false;
  if (!loaded)  // it loaded when cached, not now (a library it needs went?)
    plugins_.erase(std::remove_if(plugins_.begin(), plugins_.end(),
                                  [&](const PluginInfo& p) { return p.filename == file; }),
                   plugins_.end());
}

void Registry::load_all_deferred() {
  for (;;) {
    std::string factory;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (deferred_.empty()) return;
      factory = deferred_.begin()->first;
    }
    load_deferred(factory);
  }
}

void Registry::add(const ElementClass& klass, Factory factory) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (loading_) loading_->features.push_back(klass.factory_name);
  // Registered since start (by the application): a plugin loaded late does
  // not replace it, as it would not have at start.
  if (loading_deferred_ && entries_.count(klass.factory_name)) return;
  deferred_.erase(klass.factory_name);
  entries_[klass.factory_name] = Entry{&klass, std::move(factory), 0};
}

std::vector<Registry::PluginInfo> Registry::plugins() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {plugins_.begin(), plugins_.end()};
}

std::vector<Registry::PluginFailure> Registry::plugin_failures() {
  load_all_deferred();
  std::lock_guard<std::mutex> lock(mutex_);
  return failures_;
}

ElementPtr Registry::make(const std::string& factory, std::string name) {
  load_deferred(factory);
  Factory make;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(factory);
    if (it == entries_.end()) throw ElementError("no element \"" + factory + "\"");
    if (name.empty()) name = factory + std::to_string(it->second.next_index++);
    if (!is_valid_utf8(name))
      throw ElementError("could not set property \"name\" in element \"" + factory + "\" to \"" +
                         escape_invalid_utf8(name) + "\": not valid UTF-8");
    make = it->second.factory;
  }
  return make(std::move(name));
}

const ElementClass* Registry::find(const std::string& factory) {
  load_deferred(factory);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(factory);
  return it == entries_.end() ? nullptr : it->second.klass;
}

std::vector<const ElementClass*> Registry::list() {
  load_all_deferred();
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<const ElementClass*> classes;
  for (const auto& [name, entry] : entries_) classes.push_back(entry.klass);
  return classes;
}

}  // namespace gstmini
