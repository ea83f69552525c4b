// The blog's player, end to end under Xvfb:
//   filesrc location=picture.png ! pngdec ! videoconvert ! imagefreeze ! autovideosink
// shows the picture in a window: the screenshot's pixels are the picture's.
// (filesrc and pngdec come from the image plugin; without it the test says
// so and skips.)
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "runtime/registry/registry.hpp"
#include "video_test_util.hpp"
#include "xvfb.hpp"

using namespace gstmini;
using namespace gstmini::test;

TEST_CASE("the blog's player line shows a PNG picture in a real window", "[sdl][player]") {
  for (const char* factory : {"filesrc", "pngdec", "pngenc", "filesink"}) {
    if (!Registry::get().find(factory)) {
      WARN("SKIPPED: no " << factory << " element (the image plugin is not built)");
      return;
    }
  }
  Xvfb x;
  if (!x.running()) {
    WARN("SKIPPED: Xvfb is not installed (scripts/deps/sdl.txt installs it)");
    return;
  }
  DisplayEnv env(x.display());
  const std::string png = "/tmp/gstmini-player-" + std::to_string(getpid()) + ".png";
  const std::string frame_line =
      "videotestsrc num-buffers=1 ! video/x-raw,format=RGB,width=320,height=240";
  // The picture: one smpte frame, written as PNG by gstmini's own encoder.
  {
    auto writer = parse_launch(frame_line + " ! pngenc ! filesink location=" + png);
    writer->set_state(State::Playing);
    auto end =
        writer->bus().timed_pop_filtered(10 * kSecond, MessageType::Eos | MessageType::Error);
    REQUIRE(end);
    REQUIRE(end->type == MessageType::Eos);
    writer->set_state(State::Null);
  }
  const Frame expected = gstmini_frame(frame_line);
  REQUIRE(expected.buffer);

  auto player = parse_launch("filesrc location=" + png +
                             " ! pngdec ! videoconvert ! imagefreeze ! autovideosink name=sink");
  ElementPtr sink = player->get_by_name("sink");
  player->set_state(State::Playing);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (sink->get<std::uint64_t>("frames-presented") < 3 &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(sink->get<std::uint64_t>("frames-presented") >= 3);
  CHECK_FALSE(player->bus().timed_pop_filtered(0, MessageType::Error));

  const std::string screen = x.screenshot_rgb();
  REQUIRE(screen.size() == 640u * 480u * 3u);
  std::vector<std::uint8_t> shown, picture;
  const std::uint8_t* frame = expected.buffer->data();
  for (std::size_t y = 0; y < 240; ++y) {
    shown.insert(shown.end(), screen.begin() + static_cast<std::ptrdiff_t>(y * 640 * 3),
                 screen.begin() + static_cast<std::ptrdiff_t>(y * 640 * 3 + 320 * 3));
    picture.insert(picture.end(), frame + y * 960, frame + y * 960 + 960);
  }
  const double db = psnr(shown.data(), picture.data(), shown.size());
  INFO("window vs picture PSNR " << db << " dB");
  CHECK(db >= 40.0);
  player->set_state(State::Null);
  std::remove(png.c_str());
}
