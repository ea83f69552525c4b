#include "elements/sdl/sdl_window.hpp"

#include <SDL.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include <chrono>
#include <cstdlib>

namespace gstmini::sdl {

namespace {

Uint32 sdl_format(VideoFormat f) {
  switch (f) {
    case VideoFormat::RGB:
      return SDL_PIXELFORMAT_RGB24;
    case VideoFormat::BGR:
      return SDL_PIXELFORMAT_BGR24;
    // Byte-order aliases; the x byte is ignored (no blending).
    case VideoFormat::RGBx:
    case VideoFormat::RGBA:
      return SDL_PIXELFORMAT_RGBA32;
    case VideoFormat::BGRx:
    case VideoFormat::BGRA:
      return SDL_PIXELFORMAT_BGRA32;
    case VideoFormat::xRGB:
    case VideoFormat::ARGB:
      return SDL_PIXELFORMAT_ARGB32;
    case VideoFormat::xBGR:
    case VideoFormat::ABGR:
      return SDL_PIXELFORMAT_ABGR32;
    case VideoFormat::I420:
      return SDL_PIXELFORMAT_IYUV;
    case VideoFormat::YV12:
      return SDL_PIXELFORMAT_YV12;
    case VideoFormat::NV12:
      return SDL_PIXELFORMAT_NV12;
    case VideoFormat::NV21:
      return SDL_PIXELFORMAT_NV21;
    case VideoFormat::YUY2:
      return SDL_PIXELFORMAT_YUY2;
    case VideoFormat::UYVY:
      return SDL_PIXELFORMAT_UYVY;
    case VideoFormat::YVYU:
      return SDL_PIXELFORMAT_YVYU;
    default:
      return SDL_PIXELFORMAT_UNKNOWN;
  }
}

}  // namespace

const std::vector<VideoFormat>& texture_formats() {
  static const std::vector<VideoFormat> formats = {
      VideoFormat::BGRx, VideoFormat::RGBx, VideoFormat::xRGB, VideoFormat::xBGR, VideoFormat::BGRA,
      VideoFormat::RGBA, VideoFormat::ARGB, VideoFormat::ABGR, VideoFormat::RGB,  VideoFormat::BGR,
      VideoFormat::I420, VideoFormat::YV12, VideoFormat::NV12, VideoFormat::NV21, VideoFormat::YUY2,
      VideoFormat::UYVY, VideoFormat::YVYU};
  return formats;
}

struct SdlWindow::Sdl {
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  SDL_Texture* texture = nullptr;
  VideoInfo texture_info;
};

bool SdlWindow::open(std::string title, bool keep_aspect, std::function<void()> on_closed,
                     std::string* error) {
  close();
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  const char* driver = std::getenv("SDL_VIDEODRIVER");
  if ((!display || !*display) && (!wayland || !*wayland) && (!driver || !*driver)) {
    *error = "Could not open display: DISPLAY is not set (no X server to show the window on)";
    return false;
  }
  keep_aspect_ = keep_aspect;
  on_closed_ = std::move(on_closed);
  quit_ = false;
  init_done_ = false;
  thread_ = std::thread([this, title] { run(title); });
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait(lock, [this] { return init_done_; });
  if (init_ok_) return true;
  *error = init_error_;
  lock.unlock();
  thread_.join();
  return false;
}

void SdlWindow::close() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quit_ = true;
  }
  wake_.notify_all();
  thread_.join();
  frame_ = Buffer();
  has_frame_ = false;
}

void SdlWindow::show(const VideoInfo& info, const Buffer& frame) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    info_ = info;
    frame_ = frame;
    has_frame_ = true;
  }
  wake_.notify_all();
}

bool SdlWindow::wait_presented(std::uint64_t n, int timeout_ms) {
  std::unique_lock<std::mutex> lock(mutex_);
  return presented_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                                [&] { return presented_.load() >= n; });
}

void SdlWindow::size(int* w, int* h) const {
  std::lock_guard<std::mutex> lock(mutex_);
  *w = width_;
  *h = height_;
}

