// SegmentStorage: where an HLS segmenter puts its files (the seam between
// cutting segments and storing them).
//
// HlsSegmenter (hls_segmenter.hpp) decides what to write; a storage writes
// it. Three operations, each complete when it returns or throws
// StorageError with a message naming the file and the reason:
//   write_segment(name, bytes)   a whole finished segment
//   write_playlist(name, text)   the playlist, replaced atomically: a reader
//                                sees the old or the new one, never a mix
//   remove_segment(name)         a segment that left the window (max-files)
// The segmenter calls them in this order per finished segment: segment,
// playlist, removals, so the playlist never names a file not yet written,
// and a file leaves only once the playlist no longer names it.
//
// LocalDirStorage is the embedded default (hlssink2): files in the local
// filesystem, both segments and playlist written to "<name>.tmp" and then
// renamed, so a player polling the folder never reads half a file. An S3
// storage implements the same three calls with PUT/DELETE (awss3hlssink).
//
// CAF-free and element-free: usable and testable without a pipeline. Calls
// block (file I/O); hlssink2 makes them in its actor, which is fine for a
// local disk (a segment every few seconds) and is why a network storage
// uses its own actor instead.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace gstmini {

class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SegmentStorage {
 public:
  virtual ~SegmentStorage() = default;
  virtual void write_segment(const std::string& name, const std::vector<std::uint8_t>& bytes) = 0;
  virtual void write_playlist(const std::string& name, const std::string& text) = 0;
  virtual void remove_segment(const std::string& name) = 0;
};

// Names are file paths (relative to the working directory or absolute).
class LocalDirStorage : public SegmentStorage {
 public:
  void write_segment(const std::string& name, const std::vector<std::uint8_t>& bytes) override;
  void write_playlist(const std::string& name, const std::string& text) override;
  void remove_segment(const std::string& name) override;
};

// Writes `size` bytes to `path` through "<path>.tmp" and rename(2).
void write_file_atomically(const std::string& path, const void* data, std::size_t size);

}  // namespace gstmini
