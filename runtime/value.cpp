#include "runtime/value.hpp"

#include <sstream>

namespace gstmini {

std::string to_string(const Value& value) {
  struct Printer {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(std::uint64_t u) const { return std::to_string(u); }
    std::string operator()(double d) const {
      std::ostringstream out;
      out << d;
      return out.str();
    }
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Printer{}, value);
}

const char* type_name(const Value& value) {
  static const char* const kNames[] = {"boolean", "int64", "uint64", "double", "string"};
  return kNames[value.index()];
}

Structure& Structure::set(const std::string& field, Value value) {
  for (auto& [name, v] : fields_) {
    if (name == field) {
      v = std::move(value);
      return *this;
    }
  }
  fields_.emplace_back(field, std::move(value));
  return *this;
}

const Value* Structure::get(const std::string& field) const {
  for (const auto& [name, v] : fields_)
    if (name == field) return &v;
  return nullptr;
}

std::string to_string(const Structure& s) {
  std::string text = s.name();
  for (const auto& [name, v] : s.fields())
    text += ", " + name + "=(" + type_name(v) + ")" + to_string(v);
  return text;
}

}  // namespace gstmini
