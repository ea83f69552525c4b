#include "elements/multifilesink.hpp"

#include <cstdio>
#include <limits>

#include "elements/file_error.hpp"

namespace gstmini {

const ElementClass& MultiFileSink::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"multifilesink",
                   "Multi-File Sink",
                   "Sink/File",
                   "Write buffers to a sequentially named set of files",
                   "gstmini",
                   {{"sink", PadDirection::Sink, PadPresence::Always, "ANY"}},
                   Sink::base_properties(false)};
    const auto max_u64 = std::numeric_limits<std::uint64_t>::max();
    k.properties.push_back(
        PropertySpec::string("location", "%05d", "Location of the file to write"));
    k.properties.push_back(PropertySpec::integer(
        "index", 0, 0, std::numeric_limits<std::int32_t>::max(),
        "Index to use with location property to create file names.  The index is incremented "
        "by one for each buffer written."));
    k.properties.push_back(PropertySpec::boolean(
        "post-messages", false, "Post a message for each file with information of the buffer"));
    k.properties.push_back(PropertySpec::enumeration(
        "next-file", kBuffer,
        {{kBuffer, "buffer", "New file for each buffer"},
         {kDiscont, "discont", "New file after each discontinuity"},
         {kMaxSize, "max-size",
          "New file when the configured maximum file size would be exceeded with the next "
          "buffer or buffer list"},
         {kMaxDuration, "max-duration",
          "New file when the configured maximum file duration would be exceeded with the next "
          "buffer or buffer list"}},
        "When to start a new file"));
    k.properties.push_back(PropertySpec::uint64(
        "max-files", 0, 0, std::numeric_limits<std::uint32_t>::max(),
        "Maximum number of files to keep on disk. Once the maximum is reached,old files start "
        "to be deleted to make room for new ones."));
    k.properties.push_back(
        PropertySpec::uint64("max-file-size", 2147483648ull, 0, max_u64,
                             "Maximum file size before starting a new file in max-size mode"));
    k.properties.push_back(PropertySpec::uint64(
        "max-file-duration", max_u64, 0, max_u64,
        "Maximum file duration before starting a new file in max-duration mode (in nanoseconds)"));
    return k;
  }();
  return klass;
}

MultiFileSink::MultiFileSink(std::string name)
    : Sink(element_class(), std::move(name)), index_property_(stat_index("index")) {}

MultiFileSink::~MultiFileSink() {
  if (file_) std::fclose(file_);
}

bool MultiFileSink::start() {
  const std::string location = get<std::string>("location");
  pattern_ = FilePattern::parse(location);
  if (!pattern_) {
    post_error("Invalid location", location);
    return false;
  }
  settings_ = Settings{get<std::int64_t>("next-file"), get<bool>("post-messages"),
                       get<std::uint64_t>("max-files"), get<std::uint64_t>("max-file-size"),
                       get<std::uint64_t>("max-file-duration")};
  index_ = get<std::int64_t>("index");
  written_.clear();
  return true;
}

bool MultiFileSink::stop() {
  close_current();
  return true;
}

void MultiFileSink::on_event(const Event& event) {
  if (event.type() == EventType::Eos) close_current();
}

bool MultiFileSink::open_next(const Buffer& first) {
  filename_ = pattern_->format(static_cast<int>(index_));
  file_ = std::fopen(filename_.c_str(), "wb");
  if (!file_) {
    post_error("Could not open file \"" + filename_ + "\" for writing.", system_error(errno));
    return false;
  }
  file_bytes_ = 0;
  file_pts_ = first.pts;
  file_end_ = kClockTimeNone;
  file_offset_ = first.offset;
  file_offset_end_ = first.offset_end;
  return true;
}

bool MultiFileSink::write(const Buffer& buffer) {
  if (buffer.size() > 0 && std::fwrite(buffer.data(), 1, buffer.size(), file_) != buffer.size()) {
    const int err = errno;
    if (err == ENOSPC)
      post_error(kResourceNoSpace, std::strerror(err));
    else
      post_error("Error while writing to file \"" + filename_ + "\".", std::strerror(err));
    return false;
  }
  file_bytes_ += buffer.size();
  if (is_valid(buffer.pts))
    file_end_ = buffer.pts + (is_valid(buffer.duration) ? buffer.duration : 0);
  if (buffer.offset_end != kBufferOffsetNone) file_offset_end_ = buffer.offset_end;
  return true;
}

bool MultiFileSink::close_current() {
  if (!file_) return true;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!closed) {
    post_error("Error while writing to file \"" + filename_ + "\".", std::strerror(errno));
    return false;
  }
  ClockTime duration = is_valid(file_pts_) && is_valid(file_end_) && file_end_ >= file_pts_
                           ? file_end_ - file_pts_
                           : kClockTimeNone;
  post_file_message(filename_, file_pts_, duration, file_offset_, file_offset_end_);
  written_.push_back(filename_);
  forget_old_files();
  ++index_;
  set_stat(index_property_, Value{index_});
  return true;
}

void MultiFileSink::forget_old_files() {
  while (settings_.max_files > 0 && written_.size() > settings_.max_files) {
    std::remove(written_.front().c_str());
    written_.pop_front();
  }
}

// gst_multi_file_sink_post_message_full: running and stream time from the
// segment, NONE (G_MAXUINT64) where unknown.
void MultiFileSink::post_file_message(const std::string& filename, ClockTime timestamp,
                                      ClockTime duration, std::uint64_t offset,
                                      std::uint64_t offset_end) {
  if (!settings_.post_messages) return;
  Structure s("GstMultiFileSink");
  s.set("filename", filename);
  s.set("index", index_);
  s.set("timestamp", timestamp);
  s.set("stream-time", segment().to_stream_time(timestamp));
  s.set("running-time", segment().to_running_time(timestamp));
  s.set("duration", duration);
  s.set("offset", offset);
  s.set("offset-end", offset_end);
  post_element_message(std::move(s));
}

FlowReturn MultiFileSink::render(const Buffer& buffer) {
  bool next = false;
  switch (settings_.next_file) {
    case kBuffer:
      next = true;
      break;
    case kDiscont:
      next = buffer.has_flag(BufferFlags::Discont);
      break;
    case kMaxSize:
      next = file_bytes_ > 0 && file_bytes_ + buffer.size() > settings_.max_file_size;
      break;
    case kMaxDuration:
      next = is_valid(buffer.pts) && is_valid(file_pts_) && is_valid(settings_.max_file_duration) &&
             buffer.pts + (is_valid(buffer.duration) ? buffer.duration : 0) - file_pts_ >
                 settings_.max_file_duration;
      break;
    default:
      break;
  }
  if (next && settings_.next_file != kBuffer && !close_current()) return FlowReturn::Error;
  if (!file_ && !open_next(buffer)) return FlowReturn::Error;
  if (!write(buffer)) return FlowReturn::Error;
  // One file per buffer: it is complete now.
  if (settings_.next_file == kBuffer && !close_current()) return FlowReturn::Error;
  return FlowReturn::Ok;
}

}  // namespace gstmini
