// sdlvideosink under a real X server (Xvfb, started by the test on a free
// display and stopped after): the window's pixels, read back with a
// screenshot, are the frame that was rendered; a closed window and a
// missing display end in GStreamer's errors, not a crash.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "video_test_util.hpp"
#include "xvfb.hpp"

// Xlib last: its macros (None, Always, Success, Bool, Status) would clash
// with names in the headers above.
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#undef None
#undef Always
#undef Success
#undef Bool
#undef Status

using namespace gstmini;
using namespace gstmini::test;

namespace {

// What a window manager's close button does: WM_DELETE_WINDOW to every
// top-level window titled `title`.
bool close_window(const std::string& display, const std::string& title) {
  Display* dpy = XOpenDisplay(display.c_str());
  if (!dpy) return false;
  Window root = DefaultRootWindow(dpy), parent = 0, *children = nullptr;
  unsigned count = 0;
  bool sent = false;
  XQueryTree(dpy, root, &root, &parent, &children, &count);
  const Atom protocols = XInternAtom(dpy, "WM_PROTOCOLS", False);
  const Atom del = XInternAtom(dpy, "WM_DELETE_WINDOW", False);
  for (unsigned i = 0; i < count; ++i) {
    char* name = nullptr;
    if (XFetchName(dpy, children[i], &name) && name) {
      if (title == name) {
        XEvent ev{};
        ev.xclient.type = ClientMessage;
        ev.xclient.window = children[i];
        ev.xclient.message_type = protocols;
        ev.xclient.format = 32;
        ev.xclient.data.l[0] = static_cast<long>(del);
        ev.xclient.data.l[1] = CurrentTime;
        sent = XSendEvent(dpy, children[i], False, NoEventMask, &ev) != 0 || sent;
      }
      XFree(name);
    }
  }
  if (children) XFree(children);
  XFlush(dpy);
  XCloseDisplay(dpy);
  return sent;
}

// Waits until the sink has put `n` frames on screen (frames-presented).
bool wait_presented(const ElementPtr& sink, std::uint64_t n) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (sink->get<std::uint64_t>("frames-presented") < n) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

constexpr const char* kFrame =
    "videotestsrc num-buffers=1 ! video/x-raw,format=RGB,width=320,height=240";

}  // namespace

TEST_CASE("sdlvideosink shows the rendered frame in a real window", "[sdl]") {
  Xvfb x;
  if (!x.running()) {
    WARN("SKIPPED: Xvfb is not installed (scripts/deps/sdl.txt installs it)");
    return;
  }
  DisplayEnv env(x.display());
  const Frame expected = gstmini_frame(kFrame);
  REQUIRE(expected.buffer);

  auto pipeline = parse_launch(std::string(kFrame) + " ! sdlvideosink name=sink title=frame-test");
  ElementPtr sink = pipeline->get_by_name("sink");
  pipeline->set_state(State::Playing);
  auto end =
      pipeline->bus().timed_pop_filtered(10 * kSecond, MessageType::Eos | MessageType::Error);
  REQUIRE(end);
  INFO(end->text << " " << end->debug);
  REQUIRE(end->type == MessageType::Eos);
  REQUIRE(wait_presented(sink, 1));

  const std::string screen = x.screenshot_rgb();
  REQUIRE(screen.size() == 640u * 480u * 3u);
  // The window sits at (0, 0) of the screen, 320x240, no decorations.
  std::vector<std::uint8_t> shown, rendered;
  const std::uint8_t* frame = expected.buffer->data();
  for (int y = 0; y < 240; ++y) {
    const auto row = static_cast<std::size_t>(y);
    shown.insert(shown.end(), screen.begin() + static_cast<std::ptrdiff_t>(row * 640 * 3),
                 screen.begin() + static_cast<std::ptrdiff_t>(row * 640 * 3 + 320 * 3));
    rendered.insert(rendered.end(), frame + row * 960, frame + row * 960 + 960);
  }
  const double db = psnr(shown.data(), rendered.data(), shown.size());
  INFO("window vs frame PSNR " << db << " dB");
  CHECK(db >= 40.0);
  pipeline->set_state(State::Null);
}

TEST_CASE("closing the window posts 'Output window was closed'", "[sdl]") {
  Xvfb x;
  if (!x.running()) {
    WARN("SKIPPED: Xvfb is not installed");
    return;
  }
  DisplayEnv env(x.display());
  auto pipeline = parse_launch(
      "videotestsrc is-live=true ! video/x-raw,width=160,height=120,framerate=30/1 ! "
      "videoconvert ! sdlvideosink name=sink title=close-me");
  ElementPtr sink = pipeline->get_by_name("sink");
  pipeline->set_state(State::Playing);
  REQUIRE(wait_presented(sink, 1));
  REQUIRE(close_window(x.display(), "close-me"));
  auto error = pipeline->bus().timed_pop_filtered(10 * kSecond, MessageType::Error);
  REQUIRE(error);
  CHECK(error->source == "sink");
  CHECK(error->text == "Output window was closed");
  pipeline->set_state(State::Null);
}

TEST_CASE("without a display sdlvideosink fails with an error naming DISPLAY", "[sdl]") {
  DisplayEnv env("");
  auto pipeline = parse_launch("videotestsrc ! autovideosink name=sink");
  CHECK(pipeline->get_by_name("sink")->element_class().factory_name == "autovideosink");
  pipeline->set_state(State::Paused);
  auto error = pipeline->bus().timed_pop_filtered(10 * kSecond, MessageType::Error);
  REQUIRE(error);
  CHECK(error->source == "sink");
  CHECK((error->text + error->debug).find("DISPLAY") != std::string::npos);
  pipeline->set_state(State::Null);
}
