#include "runtime/registry.hpp"

#include <utility>

namespace gstmini {

Registry& Registry::get() {
  static Registry* registry = [] {
    auto* r = new Registry();  // never destroyed: factories may outlive main's statics
    register_core_elements(*r);
    return r;
  }();
  return *registry;
}

void Registry::add(const ElementClass& klass, Factory factory) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_[klass.factory_name] = Entry{&klass, std::move(factory), 0};
}

ElementPtr Registry::make(const std::string& factory, std::string name) {
  Factory make;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(factory);
    if (it == entries_.end()) throw ElementError("no element \"" + factory + "\"");
    if (name.empty()) name = factory + std::to_string(it->second.next_index++);
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
