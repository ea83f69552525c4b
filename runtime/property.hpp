// Typed element properties (GParamSpec + the object lock, in small).
//
// An element class declares its properties once, in a table of PropertySpec
// (name, type, default, range, description) that gst-inspect-style tools
// print. Values live in a PropertyStore guarded by a mutex: the application
// may set or read them from any thread while the element runs, exactly like
// g_object_set/get under GST_OBJECT_LOCK. It is the only element data other
// threads touch.
#pragma once

#include <atomic>
#include <cstdint>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "runtime/fraction.hpp"
#include "runtime/value.hpp"

namespace gstmini {

enum class PropertyType { Bool, Int, UInt64, Double, String, Enum, Fraction, Caps };

// Raised for a wrong property name, type, range or unparsable text.
class PropertyError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct EnumValue {
  std::int64_t value;
  std::string nick;
  std::string description;
};

struct PropertySpec {
  std::string name;
  PropertyType type = PropertyType::Int;
  Value default_value;
  Value minimum;  // Int / UInt64 / Double only
  Value maximum;
  std::string blurb;
  bool writable = true;  // read-only properties are statistics the element updates
  std::vector<EnumValue> enum_values;

  static PropertySpec boolean(std::string name, bool def, std::string blurb);
  static PropertySpec integer(std::string name, std::int64_t def, std::int64_t min,
                              std::int64_t max, std::string blurb);
  static PropertySpec uint64(std::string name, std::uint64_t def, std::uint64_t min,
                             std::uint64_t max, std::string blurb);
  static PropertySpec real(std::string name, double def, double min, double max, std::string blurb);
  static PropertySpec string(std::string name, std::string def, std::string blurb);
  // A fraction "num/den" (den > 0), stored as its text: "30/1".
  static PropertySpec fraction(std::string name, std::string def, std::string blurb);
  // Caps in GStreamer's string form, stored as their canonical text
  // (Caps::to_string), checked when set.
  static PropertySpec caps(std::string name, std::string def, std::string blurb);
  static PropertySpec enumeration(std::string name, std::int64_t def, std::vector<EnumValue> values,
                                  std::string blurb);
  PropertySpec read_only() &&;
};

// "Integer64", "Unsigned Integer64", "Boolean", "Double", "String", "Enum"
const char* to_string(PropertyType type);
// "Integer64. Range: -1 - 2147483647 Default: -1" (gst-inspect's wording)
std::string describe_range(const PropertySpec& spec);

// Converts `value` to the spec's type, or throws PropertyError saying what
// was expected ("property 'num-buffers' of fakesrc0 expects Integer64 in
// [-1, 2147483647], got -5").
Value coerce(const PropertySpec& spec, const Value& value, const std::string& owner);
// Parses gst-launch text: "true"/"false"/"yes"/"no"/"1"/"0", numbers,
// enum nicks or numbers, strings as they are.
Value parse_value(const PropertySpec& spec, const std::string& text, const std::string& owner);

class PropertyStore {
 public:
  PropertyStore(const std::vector<PropertySpec>* specs, std::string owner);

  const std::vector<PropertySpec>& specs() const { return *specs_; }
  const PropertySpec* find(const std::string& name) const;
  // Throws PropertyError naming the owner for an unknown property.
  std::size_t index_of(const std::string& name) const;

  void set(const std::string& name, const Value& value);  // checks writable + type + range
  void set_from_string(const std::string& name, const std::string& text);
  Value get(const std::string& name) const;
  // For the element itself: also sets read-only statistics; skips the checks.
  void set_internal(std::size_t index, Value value);
  // A read-only uint64 statistic whose value is the counter itself: the
  // element bumps the atomic, readers load it; no lock on the hot path.
  // The counter must outlive the store (a member of the same element).
  void bind_counter(std::size_t index, const std::atomic<std::uint64_t>* counter);
  // Bumped by every set() (not set_internal): elements cache their settings
  // and reload them only when this changed, so the hot path takes no lock.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  const std::vector<PropertySpec>* specs_;
  std::string owner_;
  mutable std::mutex mutex_;
  std::vector<Value> values_;
  std::vector<const std::atomic<std::uint64_t>*> counters_;  // per index, may be null
  std::atomic<std::uint64_t> generation_{0};
};

// C++ values to Value without surprises (a const char* must not become bool).
template <class T>
Value to_value(T v) {
  if constexpr (std::is_same_v<T, bool>)
    return Value(v);
  else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>)
    return Value(static_cast<std::int64_t>(v));
  else if constexpr (std::is_integral_v<T>)
    return Value(static_cast<std::uint64_t>(v));
  else if constexpr (std::is_floating_point_v<T>)
    return Value(static_cast<double>(v));
  else
    return Value(std::string(v));
}

}  // namespace gstmini
