#include "elements/image/image_scan.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace gstmini {

namespace {
constexpr std::uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr std::uint32_t kMaxChunkLength = 0x7fffffff;  // PNG spec: 2^31 - 1

std::uint32_t be32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}
std::uint32_t be16(const std::uint8_t* p) { return std::uint32_t{p[0]} << 8 | p[1]; }

ScanResult need_data() { return {}; }
ScanResult skip(std::size_t n) { return {ScanResult::Status::Skip, n, {}}; }
ScanResult image(std::size_t n) { return {ScanResult::Status::Image, n, {}}; }
ScanResult corrupt(std::string why) { return {ScanResult::Status::Corrupt, 0, std::move(why)}; }

// Garbage before a signature: skip to the next place it could start,
// keeping a possible partial signature at the end.
ScanResult skip_to(const std::uint8_t* data, std::size_t size, const std::uint8_t* magic,
                   std::size_t magic_size) {
  for (std::size_t i = 1; i < size; ++i) {
    std::size_t n = std::min(magic_size, size - i);
    if (std::memcmp(data + i, magic, n) == 0) return skip(i);
  }
  return skip(size);
}
}  // namespace

ScanResult PngScanner::scan(const std::uint8_t* data, std::size_t size) {
  if (parsed_ == 0) {
    if (size < sizeof kPngSignature) {
      if (std::memcmp(data, kPngSignature, size) == 0) return need_data();
      return skip_to(data, size, kPngSignature, sizeof kPngSignature);
    }
    if (std::memcmp(data, kPngSignature, sizeof kPngSignature) != 0)
      return skip_to(data, size, kPngSignature, sizeof kPngSignature);
    parsed_ = sizeof kPngSignature;
  }
  while (parsed_ + 8 <= size) {
    const std::uint32_t length = be32(data + parsed_);
    if (length > kMaxChunkLength)
      return corrupt("chunk length " + std::to_string(length) + " at byte " +
                     std::to_string(parsed_) + " is larger than PNG allows");
    const std::uint64_t end = std::uint64_t{parsed_} + 12 + length;
    if (end > size) return need_data();
    const bool iend = std::memcmp(data + parsed_ + 4, "IEND", 4) == 0;
    parsed_ = static_cast<std::size_t>(end);
    if (iend) {
      std::size_t whole = parsed_;
      parsed_ = 0;
      return image(whole);
    }
  }
  return need_data();
}

ScanResult JpegScanner::scan(const std::uint8_t* data, std::size_t size) {
  static constexpr std::uint8_t kSoi[2] = {0xff, 0xd8};
  if (parsed_ == 0) {
    if (size < 2) return size == 1 && data[0] == 0xff ? need_data() : skip_to(data, size, kSoi, 2);
    if (data[0] != 0xff || data[1] != 0xd8) return skip_to(data, size, kSoi, 2);
    parsed_ = 2;
  }
  for (;;) {
    if (in_scan_) {
      // Entropy-coded data ends at a marker other than FF00 and RSTn.
      std::size_t i = parsed_;
      for (; i + 1 < size; ++i) {
        if (data[i] != 0xff) continue;
        const std::uint8_t next = data[i + 1];
        if (next == 0x00 || next == 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
        break;
      }
      parsed_ = i;
      if (i + 1 >= size) return need_data();
      in_scan_ = false;
    }
    if (parsed_ + 2 > size) return need_data();
    if (data[parsed_] != 0xff)
      return corrupt("expected a marker at byte " + std::to_string(parsed_));
    std::uint8_t marker = data[parsed_ + 1];
    if (marker == 0xff) {  // fill byte before a marker
      ++parsed_;
      continue;
    }
    if (marker == 0xd9) {  // EOI
      std::size_t whole = parsed_ + 2;
      reset();
      return image(whole);
    }
    if (marker == 0xd8)
      return corrupt("a second SOI inside the image at byte " + std::to_string(parsed_));
    if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {  // no length
      parsed_ += 2;
      continue;
    }
    if (parsed_ + 4 > size) return need_data();
    const std::uint32_t length = be16(data + parsed_ + 2);
    if (length < 2)
      return corrupt("marker segment length " + std::to_string(length) + " at byte " +
                     std::to_string(parsed_));
    if (parsed_ + 2 + length > size) return need_data();
    parsed_ += 2 + length;
    if (marker == 0xda) in_scan_ = true;  // SOS: entropy-coded data follows
  }
}

std::optional<PngHeader> read_png_header(const std::uint8_t* data, std::size_t size) {
  if (size < 8 + 8 + 13 || std::memcmp(data, kPngSignature, 8) != 0) return std::nullopt;
  if (be32(data + 8) != 13 || std::memcmp(data + 12, "IHDR", 4) != 0) return std::nullopt;
  const std::uint8_t* ihdr = data + 16;
  PngHeader h;
  h.width = be32(ihdr);
  h.height = be32(ihdr + 4);
  h.bit_depth = ihdr[8];
  h.color_type = ihdr[9];
  h.interlace = ihdr[12];
  return h;
}

}  // namespace gstmini