void SdlWindow::run(std::string title) {
#ifdef __SANITIZE_ADDRESS__
  // The X11/GL driver modules SDL loads leave a few hundred bytes behind and
  // are unloaded by SDL_QuitSubSystem, so LeakSanitizer can no longer name
  // them for scripts/lsan.supp: this thread's allocations are not checked.
  __lsan_disable();
#endif
  // Signals belong to the application (gstmini-launch's Ctrl-C), not SDL.
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  const bool ok = SDL_InitSubSystem(SDL_INIT_VIDEO) == 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    init_done_ = true;
    init_ok_ = ok;
    if (!ok) {
      const char* display = std::getenv("DISPLAY");
      init_error_ = std::string("Could not open display ") + (display ? display : "") +
                    ": SDL video initialisation failed: " + SDL_GetError() +
                    " (check DISPLAY and that the X server is running)";
    }
  }
  wake_.notify_all();
  if (!ok) return;
  title_ = std::move(title);
  Sdl sdl;
  sdl_ = &sdl;
  bool open_window = true;
  for (;;) {
    std::unique_lock<std::mutex> lock(mutex_);
    // Wake for a new frame at once; otherwise look at SDL's events every 10 ms.
    wake_.wait_for(lock, std::chrono::milliseconds(10), [this] { return quit_ || has_frame_; });
    if (quit_) break;
    const bool frame_ready = has_frame_;
    lock.unlock();
    if (open_window && frame_ready) present();
    if (sdl.window && open_window && !handle_events()) {
      open_window = false;
      if (on_closed_) on_closed_();
    }
  }
  if (sdl.texture) SDL_DestroyTexture(sdl.texture);
  if (sdl.renderer) SDL_DestroyRenderer(sdl.renderer);
  if (sdl.window) SDL_DestroyWindow(sdl.window);
  sdl_ = nullptr;
  SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

bool SdlWindow::handle_events() {
  SDL_Event event;
  bool open = true;
  while (SDL_PollEvent(&event)) {
    if (event.type == SDL_QUIT) open = false;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE) open = false;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
      std::lock_guard<std::mutex> lock(mutex_);
      width_ = event.window.data1;
      height_ = event.window.data2;
      has_frame_ = frame_.size() > 0;  // redraw at the new size
    }
  }
  return open;
}

void SdlWindow::present() {
  Buffer frame;
  VideoInfo info;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    frame = frame_;
    info = info_;
    has_frame_ = false;
  }
  Sdl& s = *sdl_;
  if (!s.window) {
    s.window =
        SDL_CreateWindow(title_.c_str(), 0, 0, info.width, info.height, SDL_WINDOW_RESIZABLE);
    if (s.window) s.renderer = SDL_CreateRenderer(s.window, -1, 0);
    if (s.window && !s.renderer)
      s.renderer = SDL_CreateRenderer(s.window, -1, SDL_RENDERER_SOFTWARE);
    if (!s.renderer) return;
    std::lock_guard<std::mutex> lock(mutex_);
    width_ = info.width;
    height_ = info.height;
  }
  if (!s.texture || s.texture_info != info) {
    if (s.texture) SDL_DestroyTexture(s.texture);
    s.texture = SDL_CreateTexture(s.renderer, sdl_format(info.format), SDL_TEXTUREACCESS_STREAMING,
                                  info.width, info.height);
    s.texture_info = info;
    if (!s.texture) return;
  }
  const std::uint8_t* d = frame.data();
  auto plane = [&](int p) { return d + info.offset[static_cast<std::size_t>(p)]; };
  auto pitch = [&](int p) { return static_cast<int>(info.stride[static_cast<std::size_t>(p)]); };
  switch (info.format) {
    case VideoFormat::I420:
      SDL_UpdateYUVTexture(s.texture, nullptr, plane(0), pitch(0), plane(1), pitch(1), plane(2),
                           pitch(2));
      break;
    case VideoFormat::YV12:  // the texture's U and V are given explicitly
      SDL_UpdateYUVTexture(s.texture, nullptr, plane(0), pitch(0), plane(2), pitch(2), plane(1),
                           pitch(1));
      break;
    case VideoFormat::NV12:
    case VideoFormat::NV21:
      SDL_UpdateNVTexture(s.texture, nullptr, plane(0), pitch(0), plane(1), pitch(1));
      break;
    default:
      SDL_UpdateTexture(s.texture, nullptr, d, pitch(0));
  }
  int ww = 0, wh = 0;
  SDL_GetRendererOutputSize(s.renderer, &ww, &wh);
  SDL_Rect dst{0, 0, ww, wh};
  if (keep_aspect_ && ww > 0 && wh > 0) {
    // Letterbox: the largest rectangle of the frame's display aspect ratio.
    const double dar = static_cast<double>(info.width) * static_cast<double>(info.par.num) /
                       (static_cast<double>(info.height) * static_cast<double>(info.par.den));
    if (ww > wh * dar) {
      dst.w = static_cast<int>(wh * dar + 0.5);
      dst.x = (ww - dst.w) / 2;
    } else {
      dst.h = static_cast<int>(ww / dar + 0.5);
      dst.y = (wh - dst.h) / 2;
    }
  }
  SDL_SetRenderDrawColor(s.renderer, 0, 0, 0, 255);
  SDL_RenderClear(s.renderer);
  SDL_RenderCopy(s.renderer, s.texture, nullptr, &dst);
  SDL_RenderPresent(s.renderer);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    presented_.fetch_add(1);
  }
  presented_cv_.notify_all();
}

}  // namespace gstmini::sdl
