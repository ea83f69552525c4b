// Lesson 10: the blog's picture player ("Can GstMini do multimedia?").
//
//   build/examples/10_picture_player picture.png
//
// The same as the launch line
//   gstmini-launch filesrc location=picture.png ! pngdec ! videoconvert
//                  ! imagefreeze ! autovideosink
// filesrc reads the file, pngdec decodes it into one raw frame whose caps
// come from the PNG header, videoconvert turns it into a format the window
// takes (negotiated by asking downstream: passthrough when it already fits),
// imagefreeze repeats that frame at 25 fps so the window has a stream to
// show, and autovideosink (sdlvideosink) opens a window. The program runs
// until the window is closed ("Output window was closed" on the bus) or an
// error, e.g. a missing file ("Resource not found.") or no DISPLAY.
#include <cstdio>
#include <string>

#include "runtime/launch/parse_launch.hpp"
#include "runtime/pipeline.hpp"

using namespace gstmini;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PICTURE.png\n", argv[0]);
    return 2;
  }
  const std::string line = "filesrc location=\"" + std::string(argv[1]) +
                           "\" ! pngdec ! videoconvert ! imagefreeze ! autovideosink";
  std::printf("%s\n", line.c_str());
  std::unique_ptr<Pipeline> pipeline;
  try {
    pipeline = parse_launch(line);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "could not build the pipeline: %s\n", e.what());
    return 1;
  }
  pipeline->set_state(State::Playing);
  // imagefreeze never ends the stream: the window's close button does.
  auto msg =
      pipeline->bus().timed_pop_filtered(kClockTimeNone, MessageType::Eos | MessageType::Error);
  int status = 0;
  if (msg && msg->type == MessageType::Error) {
    std::printf("ERROR from %s: %s\n  %s\n", msg->source.c_str(), msg->text.c_str(),
                msg->debug.c_str());
    status = msg->text == "Output window was closed" ? 0 : 1;
  }
  pipeline->set_state(State::Null);
  return status;
}
