#include "elements/multifilesrc.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <limits>

#include "elements/file_error.hpp"

namespace gstmini {

const ElementClass& MultiFileSrc::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"multifilesrc",
                   "Multi-File Source",
                   "Source/File",
                   "Read a sequentially named set of files into buffers",
                   "gstmini",
                   {{"src", PadDirection::Src, PadPresence::Always, "ANY"}},
                   Source::base_properties()};
    const std::int64_t max_int = std::numeric_limits<std::int32_t>::max();
    k.properties.push_back(PropertySpec::string(
        "location", "%05d",
        "Pattern to create file names of input files.  File names are created by calling "
        "sprintf() with the pattern and the current index."));
    k.properties.push_back(PropertySpec::integer(
        "index", 0, 0, max_int,
        "Index to use with location property to create file names.  The index is incremented "
        "by one for each buffer read."));
    k.properties.push_back(PropertySpec::integer(
        "start-index", 0, 0, max_int,
        "Start value of index.  The initial value of index can be set either by setting index "
        "or start-index.  When the end of the loop is reached, the index will be set to the "
        "value start-index."));
    k.properties.push_back(
        PropertySpec::integer("stop-index", -1, -1, max_int,
                              "Stop value of index.  The special value -1 means no stop."));
    k.properties.push_back(
        PropertySpec::caps("caps", "ANY", "Caps describing the format of the data."));
    k.properties.push_back(PropertySpec::boolean(
        "loop", false, "Whether to repeat from the beginning when all files have been read."));
    k.properties.push_back(PropertySpec::uint64("blocksize", 4096, 0,
                                                std::numeric_limits<std::uint32_t>::max(),
                                                "Size in bytes to read per buffer (-1 = default)"));
    return k;
  }();
  return klass;
}

MultiFileSrc::MultiFileSrc(std::string name)
    : Source(element_class(), std::move(name)), index_property_(stat_index("index")) {}

bool MultiFileSrc::start() {
  const std::string location = get<std::string>("location");
  pattern_ = FilePattern::parse(location);
  if (!pattern_) {
    post_error("Invalid location", location);
    return false;
  }
  settings_ = Settings{get<std::int64_t>("start-index"), get<std::int64_t>("stop-index"),
                       get<bool>("loop")};
  index_ = get<std::int64_t>("index");
  offset_ = 0;
  successful_read_ = false;
  return true;
}

bool MultiFileSrc::read_file(const std::string& filename, Buffer* buffer) {
  int fd = ::open(filename.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = false;
  if (::fstat(fd, &st) != 0) {
    // errno from fstat
  } else if (!S_ISREG(st.st_mode)) {
    errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
  } else {
    const auto size = static_cast<std::size_t>(st.st_size);
    Buffer out = std::move(recycled_);
    recycled_ = Buffer();
    if (out.size() != size || out.is_payload_shared()) out = Buffer(size);
    std::uint8_t* data = size ? out.map_writable() : nullptr;
    std::size_t done = 0;
    while (done < size) {
      ssize_t got = ::read(fd, data + done, size - done);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break;
      done += static_cast<std::size_t>(got);
    }
    ok = done == size;
    if (!ok && errno == 0) errno = EIO;
    if (ok) {
      out.pts = out.dts = out.duration = kClockTimeNone;
      out.unset_flag(static_cast<BufferFlags>(~std::uint32_t{0}));
      *buffer = std::move(out);
    }
  }
  int saved = errno;
  ::close(fd);
  errno = saved;
  return ok;
}

// gst_multi_file_src_create.
FlowReturn MultiFileSrc::create(Buffer& buffer) {
  if (index_ < settings_.start_index) index_ = settings_.start_index;
  if (settings_.stop_index != -1 && index_ > settings_.stop_index) {
    if (!settings_.loop) return FlowReturn::Eos;
    index_ = settings_.start_index;
  }
  std::string filename = pattern_->format(static_cast<int>(index_));
  errno = 0;
  bool read = read_file(filename, &buffer);
  if (!read && successful_read_) {
    // Once a file was read, the first missing one ends the series.
    if (!settings_.loop) return FlowReturn::Eos;
    index_ = settings_.start_index;
    filename = pattern_->format(static_cast<int>(index_));
    if (!read_file(filename, &buffer)) return FlowReturn::Eos;
    read = true;
  }
  if (!read) {
    const int err = errno ? errno : EIO;
    post_error("Error while reading from file \"" + filename + "\".",
               "Failed to open file \"" + filename + "\": " + std::strerror(err));
    return FlowReturn::Error;
  }
  GSTMINI_DEBUG_OBJECT(*this, "read file \"{}\" ({} bytes)", filename, buffer.size());
  successful_read_ = true;
  ++index_;
  set_stat(index_property_, Value{index_});
  recycled_ = buffer;
  buffer.offset = offset_;
  buffer.offset_end = offset_ + buffer.size();
  offset_ = buffer.offset_end;
  return FlowReturn::Ok;
}

}  // namespace gstmini
