// Value and Structure: typed fields for properties, messages and events
// (a small GValue / GstStructure).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gstmini {

using Value = std::variant<bool, std::int64_t, std::uint64_t, double, std::string>;

// "true", "42", "3.5", "text"
std::string to_string(const Value& value);
// "boolean", "int64", "uint64", "double", "string"
const char* type_name(const Value& value);

// A named list of fields: "fakesink-stats, rendered=(guint64)10, dropped=(guint64)0".
class Structure {
 public:
  Structure() = default;
  explicit Structure(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  Structure& set(const std::string& field, Value value);
  const Value* get(const std::string& field) const;
  template <class T>
  std::optional<T> get_as(const std::string& field) const {
    const Value* v = get(field);
    if (!v || !std::holds_alternative<T>(*v)) return std::nullopt;
    return std::get<T>(*v);
  }
  const std::vector<std::pair<std::string, Value>>& fields() const { return fields_; }

 private:
  std::string name_;
  std::vector<std::pair<std::string, Value>> fields_;
};

std::string to_string(const Structure& s);

}  // namespace gstmini
