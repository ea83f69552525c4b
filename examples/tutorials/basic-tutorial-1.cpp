// Basic tutorial 1: Hello world!
// (GStreamer's basic-tutorial-1.c; docs/tutorials/basic-tutorial-1.md)
//
//   build/examples/tutorials/basic-tutorial-1
//
// Builds a pipeline from a launch line, plays it, and waits on the bus until
// the stream ends or fails. GStreamer's version plays a video file with
// playbin; gstmini has no playbin and no decoders in its core, so the
// "video" is livesrc, a camera-like source of raw frames, shown to a
// fakesink that renders each frame on the pipeline clock.
#include <gstmini/gstmini.hpp>

#include <cstdio>

int main() {
  // 1. Build the pipeline (gst_parse_launch).
  auto pipeline = gstmini::parse_launch("livesrc num-buffers=60 ! fakesink sync=true");

  // 2. Start playing.
  pipeline->set_state(gstmini::State::Playing);

  // 3. Wait until error or EOS (gst_bus_timed_pop_filtered with GST_CLOCK_TIME_NONE).
  auto msg = pipeline->bus().timed_pop_filtered(
      gstmini::kClockTimeNone, gstmini::MessageType::Error | gstmini::MessageType::Eos);

  // 4. Report what happened. GStreamer's tutorial prints a hint on ERROR.
  if (msg && msg->type == gstmini::MessageType::Error)
    std::fprintf(stderr,
                 "An error occurred! Re-run with GSTMINI_DEBUG=*:WARNING for more details.\n");
  else
    std::printf("Hello world: 60 frames at 30 fps played to the end (%s)\n",
                msg ? gstmini::describe(*msg).c_str() : "no message");

  // 5. Free resources: NULL, then the pipeline goes with its unique_ptr.
  pipeline->set_state(gstmini::State::Null);
  return msg && msg->type == gstmini::MessageType::Eos ? 0 : 1;
}
