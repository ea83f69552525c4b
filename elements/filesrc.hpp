// filesrc: reads a local file, blocksize bytes per buffer (GStreamer's
// filesrc).
//
// The source works in BYTES: its SEGMENT is a BYTES segment, it answers
// DURATION (the file size) and SEEKING in bytes and handles byte seeks;
// buffers carry their byte range in offset/offset_end and no timestamps.
// A parser or decoder downstream (pngdec, jpegdec) turns them into timed
// frames. EOS comes at the end of the file or at the segment's stop.
//
// Blocking I/O (DESIGN invariant 3): create() reads at most `blocksize`
// bytes with one pread() of a regular local file, exactly what GStreamer's
// filesrc does on its streaming thread. Such a read is served from the page
// cache or one disk request; bounding it by blocksize keeps each handler of
// this actor short, and it never waits for a clock or a peer. A file on a
// slow network mount would stall this worker thread for the length of one
// read; that is the price GStreamer pays too.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/base_source.hpp"

namespace gstmini {

class FileSrc : public Source {
 public:
  static constexpr std::uint64_t kDefaultBlocksize = 4096;

  explicit FileSrc(std::string name);
  ~FileSrc() override;
  static const ElementClass& element_class();

  bool start() override;
  bool stop() override;
  FlowReturn create(Buffer& buffer) override;
  bool is_seekable() const override { return fd_ >= 0 && regular_; }
  bool do_seek(Segment& segment) override;
  ClockTime duration() const override { return fd_ >= 0 ? size_ : kClockTimeNone; }

 protected:
  Segment initial_segment() const override;

 private:
  void close_file();

  // Reset by start()/stop().
  int fd_ = -1;
  bool regular_ = false;  // a regular file: sized and seekable (not a pipe)
  std::string location_;
  std::uint64_t size_ = 0;
  std::uint64_t offset_ = 0;  // where the next read starts
  std::uint64_t blocksize_ = kDefaultBlocksize;
};

}  // namespace gstmini
