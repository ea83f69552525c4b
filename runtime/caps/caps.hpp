// Caps: what media a pad can carry (GstCaps), and the set operations
// negotiation is made of.
//
//   Caps caps = Caps::from_string("video/x-raw, format=(string){ RGB, I420 }, "
//                                 "width=(int)[ 1, 4096 ], framerate=(fraction)30/1");
//   caps.intersect(other); caps.is_subset(other); caps.fixate(); caps.to_string();
//
// Caps are ANY, or a list of structures (EMPTY when there are none). Each
// structure is a media type with typed fields; a field stands for a set of
// values (fixed, range or list), so a structure stands for a set of formats,
// and caps for the union of their structures. The string form is
// GStreamer's: parse(print(c)) == c for every caps.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "runtime/caps/caps_value.hpp"

namespace gstmini {

// A caps string that does not parse; position() is the byte offset in the
// text where it went wrong.
class CapsParseError : public std::invalid_argument {
 public:
  CapsParseError(const std::string& reason, std::size_t position);
  const std::string& reason() const { return reason_; }
  std::size_t position() const { return position_; }

 private:
  std::string reason_;
  std::size_t position_;
};

class CapsStructure {
 public:
  CapsStructure() = default;
  explicit CapsStructure(std::string media_type, std::string features = {});

  const std::string& name() const { return name_; }
  // Caps features ("memory:GLMemory"); empty means system memory.
  const std::string& features() const { return features_; }
  const std::vector<std::pair<std::string, CapsValue>>& fields() const { return fields_; }

  CapsStructure& set(const std::string& field, CapsValue value);
  const CapsValue* get(const std::string& field) const;
  bool remove(const std::string& field);
  bool has_field(const std::string& field) const { return get(field) != nullptr; }

  bool is_fixed() const;
  // Fixes one field, choosing the member closest to the target (the
  // fixate_field_nearest_* helpers elements use in their fixate step).
  // False if the field is missing or of another type.
  bool fixate_field_nearest_int(const std::string& field, std::int64_t target);
  bool fixate_field_nearest_fraction(const std::string& field, Fraction target);
  bool fixate_field_string(const std::string& field, const std::string& target);
  void fixate();  // every field to its first/lowest member

  std::string to_string() const;

 private:
  std::string name_;
  std::string features_;
  std::vector<std::pair<std::string, CapsValue>> fields_;
};

bool operator==(const CapsStructure& a, const CapsStructure& b);  // same set of formats
std::optional<CapsStructure> intersect(const CapsStructure& a, const CapsStructure& b);
bool is_subset(const CapsStructure& a, const CapsStructure& b);

class Caps {
 public:
  Caps() = default;  // EMPTY
  explicit Caps(CapsStructure structure) { structures_.push_back(std::move(structure)); }
  static Caps any();
  static Caps empty() { return Caps(); }
  // Throws CapsParseError. "ANY", "EMPTY" (and GStreamer's "NONE"), or
  // structures separated by ';'.
  static Caps from_string(const std::string& text);

  bool is_any() const { return any_; }
  bool is_empty() const { return !any_ && structures_.empty(); }
  // One structure whose fields are all fixed: one format.
  bool is_fixed() const;
  std::size_t size() const { return structures_.size(); }
  const CapsStructure& structure(std::size_t i) const { return structures_.at(i); }
  CapsStructure& structure(std::size_t i) { return structures_.at(i); }
  const std::vector<CapsStructure>& structures() const { return structures_; }

  // Adds a structure unless the caps already contain it (ANY stays ANY).
  void append(CapsStructure structure);

  // The formats both allow, in this caps' order of preference
  // (GST_CAPS_INTERSECT_FIRST).
  Caps intersect(const Caps& other) const;
  bool can_intersect(const Caps& other) const { return !intersect(other).is_empty(); }
  // Every format of this caps is allowed by `other`.
  bool is_subset(const Caps& other) const;
  bool is_equal(const Caps& other) const { return is_subset(other) && other.is_subset(*this); }
  // The first structure with every field fixed (gst_caps_fixate). ANY and
  // EMPTY stay as they are.
  Caps fixate() const;

  std::string to_string() const;

 private:
  bool any_ = false;
  std::vector<CapsStructure> structures_;
};

inline bool operator==(const Caps& a, const Caps& b) { return a.is_equal(b); }
inline bool operator!=(const Caps& a, const Caps& b) { return !a.is_equal(b); }

}  // namespace gstmini
