#include "runtime/caps/caps.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace gstmini {

// ---- structures -----------------------------------------------------------

CapsStructure::CapsStructure(std::string media_type, std::string features)
    : name_(std::move(media_type)),
      features_(features == "memory:SystemMemory" ? std::string() : std::move(features)) {}

CapsStructure& CapsStructure::set(const std::string& field, CapsValue value) {
  for (auto& [name, v] : fields_) {
    if (name == field) {
      v = std::move(value);
      return *this;
    }
  }
  fields_.emplace_back(field, std::move(value));
  return *this;
}

const CapsValue* CapsStructure::get(const std::string& field) const {
  for (const auto& [name, v] : fields_)
    if (name == field) return &v;
  return nullptr;
}

bool CapsStructure::remove(const std::string& field) {
  auto it =
      std::find_if(fields_.begin(), fields_.end(), [&](const auto& f) { return f.first == field; });
  if (it == fields_.end()) return false;
  fields_.erase(it);
  return true;
}

bool CapsStructure::is_fixed() const {
  return std::all_of(fields_.begin(), fields_.end(),
                     [](const auto& f) { return f.second.is_fixed(); });
}

namespace {

// The member of `value` (int, int range, or a list of them) nearest to
// `target`; ties go to the smaller one, as gst_structure_fixate_field_nearest_int.
// |a - b| without overflow: int64 members can be 2^64 - 1 apart.
std::uint64_t distance(std::int64_t a, std::int64_t b) {
  return a > b ? static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b)
               : static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a);
}

std::optional<std::int64_t> nearest_int(const CapsValue& value, std::int64_t target) {
  if (const auto* i = value.get_if<std::int64_t>()) return *i;
  if (const auto* r = value.get_if<IntRange>()) {
    const auto step = static_cast<std::uint64_t>(r->step);
    std::int64_t t = std::clamp(target, r->min, r->max);
    std::uint64_t offset = distance(t, r->min) % step;
    // below = t - offset >= min; above = below + step, a member while <= max.
    auto below = static_cast<std::int64_t>(static_cast<std::uint64_t>(t) - offset);
    if (offset && distance(r->max, below) >= step && step - offset < offset)
      return static_cast<std::int64_t>(static_cast<std::uint64_t>(below) + step);
    return below;
  }
  if (const auto* list = value.get_if<CapsValueList>()) {
    std::optional<std::int64_t> best;
    for (const CapsValue& m : *list) {
      auto n = nearest_int(m, target);
      if (n && (!best || distance(*n, target) < distance(*best, target))) best = n;
    }
    return best;
  }
  return std::nullopt;
}

double as_double(Fraction f) { return static_cast<double>(f.num) / static_cast<double>(f.den); }

std::optional<Fraction> nearest_fraction(const CapsValue& value, Fraction target) {
  if (const auto* f = value.get_if<Fraction>()) return *f;
  if (const auto* r = value.get_if<FractionRange>()) {
    if (compare(target, r->min) < 0) return r->min;
    if (compare(target, r->max) > 0) return r->max;
    return reduce(target);
  }
  if (const auto* list = value.get_if<CapsValueList>()) {
    std::optional<Fraction> best;
    const double t = as_double(target);
    for (const CapsValue& m : *list) {
      auto n = nearest_fraction(m, target);
      if (n && (!best || std::fabs(as_double(*n) - t) < std::fabs(as_double(*best) - t))) best = n;
    }
    return best;
  }
  return std::nullopt;
}

}  // namespace

bool CapsStructure::fixate_field_nearest_int(const std::string& field, std::int64_t target) {
  const CapsValue* v = get(field);
  if (!v) return false;
  auto n = nearest_int(*v, target);
  if (!n) return false;
  set(field, CapsValue(*n));
  return true;
}

