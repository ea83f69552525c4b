// filesink: writes every buffer to a file (GStreamer's filesink).
//
// The file is opened on READY->PAUSED ("wb", or "ab" with append=true) and
// closed on PAUSED->READY; sync defaults to false, as in GStreamer. Writes go
// through stdio with buffer-mode/buffer-size as GStreamer's (default: fully
// buffered, 64 KiB), are flushed at EOS, and a BYTES SEGMENT event moves the
// write position to its start (how a muxer rewrites a header).
//
// Blocking I/O (DESIGN invariant 3): render() hands one buffer to stdio,
// which writes to the local file when its buffer fills: one bounded write
// per 64 KiB, as GStreamer's filesink does on its streaming thread; it never
// waits for a clock or a peer.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "runtime/base_sink.hpp"

namespace gstmini {

class FileSink : public Sink {
 public:
  static constexpr std::uint64_t kDefaultBufferSize = 64 * 1024;

  explicit FileSink(std::string name);
  ~FileSink() override;
  static const ElementClass& element_class();

  bool start() override;
  bool stop() override;
  FlowReturn render(const Buffer& buffer) override;
  void on_event(const Event& event) override;

 private:
  bool flush_file();
  void close_file();
  // Posts the write error for errno `err` (ENOSPC gets its own message).
  void post_write_error(int err);

  std::FILE* file_ = nullptr;
  std::string location_;
  std::vector<char> stdio_buffer_;  // outlives file_ (setvbuf)
  bool write_failed_ = false;
};

}  // namespace gstmini
