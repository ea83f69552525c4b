// Basic tutorial 4: Time management
// (GStreamer's basic-tutorial-4.c; docs/tutorials/basic-tutorial-4.md)
//
//   build/examples/tutorials/basic-tutorial-4
//
// Queries the pipeline's position and duration while it plays, asks whether
// it can seek, and seeks once 2 s of the stream have played, as GStreamer's
// version does (there: 10 s into a film, jump to 30 s). The stream is a
// fakesrc with timestamped buffers (buffer-duration), which gstmini treats
// like a file: 8 s long and seekable.
#include <gstmini/gstmini.hpp>

#include <cstdio>

using namespace gstmini;

int main() {
  auto pipeline = parse_launch(
      "fakesrc name=source num-buffers=200 buffer-duration=40000000 ! fakesink sync=true");
  if (pipeline->set_state(State::Playing) == StateChangeReturn::Failure) {
    std::fprintf(stderr, "Unable to set the pipeline to the playing state.\n");
    return 1;
  }

  bool seek_done = false;
  bool seek_enabled = false;
  ClockTime duration = kClockTimeNone;
  for (;;) {
    // Wake up every 100 ms to print the position (GStreamer's tutorial uses
    // the same timeout on gst_bus_timed_pop_filtered).
    auto msg = pipeline->bus().timed_pop_filtered(
        100 * kMillisecond, MessageType::StateChanged | MessageType::Error | MessageType::Eos);
    if (msg && msg->type == MessageType::Error) {
      std::fprintf(stderr, "\nError received from element %s: %s\n", msg->source.c_str(),
                   msg->text.c_str());
      break;
    }
    if (msg && msg->type == MessageType::Eos) {
      std::printf("\nEnd-Of-Stream reached.\n");
      break;
    }
    if (msg && msg->source == pipeline->name() && msg->new_state == State::Playing) {
      // Playing: ask whether seeking is possible (GST_QUERY_SEEKING).
      Query seeking(QueryType::Seeking);
      if (pipeline->query(seeking)) {
        seek_enabled = seeking.seekable;
        std::printf("Seeking is %s from %s to %s\n", seek_enabled ? "ENABLED" : "DISABLED",
                    format_time(seeking.seek_start).c_str(), format_time(seeking.seek_end).c_str());
      }
      continue;
    }
    if (msg) continue;  // another state change

    // Timeout: print where we are.
    ClockTime position = kClockTimeNone;
    if (!pipeline->query_position(&position)) std::fprintf(stderr, "Could not query position.\n");
    if (!is_valid(duration) && !pipeline->query_duration(&duration))
      std::fprintf(stderr, "Could not query duration.\n");
    std::printf("Position %s / %s\r", format_time(position).c_str(), format_time(duration).c_str());
    std::fflush(stdout);

    // After 2 s, jump to 6 s (a flushing seek: running time restarts).
    if (seek_enabled && !seek_done && is_valid(position) && position > 2 * kSecond) {
      std::printf("\nReached 2s, performing seek...\n");
      pipeline->seek_simple(SeekFlags::Flush | SeekFlags::KeyUnit, 6 * kSecond);
      seek_done = true;
    }
  }
  pipeline->set_state(State::Null);
  return seek_done ? 0 : 1;
}
