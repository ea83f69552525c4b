// SdlWindow: one SDL2 window and the thread that owns it.
//
// SDL wants its video calls and event loop on one thread, so the window
// lives on a thread of its own, started by open() and joined by close().
// The streaming side only hands frames over (show(): the buffer is shared,
// not copied) and never waits for the screen; the thread uploads the newest
// frame to a texture, letterboxes it when keep_aspect is set, presents it,
// and pumps SDL's events meanwhile. A window closed by the user is reported
// once through on_closed (from the window thread).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/buffer.hpp"
#include "runtime/video/video_info.hpp"

namespace gstmini::sdl {

// The raw formats SDL textures take directly.
const std::vector<VideoFormat>& texture_formats();

class SdlWindow {
 public:
  SdlWindow() = default;
  ~SdlWindow() { close(); }
  SdlWindow(const SdlWindow&) = delete;
  SdlWindow& operator=(const SdlWindow&) = delete;

  // Starts the thread and initialises SDL video on it; false (with *error)
  // if there is no display. The window itself appears with the first frame.
  bool open(std::string title, bool keep_aspect, std::function<void()> on_closed,
            std::string* error);
  void close();
  // Shows `frame` (laid out as `info`) as soon as the window thread can.
  void show(const VideoInfo& info, const Buffer& frame);
  // Frames presented on screen so far (any thread).
  const std::atomic<std::uint64_t>& presented() const { return presented_; }
  // Waits until at least `n` frames were presented, or `timeout_ms` passed.
  bool wait_presented(std::uint64_t n, int timeout_ms);
  // The window's current size in pixels (0x0 before the first frame).
  void size(int* w, int* h) const;

 private:
  void run(std::string title);
  bool handle_events();  // false once the window was closed
  void present();

  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable presented_cv_;
  bool quit_ = false;
  bool has_frame_ = false;
  Buffer frame_;
  VideoInfo info_;
  bool keep_aspect_ = true;
  std::function<void()> on_closed_;
  std::atomic<std::uint64_t> presented_{0};
  int width_ = 0, height_ = 0;

  // Init handshake: open() waits for the thread's verdict.
  bool init_done_ = false;
  bool init_ok_ = false;
  std::string init_error_;

  // Owned by the window thread only.
  struct Sdl;
  Sdl* sdl_ = nullptr;
  std::string title_;
};

}  // namespace gstmini::sdl
