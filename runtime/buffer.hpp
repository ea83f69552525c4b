// Buffer: a unit of timed data moving downstream, like GstBuffer.
//
// Timing fields (pts, dts, duration, offset) are plain values. The payload is
// shared immutable memory: copying a Buffer copies the metadata and bumps a
// reference count, never the bytes. map_writable() copies the bytes only when
// another Buffer still shares them (copy-on-write), so a Buffer handed to the
// next element can never be changed behind its back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/clock_time.hpp"

namespace gstmini {

// GStreamer's GstBufferFlags, same names and bit values.
enum class BufferFlags : std::uint32_t {
  None = 0,
  Live = 1u << 4,
  DecodeOnly = 1u << 5,
  Discont = 1u << 6,
  Resync = 1u << 7,
  Corrupted = 1u << 8,
  Marker = 1u << 9,
  Header = 1u << 10,
  Gap = 1u << 11,
  Droppable = 1u << 12,
  DeltaUnit = 1u << 13,
  TagMemory = 1u << 14,
  SyncAfter = 1u << 15,
  NonDroppable = 1u << 16,
};

constexpr BufferFlags operator|(BufferFlags a, BufferFlags b) {
  return static_cast<BufferFlags>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr BufferFlags operator&(BufferFlags a, BufferFlags b) {
  return static_cast<BufferFlags>(static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(b));
}

inline constexpr std::uint64_t kBufferOffsetNone = ~std::uint64_t{0};

class Buffer {
 public:
  Buffer() = default;
  // A buffer owning `size` zero bytes.
  explicit Buffer(std::size_t size);
  // A buffer owning `bytes` (moved in, not copied).
  static Buffer wrap(std::vector<std::uint8_t> bytes);

  ClockTime pts = kClockTimeNone;
  ClockTime dts = kClockTimeNone;
  ClockTime duration = kClockTimeNone;
  std::uint64_t offset = kBufferOffsetNone;
  std::uint64_t offset_end = kBufferOffsetNone;

  BufferFlags flags() const { return flags_; }
  bool has_flag(BufferFlags f) const { return (flags_ & f) != BufferFlags::None; }
  void set_flag(BufferFlags f) { flags_ = flags_ | f; }
  void unset_flag(BufferFlags f) {
    flags_ = static_cast<BufferFlags>(static_cast<std::uint32_t>(flags_) &
                                      ~static_cast<std::uint32_t>(f));
  }

  std::size_t size() const { return memory_ ? memory_->size() : 0; }
  const std::uint8_t* data() const { return memory_ ? memory_->data() : nullptr; }
  // Writable bytes; copies them first if another Buffer shares them.
  std::uint8_t* map_writable();
  // True when another Buffer refers to the same bytes.
  bool is_payload_shared() const { return memory_ && memory_.use_count() > 1; }

 private:
  std::shared_ptr<std::vector<std::uint8_t>> memory_;
  BufferFlags flags_ = BufferFlags::None;
};

// A group of buffers pushed in one go (GstBufferList): one round trip for many.
using BufferList = std::vector<Buffer>;

// "buffer: pts 0:00:00.033333333, dts none, dur 0:00:00.033333333, size 4096, flags DISCONT"
std::string to_string(const Buffer& buffer);
std::string flags_to_string(BufferFlags flags);

}  // namespace gstmini
