// multifilesink: writes buffers to a numbered series of files (GStreamer's
// multifilesink): location "frame-%05d.png" formatted with index.
//
// next-file says when a new file starts: buffer (one file per buffer, the
// default), discont (at each DISCONT buffer), max-size (before a buffer that
// would push the file over max-file-size) or max-duration (likewise with
// max-file-duration). max-files > 0 deletes the oldest files beyond that
// count. post-messages=true posts GStreamer's "GstMultiFileSink" element
// message for each file written: filename, index, timestamp, stream-time,
// running-time, duration, offset, offset-end.
//
// Blocking I/O: as filesink, bounded writes of a local file per buffer.
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <optional>
#include <string>

#include "elements/file_pattern.hpp"
#include "runtime/base_sink.hpp"

namespace gstmini {

class MultiFileSink : public Sink {
 public:
  enum Next : std::int64_t { kBuffer = 0, kDiscont = 1, kMaxSize = 4, kMaxDuration = 5 };

  explicit MultiFileSink(std::string name);
  ~MultiFileSink() override;
  static const ElementClass& element_class();

  bool start() override;
  bool stop() override;
  FlowReturn render(const Buffer& buffer) override;
  void on_event(const Event& event) override;

 private:
  bool open_next(const Buffer& first);
  // Closes the current file, posts its message and moves to the next index.
  bool close_current();
  bool write(const Buffer& buffer);
  void post_file_message(const std::string& filename, ClockTime timestamp, ClockTime duration,
                         std::uint64_t offset, std::uint64_t offset_end);
  void forget_old_files();

  struct Settings {
    std::int64_t next_file = kBuffer;
    bool post_messages = false;
    std::uint64_t max_files = 0;
    std::uint64_t max_file_size = 0;
    ClockTime max_file_duration = kClockTimeNone;
  };
  Settings settings_;  // read at start()
  std::optional<FilePattern> pattern_;
  std::int64_t index_ = 0;
  std::size_t index_property_;
  std::deque<std::string> written_;  // for max-files

  // The file being written (streaming modes): its first buffer's metadata.
  std::FILE* file_ = nullptr;
  std::string filename_;
  std::uint64_t file_bytes_ = 0;
  ClockTime file_pts_ = kClockTimeNone;
  ClockTime file_end_ = kClockTimeNone;
  std::uint64_t file_offset_ = kBufferOffsetNone;
  std::uint64_t file_offset_end_ = kBufferOffsetNone;
};

}  // namespace gstmini
