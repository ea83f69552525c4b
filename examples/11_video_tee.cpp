// Lesson 11: one camera, two jobs: show it and save thumbnails, with the
// flow statistics of the run.
//
//   build/examples/11_video_tee [frames]      (DISPLAY needed for the window)
//
//   videotestsrc is-live=true num-buffers=N ! video/x-raw,width=640,height=480,framerate=30/1
//     ! tee name=t
//     t. ! queue ! videoconvert ! autovideosink
//     t. ! queue ! videoscale ! video/x-raw,width=160,height=120 ! pngenc
//        ! multifilesink location=thumb-%05d.png
//
// Each branch runs behind its own queue (its own streaming domain): the
// window's branch syncs to the clock, the thumbnail branch encodes PNGs as
// fast as it can. Both share the camera's frames without a copy (tee pushes
// the same buffer twice); videoscale makes a new, small one.
#include <cstdio>
#include <string>

#include "runtime/launch/parse_launch.hpp"
#include "runtime/pipeline.hpp"

using namespace gstmini;

int main(int argc, char** argv) {
  const std::string frames = argc > 1 ? argv[1] : "90";
  const std::string line =
      "videotestsrc is-live=true num-buffers=" + frames +
      " pattern=ball ! video/x-raw,width=640,height=480,framerate=30/1 ! tee name=t "
      "t. ! queue ! videoconvert ! autovideosink "
      "t. ! queue ! videoscale ! video/x-raw,width=160,height=120 ! pngenc "
      "! multifilesink location=thumb-%05d.png";
  std::printf("%s\n", line.c_str());
  std::unique_ptr<Pipeline> pipeline;
  try {
    pipeline = parse_launch(line);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "could not build the pipeline: %s\n", e.what());
    return 1;
  }
  // Flow statistics: the table (buffers, bytes and time per link and
  // element) prints to stderr at EOS.
  pipeline->enable_stats();
  pipeline->set_state(State::Playing);
  auto msg =
      pipeline->bus().timed_pop_filtered(kClockTimeNone, MessageType::Eos | MessageType::Error);
  if (msg && msg->type == MessageType::Error)
    std::printf("ERROR from %s: %s\n  %s\n", msg->source.c_str(), msg->text.c_str(),
                msg->debug.c_str());
  pipeline->set_state(State::Null);
  return msg && msg->type == MessageType::Eos ? 0 : 1;
}
