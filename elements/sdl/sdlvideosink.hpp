// sdlvideosink: shows raw video in an SDL2 window; also registered as
// autovideosink (GStreamer's autovideosink picks the platform's sink; here
// it is this one).
//
// A synced base sink: render() is called at the buffer's running time on the
// pipeline clock and hands the frame to the window's thread (SdlWindow),
// sharing the buffer, without waiting for the screen. The prerolled frame is
// shown in PAUSED, as GStreamer's video sinks show-preroll-frame. The window
// opens on READY->PAUSED; no display fails that change with an error naming
// DISPLAY. frames-presented counts what reached the screen. A window closed by the user posts
// GStreamer's error "Output window was closed" and later buffers return ERROR.
#pragma once

#include <atomic>
#include <memory>

#include "elements/sdl/sdl_window.hpp"
#include "runtime/base_sink.hpp"

namespace gstmini {

class SdlVideoSink : public Sink {
 public:
  explicit SdlVideoSink(std::string name);
  static const ElementClass& element_class();
  static const ElementClass& auto_element_class();  // "autovideosink"

  FlowReturn render(const Buffer& buffer) override;
  FlowReturn preroll(const Buffer& buffer) override;
  void on_event(const Event& event) override;
  bool start() override;
  bool stop() override;

 protected:
  SdlVideoSink(const ElementClass& klass, std::string name);

 private:
  FlowReturn show(const Buffer& buffer);

  std::unique_ptr<sdl::SdlWindow> window_;
  VideoInfo info_;
  std::atomic<bool> closed_{false};
};

}  // namespace gstmini
