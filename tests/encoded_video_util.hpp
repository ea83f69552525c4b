// Helpers for the encoder and HLS tests: a known I420 source fed through
// appsrc, PSNR against it, a temporary folder, and running the real FFmpeg
// tools (ffprobe, ffmpeg) on what the pipeline wrote.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "elements/appsrc.hpp"
#include "elements/i420_layout.hpp"
#include "runtime/pipeline.hpp"

namespace gstmini::test {

// Frame `n` of a moving pattern: diagonal luma ramp sliding 2 px a frame,
// chroma in bands. Smooth enough for an encoder, different every frame.
inline std::vector<std::uint8_t> pattern_frame(int width, int height, int n) {
  const I420Layout l = I420Layout::make(width, height);
  std::vector<std::uint8_t> f(l.size);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      f[l.offset[0] + l.stride[0] * static_cast<std::size_t>(y) + static_cast<std::size_t>(x)] =
          static_cast<std::uint8_t>(16 + ((x + y + 2 * n) % 200));
  for (int p = 1; p < 3; ++p)
    for (int y = 0; y < (height + 1) / 2; ++y)
      for (int x = 0; x < (width + 1) / 2; ++x)
        f[l.offset[p] + l.stride[p] * static_cast<std::size_t>(y) + static_cast<std::size_t>(x)] =
            static_cast<std::uint8_t>(p == 1 ? 64 + (y * 4) % 128 : 96 + (x * 2 + n) % 64);
  return f;
}

// PSNR (dB) of the luma planes of two frames in the same layout.
inline double luma_psnr(const std::uint8_t* a, const std::uint8_t* b, int width, int height,
                        std::size_t stride) {
  double se = 0;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const std::size_t i = stride * static_cast<std::size_t>(y) + static_cast<std::size_t>(x);
      const double d = double(a[i]) - double(b[i]);
      se += d * d;
    }
  const double mse = se / (double(width) * height);
  return mse == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}

// Pushes `frames` pattern frames at `fps` into appsrc "src" and ends the stream.
inline std::thread feed_frames(const ElementPtr& element, int width, int height, int frames,
                               int fps = 30) {
  auto src = std::dynamic_pointer_cast<AppSrc>(element);
  return std::thread([src, width, height, frames, fps] {
    for (int n = 0; n < frames; ++n) {
      Buffer b = Buffer::wrap(pattern_frame(width, height, n));
      b.pts = static_cast<ClockTime>(n) * kSecond / static_cast<ClockTime>(fps);
      b.duration = static_cast<ClockTime>(n + 1) * kSecond / static_cast<ClockTime>(fps) - b.pts;
      AppSrc::Push pushed = src->push_buffer(b);
      // appsrc takes buffers from READY->PAUSED on; the pipeline may still
      // be on its way there when the first frame is ready.
      for (int tries = 0; n == 0 && pushed == AppSrc::Push::Flushing && tries < 500; ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        pushed = src->push_buffer(b);
      }
      if (pushed != AppSrc::Push::Queued) return;
    }
    src->end_of_stream();
  });
}

inline std::string i420_caps(int width, int height, int fps = 30) {
  return "video/x-raw,format=I420,width=" + std::to_string(width) +
         ",height=" + std::to_string(height) + ",framerate=" + std::to_string(fps) + "/1";
}

// A fresh folder under /tmp, removed at the end of the test.
struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/gstmini-hls-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
  std::string path;
};

// Runs a shell command; its stdout (stderr is discarded unless redirected).
inline std::string run_command(const std::string& command, int* status = nullptr) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), &pclose);
  std::string out;
  if (!pipe) return out;
  char chunk[4096];
  std::size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, pipe.get())) > 0) out.append(chunk, n);
  const int rc = pclose(pipe.release());
  if (status) *status = rc;
  return out;
}

// The first ERROR on the bus (an EOS first is a failure: nullopt).
inline std::optional<Message> wait_error(Pipeline& pipeline, ClockTime timeout = 20 * kSecond) {
  auto m = pipeline.bus().timed_pop_filtered(timeout, MessageType::Error | MessageType::Eos);
  if (m && m->type == MessageType::Error) return m;
  return std::nullopt;
}

inline std::string read_text(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(fopen(path.c_str(), "rb"), &fclose);
  std::string text;
  if (!f) return text;
  char chunk[4096];
  std::size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f.get())) > 0) text.append(chunk, n);
  return text;
}

}  // namespace gstmini::test
