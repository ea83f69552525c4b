#include "elements/hls/hls_storage.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace gstmini {

namespace {

std::string reason(int error) { return std::strerror(error); }

}  // namespace

void write_file_atomically(const std::string& path, const void* data, std::size_t size) {
  const std::string tmp = path + ".tmp";
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(tmp.c_str(), "wb"), &std::fclose);
  if (!file)
    throw StorageError("Could not open file \"" + tmp + "\" for writing: " + reason(errno));
  if (size > 0 && std::fwrite(data, 1, size, file.get()) != size) {
    const int error = errno;
    file.reset();
    std::remove(tmp.c_str());
    throw StorageError("Could not write to file \"" + tmp + "\": " + reason(error));
  }
  // A full disk often shows only when the buffered bytes are flushed.
  if (std::fclose(file.release()) != 0) {
    const int error = errno;
    std::remove(tmp.c_str());
    throw StorageError("Could not write to file \"" + tmp + "\": " + reason(error));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(tmp.c_str());
    throw StorageError("Could not rename \"" + tmp + "\" to \"" + path + "\": " + reason(error));
  }
}

void LocalDirStorage::write_segment(const std::string& name,
                                    const std::vector<std::uint8_t>& bytes) {
  write_file_atomically(name, bytes.data(), bytes.size());
}

void LocalDirStorage::write_playlist(const std::string& name, const std::string& text) {
  write_file_atomically(name, text.data(), text.size());
}

void LocalDirStorage::remove_segment(const std::string& name) {
  if (std::remove(name.c_str()) != 0 && errno != ENOENT)
    throw StorageError("Could not remove old segment \"" + name + "\": " + reason(errno));
}

}  // namespace gstmini
