#include "elements/filesink.hpp"

#include <limits>

#include "elements/file_error.hpp"

namespace gstmini {

namespace {
enum BufferMode : std::int64_t {
  kModeDefault = -1,
  kModeFull = 0,
  kModeLine = 1,
  kModeUnbuffered = 2
};
}

const ElementClass& FileSink::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"filesink",
                   "File Sink",
                   "Sink/File",
                   "Write stream to a file",
                   "gstmini",
                   {{"sink", PadDirection::Sink, PadPresence::Always, "ANY"}},
                   Sink::base_properties(false)};
    k.properties.push_back(PropertySpec::string("location", "", "Location of the file to write"));
    k.properties.push_back(
        PropertySpec::boolean("append", false, "Append to an already existing file"));
    k.properties.push_back(
        PropertySpec::enumeration("buffer-mode", kModeDefault,
                                  {{kModeDefault, "default", "Default buffering"},
                                   {kModeFull, "full", "Fully buffered"},
                                   {kModeLine, "line", "Line buffered (deprecated, like full)"},
                                   {kModeUnbuffered, "unbuffered", "Unbuffered"}},
                                  "The buffering mode to use"));
    k.properties.push_back(PropertySpec::uint64(
        "buffer-size", kDefaultBufferSize, 0, std::numeric_limits<std::uint32_t>::max(),
        "Size of buffer in number of bytes for line or full buffer-mode"));
    return k;
  }();
  return klass;
}

FileSink::FileSink(std::string name) : Sink(element_class(), std::move(name)) {}

FileSink::~FileSink() { close_file(); }

// gst_file_sink_open_file.
bool FileSink::start() {
  location_ = get<std::string>("location");
  write_failed_ = false;
  if (location_.empty()) {
    post_error("No file name specified for writing.");
    return false;
  }
  file_ = std::fopen(location_.c_str(), get<bool>("append") ? "ab" : "wb");
  if (!file_) {
    post_error("Could not open file \"" + location_ + "\" for writing.", system_error(errno));
    return false;
  }
  const std::int64_t mode = get<std::int64_t>("buffer-mode");
  const auto size = static_cast<std::size_t>(get<std::uint64_t>("buffer-size"));
  if (mode == kModeUnbuffered) {
    std::setvbuf(file_, nullptr, _IONBF, 0);
  } else if (size > 0) {
    stdio_buffer_.assign(size, 0);
    std::setvbuf(file_, stdio_buffer_.data(), _IOFBF, size);
  }
  GSTMINI_DEBUG_OBJECT(*this, "opened \"{}\"", location_);
  return true;
}

bool FileSink::flush_file() {
  if (!file_ || std::fflush(file_) == 0) return true;
  post_write_error(errno);
  return false;
}

void FileSink::close_file() {
  if (!file_) return;
  std::fclose(file_);
  file_ = nullptr;
}

bool FileSink::stop() {
  if (!file_) return true;
  bool flushed = write_failed_ || flush_file();
  if (std::fclose(file_) != 0 && flushed)
    post_error("Error closing file \"" + location_ + "\".", system_error(errno));
  file_ = nullptr;
  return true;
}

void FileSink::post_write_error(int err) {
  write_failed_ = true;
  if (err == ENOSPC)
    post_error(kResourceNoSpace, system_error(err));
  else
    post_error("Error while writing to file \"" + location_ + "\".", std::strerror(err));
}

FlowReturn FileSink::render(const Buffer& buffer) {
  if (buffer.size() == 0) return FlowReturn::Ok;
  if (std::fwrite(buffer.data(), 1, buffer.size(), file_) != buffer.size()) {
    post_write_error(errno);
    return FlowReturn::Error;
  }
  return FlowReturn::Ok;
}

void FileSink::on_event(const Event& event) {
  if (!file_) return;
  if (event.type() == EventType::Eos) {
    flush_file();
  } else if (event.type() == EventType::Segment) {
    // A BYTES segment says where the following bytes go (gst_file_sink_event).
    const Segment& segment = event.parsed_segment();
    if (segment.format != Format::Bytes || !is_valid(segment.start)) return;
    if (flush_file() && fseeko(file_, static_cast<off_t>(segment.start), SEEK_SET) != 0)
      post_error("Error while seeking in file \"" + location_ + "\".", system_error(errno));
  }
}

}  // namespace gstmini
