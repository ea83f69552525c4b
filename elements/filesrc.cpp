#include "elements/filesrc.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <limits>

#include "elements/file_error.hpp"

namespace gstmini {

const ElementClass& FileSrc::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"filesrc",
                   "File Source",
                   "Source/File",
                   "Read from arbitrary point in a file",
                   "gstmini",
                   {{"src", PadDirection::Src, PadPresence::Always, "ANY"}},
                   Source::base_properties()};
    k.properties.push_back(PropertySpec::string("location", "", "Location of the file to read"));
    k.properties.push_back(PropertySpec::uint64("blocksize", kDefaultBlocksize, 0,
                                                std::numeric_limits<std::uint32_t>::max(),
                                                "Size in bytes to read per buffer (-1 = default)"));
    return k;
  }();
  return klass;
}

FileSrc::FileSrc(std::string name) : Source(element_class(), std::move(name)) {
  set_format(Format::Bytes);
}

FileSrc::~FileSrc() { close_file(); }

void FileSrc::close_file() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

// gst_file_src_start: the same checks, in the same order, with the same texts.
bool FileSrc::start() {
  location_ = get<std::string>("location");
  blocksize_ = get<std::uint64_t>("blocksize");
  if (blocksize_ == 0) blocksize_ = kDefaultBlocksize;
  offset_ = 0;
  if (location_.empty()) {
    post_error("No file name specified for reading.");
    return false;
  }
  fd_ = ::open(location_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    const int err = errno;
    if (err == ENOENT)
      post_error(kResourceNotFound, "No such file \"" + location_ + "\"");
    else
      post_error("Could not open file \"" + location_ + "\" for reading.", system_error(err));
    return false;
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    post_error("Could not get info on \"" + location_ + "\".");
  } else if (S_ISDIR(st.st_mode)) {
    post_error("\"" + location_ + "\" is a directory.");
  } else if (S_ISSOCK(st.st_mode)) {
    post_error("File \"" + location_ + "\" is a socket.");
  } else {
    // A pipe or device has no size: it reads until EOF but cannot seek.
    regular_ = S_ISREG(st.st_mode);
    size_ = regular_ ? static_cast<std::uint64_t>(st.st_size) : kClockTimeNone;
    GSTMINI_DEBUG_OBJECT(*this, "opened \"{}\", {} bytes", location_, size_);
    return true;
  }
  close_file();
  return false;
}

bool FileSrc::stop() {
  close_file();
  return true;
}

Segment FileSrc::initial_segment() const {
  Segment segment = Source::initial_segment();
  segment.duration = size_;
  return segment;
}

bool FileSrc::do_seek(Segment& segment) {
  if (is_valid(size_) && segment.start > size_) return false;
  offset_ = segment.start;
  segment.position = segment.start;
  return true;
}

FlowReturn FileSrc::create(Buffer& buffer) {
  std::uint64_t length = blocksize_;
  const ClockTime stop = segment().stop;
  if (is_valid(stop)) {
    if (offset_ >= stop) return FlowReturn::Eos;
    length = std::min(length, stop - offset_);
  }
  if (is_valid(size_)) {
    if (offset_ >= size_) return FlowReturn::Eos;
    length = std::min(length, size_ - offset_);
  }
  buffer = Buffer(static_cast<std::size_t>(length));
  ssize_t got;
  do {
    got = regular_ ? ::pread(fd_, buffer.map_writable(), static_cast<std::size_t>(length),
                             static_cast<off_t>(offset_))
                   : ::read(fd_, buffer.map_writable(), static_cast<std::size_t>(length));
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    post_error(kResourceRead, system_error(errno));
    return FlowReturn::Error;
  }
  if (got == 0) return FlowReturn::Eos;  // the file shrank, or a pipe ended
  if (static_cast<std::uint64_t>(got) < length) {
    // A short read (the file shrank under us): pass on what we got.
    std::vector<std::uint8_t> bytes(buffer.data(), buffer.data() + got);
    buffer = Buffer::wrap(std::move(bytes));
  }
  buffer.offset = offset_;
  buffer.offset_end = offset_ + static_cast<std::uint64_t>(got);
  offset_ = buffer.offset_end;
  return FlowReturn::Ok;
}

}  // namespace gstmini
