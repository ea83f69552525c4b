// The element registry (GstRegistry + GstElementFactory, in one).
//
//   auto sink = gstmini::make_element("fakesink", "sink0");
//
// Built-in elements are registered the first time the registry is used;
// applications add their own with Registry::get().add<MyElement>().
// Plugins found in the plugin folders are known from the registry cache
// (runtime/registry/registry_cache.hpp) and loaded when one of their elements is
// first made or looked up; a plugin new to the cache loads at start.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/element.hpp"

namespace gstmini {

class ElementError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Registry {
 public:
  using Factory = std::function<ElementPtr(std::string name)>;

  static Registry& get();

  // Registers a factory; replaces one with the same name.
  void add(const ElementClass& klass, Factory factory);
  template <class E>
  void add() {
    add(E::element_class(), [](std::string name) { return std::make_shared<E>(std::move(name)); });
  }

  // A new element; an empty name gives "<factory><n>" like GStreamer.
  // Throws ElementError("no element \"foo\"") for an unknown factory.
  ElementPtr make(const std::string& factory, std::string name = {});
  // Not const: they may load the plugin that has the element.
  const ElementClass* find(const std::string& factory);
  std::vector<const ElementClass*> list();  // sorted by factory name; loads every plugin

  // Plugins (runtime/registry/plugin.hpp): what loaded, and what failed with why.
  struct PluginInfo {
    std::string name, description, version, license, source, package, origin;
    std::string filename;               // empty for the built-in core elements
    std::vector<std::string> features;  // factory names the plugin registered
  };
  struct PluginFailure {
    std::string filename;
    std::string reason;  // "undefined symbol: ...", "built for plugin ABI 0, not 1"
  };
  std::vector<PluginInfo> plugins() const;       // loaded or not
  std::vector<PluginFailure> plugin_failures();  // loads every plugin first
  // Loads one plugin file now; false (with the failure recorded) if it cannot.
  bool load_plugin(const std::string& filename);

 private:
  Registry() = default;
  struct Entry {
    const ElementClass* klass;
    Factory factory;
    unsigned next_index = 0;
  };
  void load_plugins_from_path();
  // Loads the cached plugin that registers `factory`, if one does.
  void load_deferred(const std::string& factory);
  void load_all_deferred();
  // dlopen and init; `known`: the plugin's entry from the cache, else a new one.
  bool open_plugin(const std::string& filename, PluginInfo* known);
  mutable std::mutex mutex_;
  std::mutex load_mutex_;  // one plugin loads at a time (held without mutex_)
  // Factory -> plugin file, for plugins known from the cache, not loaded yet.
  std::map<std::string, std::string> deferred_;
  bool loading_deferred_ = false;  // a deferred load keeps what others registered since
  std::map<std::string, Entry> entries_;
  std::deque<PluginInfo> plugins_;  // a deque: loading_ stays valid as plugins load
  std::vector<PluginFailure> failures_;
  PluginInfo* loading_ = nullptr;  // the plugin whose init is running, under mutex_
};

inline ElementPtr make_element(const std::string& factory, std::string name = {}) {
  return Registry::get().make(factory, std::move(name));
}

// Defined in elements/: registers every built-in element.
void register_core_elements(Registry& registry);

}  // namespace gstmini
