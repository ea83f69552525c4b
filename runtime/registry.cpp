#include "runtime/registry.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <utility>

#include "gstmini/version.hpp"
#include "runtime/plugin.hpp"
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

void Registry::load_plugins_from_path() {
  std::set<std::string> seen;  // one file name loads once, the first folder wins
  for (const std::string& folder : plugin_folders()) {
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error))
      if (entry.is_regular_file(error) && is_plugin_file(entry.path()))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files)
      if (seen.insert(file.filename().string()).second) load_plugin(file.string());
  }
}

bool Registry::load_plugin(const std::string& filename) {
  auto fail = [&](std::string reason) {
    std::lock_guard<std::mutex> lock(mutex_);
    failures_.push_back(PluginFailure{filename, std::move(reason)});
    return false;
  };
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
    for (const PluginInfo& loaded : plugins_)
      if (loaded.name == info.name) {
        failures_.push_back({filename, "a plugin named \"" + info.name + "\" is already loaded"});
        return false;
      }
    plugins_.push_back(std::move(info));
    loading_ = &plugins_.back();
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

void Registry::add(const ElementClass& klass, Factory factory) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_[klass.factory_name] = Entry{&klass, std::move(factory), 0};
  if (loading_) loading_->features.push_back(klass.factory_name);
}

std::vector<Registry::PluginInfo> Registry::plugins() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {plugins_.begin(), plugins_.end()};
}

std::vector<Registry::PluginFailure> Registry::plugin_failures() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failures_;
}

ElementPtr Registry::make(const std::string& factory, std::string name) {
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

const ElementClass* Registry::find(const std::string& factory) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(factory);
  return it == entries_.end() ? nullptr : it->second.klass;
}

std::vector<const ElementClass*> Registry::list() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<const ElementClass*> classes;
  for (const auto& [name, entry] : entries_) classes.push_back(entry.klass);
  return classes;
}

}  // namespace gstmini
