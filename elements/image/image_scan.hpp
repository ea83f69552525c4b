// Finding whole images in a byte stream, before any library sees the bytes
// (the parse step of GStreamer's pngdec and jpegdec): a filesrc hands over
// 4096-byte pieces, a multifilesrc whole files, a network source anything;
// the decoder accumulates until the scanner says one image is complete.
//
//   PNG:  8-byte signature, then chunks (length, type, data, CRC) up to IEND.
//   JPEG: SOI, marker segments (with lengths) up to SOS, entropy-coded data
//         (0xFF is stuffed as FF 00; RSTn may appear) up to the next marker,
//         and so on (progressive files have several scans) until EOI.
//
// A scanner remembers how far it parsed, so feeding 1 byte at a time costs
// no rescanning. Garbage before a signature is skipped, as GStreamer does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace gstmini {

struct ScanResult {
  enum class Status {
    NeedData,  // no complete image yet
    Image,     // bytes [0, size) are one whole image
    Skip,      // bytes [0, size) are not part of any image: drop them
    Corrupt,   // the structure is broken (error says how)
  };
  Status status = Status::NeedData;
  std::size_t size = 0;
  std::string error;
};

class PngScanner {
 public:
  // `data` starts where the last Image/Skip ended (the caller drops those).
  ScanResult scan(const std::uint8_t* data, std::size_t size);
  void reset() { parsed_ = 0; }
  // Bytes of a started image seen so far (0 before a signature).
  std::size_t parsed() const { return parsed_; }

 private:
  std::size_t parsed_ = 0;  // up to the end of the last whole chunk
};

class JpegScanner {
 public:
  ScanResult scan(const std::uint8_t* data, std::size_t size);
  void reset() {
    parsed_ = 0;
    in_scan_ = false;
  }
  std::size_t parsed() const { return parsed_; }

 private:
  std::size_t parsed_ = 0;
  bool in_scan_ = false;  // inside entropy-coded data
};

// The IHDR fields of a PNG (nullopt if `data` does not start with a PNG
// signature followed by a well-formed IHDR chunk).
struct PngHeader {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  int bit_depth = 0;
  int color_type = 0;
  int interlace = 0;
};
std::optional<PngHeader> read_png_header(const std::uint8_t* data, std::size_t size);

}  // namespace gstmini
