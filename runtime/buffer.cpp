#include "runtime/buffer.hpp"

#include <utility>

namespace gstmini {

Buffer::Buffer(std::size_t size)
    : memory_(size ? std::make_shared<std::vector<std::uint8_t>>(size) : nullptr) {}

Buffer Buffer::wrap(std::vector<std::uint8_t> bytes) {
  Buffer buffer;
  buffer.memory_ = std::make_shared<std::vector<std::uint8_t>>(std::move(bytes));
  return buffer;
}

std::uint8_t* Buffer::map_writable() {
  if (!memory_) return nullptr;
  if (memory_.use_count() > 1) memory_ = std::make_shared<std::vector<std::uint8_t>>(*memory_);
  return memory_->data();
}

std::string flags_to_string(BufferFlags flags) {
  static const std::pair<BufferFlags, const char*> kNames[] = {
      {BufferFlags::Live, "LIVE"},
      {BufferFlags::DecodeOnly, "DECODE_ONLY"},
      {BufferFlags::Discont, "DISCONT"},
      {BufferFlags::Resync, "RESYNC"},
      {BufferFlags::Corrupted, "CORRUPTED"},
      {BufferFlags::Marker, "MARKER"},
      {BufferFlags::Header, "HEADER"},
      {BufferFlags::Gap, "GAP"},
      {BufferFlags::Droppable, "DROPPABLE"},
      {BufferFlags::DeltaUnit, "DELTA_UNIT"},
      {BufferFlags::TagMemory, "TAG_MEMORY"},
      {BufferFlags::SyncAfter, "SYNC_AFTER"},
      {BufferFlags::NonDroppable, "NON_DROPPABLE"},
  };
  std::string text;
  for (const auto& [flag, name] : kNames) {
    if ((flags & flag) == BufferFlags::None) continue;
    if (!text.empty()) text += ' ';
    text += name;
  }
  return text.empty() ? "none" : text;
}

std::string to_string(const Buffer& buffer) {
  auto time = [](ClockTime t) { return is_valid(t) ? format_time(t) : std::string("none"); };
  return "buffer: pts " + time(buffer.pts) + ", dts " + time(buffer.dts) + ", dur " +
         time(buffer.duration) + ", size " + std::to_string(buffer.size()) + ", flags " +
         flags_to_string(buffer.flags());
}

}  // namespace gstmini
