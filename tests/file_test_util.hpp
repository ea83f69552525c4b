// Helpers for the file and image tests: a temporary folder removed at the
// end, whole-file reads and writes, and a launch line run to its end with
// what its appsink "sink" received.
#pragma once

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "elements/appsink.hpp"
#include "runtime/launch/parse_launch.hpp"

namespace gstmini::test {

using Bytes = std::vector<std::uint8_t>;

class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/gstmini-test-XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() { remove_tree(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  static void remove_tree(const std::string& dir) {
    if (DIR* d = ::opendir(dir.c_str())) {
      while (dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        std::string path = dir + "/" + name;
        struct stat st {};
        if (::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
          remove_tree(path);
        else
          ::unlink(path.c_str());
      }
      ::closedir(d);
    }
    ::rmdir(dir.c_str());
  }
  std::string path_;
};

inline void write_file(const std::string& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

inline Bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

inline Bytes pattern_bytes(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>((i * 7 + i / 251) & 0xff);
  return b;
}

inline Bytes concat(const std::vector<Buffer>& buffers) {
  Bytes out;
  for (const Buffer& b : buffers) out.insert(out.end(), b.data(), b.data() + b.size());
  return out;
}

// What a launch line ending in "appsink name=sink" produced.
struct LaunchRun {
  std::vector<Buffer> buffers;
  Caps caps;                   // the appsink pad's caps at the end
  std::optional<Message> end;  // the first EOS or ERROR
  std::vector<Message> element_messages;
  bool error() const { return end && end->type == MessageType::Error; }
  std::string error_text() const { return error() ? end->text : std::string(); }
  std::string error_debug() const { return error() ? end->debug : std::string(); }
};

// Plays `line` until EOS or ERROR (10 s at most), then drains the appsink
// "sink" if the line has one.
inline LaunchRun run_launch(const std::string& line) {
  LaunchRun run;
  auto pipeline = parse_launch(line);
  auto sink = std::dynamic_pointer_cast<AppSink>(pipeline->get_by_name("sink"));
  pipeline->set_state(State::Playing);
  for (;;) {
    auto msg = pipeline->bus().timed_pop_filtered(
        10 * kSecond, MessageType::Eos | MessageType::Error | MessageType::Element);
    if (!msg) break;
    if (msg->type == MessageType::Element) {
      run.element_messages.push_back(*msg);
      continue;
    }
    run.end = msg;
    break;
  }
  if (sink) {
    while (auto buffer = sink->try_pull_sample(0)) run.buffers.push_back(*buffer);
    if (const Pad* pad = sink->find_pad("sink")) run.caps = sink->current_caps(*pad);
  }
  pipeline->set_state(State::Null);
  return run;
}

// The value of an int field of the first caps structure (0 if absent).
inline std::int64_t caps_int(const Caps& caps, const char* field) {
  if (caps.size() == 0) return 0;
  const CapsValue* v = caps.structure(0).get(field);
  const std::int64_t* i = v ? v->get_if<std::int64_t>() : nullptr;
  return i ? *i : 0;
}
inline std::string caps_string(const Caps& caps, const char* field) {
  if (caps.size() == 0) return {};
  const CapsValue* v = caps.structure(0).get(field);
  const std::string* s = v ? v->get_if<std::string>() : nullptr;
  return s ? *s : std::string();
}

}  // namespace gstmini::test