bool CapsStructure::fixate_field_nearest_fraction(const std::string& field, Fraction target) {
  const CapsValue* v = get(field);
  if (!v || target.den <= 0) return false;
  auto n = nearest_fraction(*v, target);
  if (!n) return false;
  set(field, CapsValue(*n));
  return true;
}

bool CapsStructure::fixate_field_string(const std::string& field, const std::string& target) {
  const CapsValue* v = get(field);
  if (!v || !is_subset(CapsValue(target), *v)) return false;
  set(field, CapsValue(target));
  return true;
}

void CapsStructure::fixate() {
  for (auto& field : fields_) field.second = gstmini::fixate(field.second);
}

std::string CapsStructure::to_string() const {
  std::string s = name_;
  if (!features_.empty()) s += "(" + features_ + ")";
  for (const auto& [name, value] : fields_) s += ", " + name + "=" + serialize(value);
  return s;
}

bool operator==(const CapsStructure& a, const CapsStructure& b) {
  return is_subset(a, b) && is_subset(b, a);
}

std::optional<CapsStructure> intersect(const CapsStructure& a, const CapsStructure& b) {
  if (a.name() != b.name() || a.features() != b.features()) return std::nullopt;
  CapsStructure out(a.name(), a.features());
  for (const auto& [name, va] : a.fields()) {
    const CapsValue* vb = b.get(name);
    if (!vb) {
      out.set(name, va);
      continue;
    }
    auto common = intersect(va, *vb);
    if (!common) return std::nullopt;
    out.set(name, std::move(*common));
  }
  for (const auto& [name, vb] : b.fields())
    if (!a.has_field(name)) out.set(name, vb);
  return out;
}

// `a` is a subset when it fixes at least what `b` fixes: every field of `b`
// is in `a`, with a subset of its values.
bool is_subset(const CapsStructure& a, const CapsStructure& b) {
  if (a.name() != b.name() || a.features() != b.features()) return false;
  return std::all_of(b.fields().begin(), b.fields().end(), [&](const auto& field) {
    const CapsValue* va = a.get(field.first);
    return va && is_subset(*va, field.second);
  });
}

// ---- caps -------------------------------------------------------------------

Caps Caps::any() {
  Caps c;
  c.any_ = true;
  return c;
}

bool Caps::is_fixed() const {
  return !any_ && structures_.size() == 1 && structures_.front().is_fixed();
}

void Caps::append(CapsStructure structure) {
  if (any_) return;
  for (const CapsStructure& s : structures_)
    if (gstmini::is_subset(structure, s)) return;
  structures_.push_back(std::move(structure));
}

Caps Caps::intersect(const Caps& other) const {
  if (any_) return other;
  if (other.any_) return *this;
  Caps out;
  for (const CapsStructure& a : structures_)
    for (const CapsStructure& b : other.structures_)
      if (auto s = gstmini::intersect(a, b)) out.append(std::move(*s));
  return out;
}

bool Caps::is_subset(const Caps& other) const {
  if (other.any_) return true;
  if (any_) return false;
  return std::all_of(structures_.begin(), structures_.end(), [&](const CapsStructure& s) {
    return std::any_of(other.structures_.begin(), other.structures_.end(),
                       [&](const CapsStructure& t) { return gstmini::is_subset(s, t); });
  });
}

Caps Caps::fixate() const {
  if (any_ || structures_.empty()) return *this;
  CapsStructure first = structures_.front();
  first.fixate();
  return Caps(std::move(first));
}

std::string Caps::to_string() const {
  if (any_) return "ANY";
  if (structures_.empty()) return "EMPTY";
  std::string s;
  for (std::size_t i = 0; i < structures_.size(); ++i) {
    if (i) s += "; ";
    s += structures_[i].to_string();
  }
  return s;
}

CapsParseError::CapsParseError(const std::string& reason, std::size_t position)
    : std::invalid_argument(reason + " (at position " + std::to_string(position) + ")"),
      reason_(reason),
      position_(position) {}

}  // namespace gstmini
