#include "runtime/property.hpp"

#include "runtime/caps/caps.hpp"

#include <strings.h>
#include <cerrno>
#include <cstdlib>
#include <utility>

namespace gstmini {

PropertySpec PropertySpec::boolean(std::string name, bool def, std::string blurb) {
  return {std::move(name), PropertyType::Bool, def, false, true, std::move(blurb), true, {}};
}
PropertySpec PropertySpec::integer(std::string name, std::int64_t def, std::int64_t min,
                                   std::int64_t max, std::string blurb) {
  return {std::move(name), PropertyType::Int, def, min, max, std::move(blurb), true, {}};
}
PropertySpec PropertySpec::uint64(std::string name, std::uint64_t def, std::uint64_t min,
                                  std::uint64_t max, std::string blurb) {
  return {std::move(name), PropertyType::UInt64, def, min, max, std::move(blurb), true, {}};
}
PropertySpec PropertySpec::real(std::string name, double def, double min, double max,
                                std::string blurb) {
  return {std::move(name), PropertyType::Double, def, min, max, std::move(blurb), true, {}};
}
PropertySpec PropertySpec::string(std::string name, std::string def, std::string blurb) {
  return {
      std::move(name), PropertyType::String, std::move(def), {}, {}, std::move(blurb), true, {}};
}
PropertySpec PropertySpec::fraction(std::string name, std::string def, std::string blurb) {
  return {
      std::move(name), PropertyType::Fraction, std::move(def), {}, {}, std::move(blurb), true, {}};
}
PropertySpec PropertySpec::caps(std::string name, std::string def, std::string blurb) {
  return {std::move(name), PropertyType::Caps, std::move(def), {}, {}, std::move(blurb), true, {}};
}
PropertySpec PropertySpec::enumeration(std::string name, std::int64_t def,
                                       std::vector<EnumValue> values, std::string blurb) {
  return {std::move(name),  PropertyType::Enum, def, {}, {}, std::move(blurb), true,
          std::move(values)};
}
PropertySpec PropertySpec::read_only() && {
  writable = false;
  return std::move(*this);
}

const char* to_string(PropertyType type) {
  switch (type) {
    case PropertyType::Bool:
      return "Boolean";
    case PropertyType::Int:
      return "Integer64";
    case PropertyType::UInt64:
      return "Unsigned Integer64";
    case PropertyType::Double:
      return "Double";
    case PropertyType::String:
      return "String";
    case PropertyType::Enum:
      return "Enum";
    case PropertyType::Fraction:
      return "Fraction";
    case PropertyType::Caps:
      return "Caps";
  }
  return "?";
}

namespace {

std::string enum_nick(const PropertySpec& spec, std::int64_t v) {
  for (const auto& e : spec.enum_values)
    if (e.value == v) return e.nick;
  return std::to_string(v);
}

std::string expectation(const PropertySpec& spec) {
  switch (spec.type) {
    case PropertyType::Int:
    case PropertyType::UInt64:
    case PropertyType::Double:
      return std::string(to_string(spec.type)) + " in [" + to_string(spec.minimum) + ", " +
             to_string(spec.maximum) + "]";
    case PropertyType::Enum: {
      std::string text = "one of";
      for (const auto& e : spec.enum_values)
        text += " " + e.nick + "(" + std::to_string(e.value) + ")";
      return text;
    }
    case PropertyType::Fraction:
      return "a fraction num/den with den > 0";
    default:
      return to_string(spec.type);
  }
}

[[noreturn]] void fail(const PropertySpec& spec, const std::string& owner, const std::string& got) {
  throw PropertyError("property '" + spec.name + "' of " + owner + " expects " + expectation(spec) +
                      ", got " + got);
}

template <class T>
bool in_range(const PropertySpec& spec, T v) {
  return v >= std::get<T>(spec.minimum) && v <= std::get<T>(spec.maximum);
}

}  // namespace

std::string describe_range(const PropertySpec& spec) {
  std::string text = to_string(spec.type);
  if (spec.type == PropertyType::Int || spec.type == PropertyType::UInt64 ||
      spec.type == PropertyType::Double)
    text += ". Range: " + to_string(spec.minimum) + " - " + to_string(spec.maximum);
  std::string def = spec.type == PropertyType::Enum
                        ? enum_nick(spec, std::get<std::int64_t>(spec.default_value))
                        : to_string(spec.default_value);
  if (spec.type == PropertyType::String) def = "\"" + def + "\"";
  // gst-inspect: "Boolean. Default: false", "Integer. Range: 0 - 10 Default: 5".
  bool ranged = spec.type == PropertyType::Int || spec.type == PropertyType::UInt64 ||
                spec.type == PropertyType::Double;
  return text + (ranged ? " " : ". ") + "Default: " + def;
}

Value coerce(const PropertySpec& spec, const Value& value, const std::string& owner) {
  const std::string got = std::string(type_name(value)) + " " + to_string(value);
  switch (spec.type) {
    case PropertyType::Bool:
      if (auto b = std::get_if<bool>(&value)) return *b;
      fail(spec, owner, got);
    case PropertyType::String:
      if (auto s = std::get_if<std::string>(&value)) return *s;
      fail(spec, owner, got);
    case PropertyType::Fraction: {
      Fraction f;
      if (auto s = std::get_if<std::string>(&value); s && parse_fraction(*s, &f))
        return std::to_string(f.num) + "/" + std::to_string(f.den);
      fail(spec, owner, got);
    }
    case PropertyType::Caps:
      if (auto s = std::get_if<std::string>(&value)) {
        try {
          return Caps::from_string(*s).to_string();
        } catch (const CapsParseError& e) {
          fail(spec, owner, "'" + *s + "': " + e.what());
        }
      }
      fail(spec, owner, got);
    case PropertyType::Double: {
      double d;
      if (auto p = std::get_if<double>(&value))
        d = *p;
      else if (auto i = std::get_if<std::int64_t>(&value))
        d = static_cast<double>(*i);
      else if (auto u = std::get_if<std::uint64_t>(&value))
        d = static_cast<double>(*u);
      else
        fail(spec, owner, got);
      if (!in_range(spec, d)) fail(spec, owner, got);
      return d;
    }
    case PropertyType::Int:
    case PropertyType::Enum: {
      std::int64_t i;
      if (auto p = std::get_if<std::int64_t>(&value))
        i = *p;
      else if (auto u = std::get_if<std::uint64_t>(&value);
               u && *u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        i = static_cast<std::int64_t>(*u);
      else if (auto s = std::get_if<std::string>(&value); s && spec.type == PropertyType::Enum)
        return parse_value(spec, *s, owner);
      else
        fail(spec, owner, got);
      if (spec.type == PropertyType::Enum) {
        for (const auto& e : spec.enum_values)
          if (e.value == i) return i;
        fail(spec, owner, got);
      }
      if (!in_range(spec, i)) fail(spec, owner, got);
      return i;
    }
    case PropertyType::UInt64: {
      std::uint64_t u;
      if (auto p = std::get_if<std::uint64_t>(&value))
        u = *p;
      else if (auto i = std::get_if<std::int64_t>(&value); i && *i >= 0)
        u = static_cast<std::uint64_t>(*i);
      else
        fail(spec, owner, got);
      if (!in_range(spec, u)) fail(spec, owner, got);
      return u;
    }
  }
  fail(spec, owner, got);
}

Value parse_value(const PropertySpec& spec, const std::string& text, const std::string& owner) {
  const std::string got = "'" + text + "'";
  const char* s = text.c_str();
  char* end = nullptr;
  errno = 0;
  switch (spec.type) {
    case PropertyType::Bool:
      for (const char* t : {"true", "yes", "1", "on"})
        if (strcasecmp(s, t) == 0) return true;
      for (const char* f : {"false", "no", "0", "off"})
        if (strcasecmp(s, f) == 0) return false;
      fail(spec, owner, got);
    case PropertyType::String:
      return text;
    case PropertyType::Fraction:
    case PropertyType::Caps:
      return coerce(spec, text, owner);
    case PropertyType::Double: {
      double d = std::strtod(s, &end);
      if (text.empty() || *end || errno) fail(spec, owner, got);
      return coerce(spec, d, owner);
    }
    case PropertyType::Enum:
      for (const auto& e : spec.enum_values)
        if (e.nick == text) return e.value;
      [[fallthrough]];
    case PropertyType::Int: {
      long long i = std::strtoll(s, &end, 0);
      if (text.empty() || *end || errno) fail(spec, owner, got);
      return coerce(spec, static_cast<std::int64_t>(i), owner);
    }
    case PropertyType::UInt64: {
      if (text.find('-') != std::string::npos) fail(spec, owner, got);
      unsigned long long u = std::strtoull(s, &end, 0);
      if (text.empty() || *end || errno) fail(spec, owner, got);
      return coerce(spec, static_cast<std::uint64_t>(u), owner);
    }
  }
  fail(spec, owner, got);
}

PropertyStore::PropertyStore(const std::vector<PropertySpec>* specs, std::string owner)
    : specs_(specs), owner_(std::move(owner)) {
  values_.reserve(specs_->size());
  for (const auto& spec : *specs_) values_.push_back(spec.default_value);
}

const PropertySpec* PropertyStore::find(const std::string& name) const {
  for (const auto& spec : *specs_)
    if (spec.name == name) return &spec;
  return nullptr;
}

std::size_t PropertyStore::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < specs_->size(); ++i)
    if ((*specs_)[i].name == name) return i;
  throw PropertyError("no property '" + name + "' in element " + owner_);
}

void PropertyStore::set(const std::string& name, const Value& value) {
  std::size_t i = index_of(name);
  const PropertySpec& spec = (*specs_)[i];
  if (!spec.writable) throw PropertyError("property '" + name + "' of " + owner_ + " is read-only");
  Value checked = coerce(spec, value, owner_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    values_[i] = std::move(checked);
  }
  generation_.fetch_add(1, std::memory_order_release);
}

void PropertyStore::set_from_string(const std::string& name, const std::string& text) {
  std::size_t i = index_of(name);
  set(name, parse_value((*specs_)[i], text, owner_));
}

void PropertyStore::bind_counter(std::size_t index, const std::atomic<std::uint64_t>* counter) {
  counters_.resize(specs_->size(), nullptr);
  counters_.at(index) = counter;
}

Value PropertyStore::get(const std::string& name) const {
  std::size_t i = index_of(name);
  if (i < counters_.size() && counters_[i]) return counters_[i]->load(std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(mutex_);
  return values_[i];
}

void PropertyStore::set_internal(std::size_t index, Value value) {
  std::lock_guard<std::mutex> lock(mutex_);
  values_.at(index) = std::move(value);
}

}  // namespace gstmini
