// Helpers for the raw video tests: one frame out of a gstmini pipeline, the
// same frame out of real GStreamer (gst-launch-1.0 at test time), and PSNR.
#pragma once

#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "elements/appsink.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "subprocess.hpp"

namespace gstmini::test {

inline const char* gst_launch_path() {
  static const char* path =
      access("/usr/bin/gst-launch-1.0", X_OK) == 0 ? "/usr/bin/gst-launch-1.0" : nullptr;
  return path;
}

inline std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

// The bytes real GStreamer writes for `line` (its last element must be
// left for us: the line is completed with `! filesink location=...`).
// Empty if gst-launch-1.0 failed.
inline std::vector<std::uint8_t> gst_frame(const std::string& line) {
  char path[] = "/tmp/gstmini-ref-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return {};
  close(fd);
  std::vector<std::string> argv = {gst_launch_path(), "-q"};
  for (std::string& w : split_words(line + " ! filesink location=" + path)) argv.push_back(w);
  Subprocess gst(argv);
  const int status = gst.finish();
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  std::remove(path);
  if (status != 0) return {};
  return bytes;
}

// The first buffer of `line` + ` ! appsink name=out sync=false` in gstmini,
// with the caps it came with.
struct Frame {
  std::optional<Buffer> buffer;
  Caps caps;
  std::string error;
};

inline Frame gstmini_frame(const std::string& line) {
  Frame frame;
  auto pipeline = parse_launch(line + " ! appsink name=out sync=false");
  auto sink = std::dynamic_pointer_cast<AppSink>(pipeline->get_by_name("out"));
  pipeline->set_state(State::Playing);
  frame.buffer = sink->try_pull_sample(10 * kSecond);
  if (!frame.buffer) {
    if (auto m = pipeline->bus().timed_pop_filtered(kSecond, MessageType::Error))
      frame.error = m->text + " / " + m->debug;
  }
  frame.caps = sink->current_caps(*sink->first_pad(PadDirection::Sink));
  pipeline->set_state(State::Null);
  return frame;
}

// Peak signal-to-noise ratio of two byte strings of equal length (dB);
// infinity when they are equal, 0 when the sizes differ.
inline double psnr(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = static_cast<double>(a[i]) - static_cast<double>(b[i]);
    sum += d * d;
  }
  if (sum == 0) return INFINITY;
  return 10 * std::log10(255.0 * 255.0 / (sum / static_cast<double>(n)));
}

inline double psnr(const Buffer& ours, const std::vector<std::uint8_t>& theirs) {
  if (ours.size() != theirs.size() || theirs.empty()) return 0;
  return psnr(ours.data(), theirs.data(), theirs.size());
}

}  // namespace gstmini::test
