// Small facts about an Item (a buffer, a list or an event), shared by the
// ElementActor's files: what to call it in a log line, what it adds to a
// queue's level, how many buffers it carries.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "actors/messages.hpp"
#include "runtime/staging.hpp"

namespace gstmini::actors {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

inline std::string describe(const Item& item) {
  return std::visit(
      Overloaded{
          [](const Buffer& b) { return "buffer pts " + format_time(b.pts); },
          [](const BufferList& l) { return "list of " + std::to_string(l.size()) + " buffers"; },
          [](const Event& e) { return std::string("event ") + to_string(e.type()); },
      },
      item);
}

// What an item adds to a queue's level: buffers, bytes, duration.
inline StagingLevel level_of(const Item& item) {
  StagingLevel level;
  auto add = [&level](const Buffer& b) {
    level.buffers += 1;
    level.bytes += b.size();
    if (is_valid(b.duration)) level.time += b.duration;
  };
  if (const auto* b = std::get_if<Buffer>(&item)) add(*b);
  if (const auto* l = std::get_if<BufferList>(&item))
    for (const Buffer& b : *l) add(b);
  return level;
}

// Buffers in a data item (0 for an event).
inline std::uint64_t buffers_in(const Item& item) {
  if (std::holds_alternative<Buffer>(item)) return 1;
  if (const auto* list = std::get_if<BufferList>(&item)) return list->size();
  return 0;
}

}  // namespace gstmini::actors
