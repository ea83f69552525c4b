// Lesson 10: the blog's flagship pipeline, for real.
//
//   build/examples/12_hls_flagship                    # 20 s into ./hls-out, 6 s segments
//   build/examples/12_hls_flagship 6 /tmp/hls 2       # 6 s into /tmp/hls, 2 s segments
//
// The Python original (full_pipeline.py) built
//   LiveSource("camera", 30) -> Queue("queue", 10, "upstream")
//     -> HLSSegmenter("segmenter", 6.0) -> S3Sink("s3sink", "live-streams")
// and simulated every step: frames were dictionaries, the segmenter grouped
// them by time, the S3 sink slept 17 ms and printed. Here every step is the
// real thing, with GStreamer's element names, and the result plays in
// ffplay or a browser. The same pipeline as one launch line:
//
//   gstmini-launch livesrc framerate=30/1 pattern=gradient !
//   video/x-raw,format=I420,width=640,height=360 !
//     queue max-size-buffers=10 leaky=upstream ! x264enc tune=zerolatency
//     speed-preset=ultrafast key-int-max=60 ! mpegtsmux !
//     hlssink2 location=hls-out/segment%05d.ts playlist-location=hls-out/playlist.m3u8
//     target-duration=6
//
// The log (GSTMINI_DEBUG, see scripts/demo.sh) shows the blog's call stack
// as messages: livesrc PUSHING into the queue, the queue answering at once,
// then the queue's own domain pushing through x264enc, mpegtsmux and
// hlssink2 lock-step, each RETURNING OK back up.
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/base_source.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 20.0;
  const std::string folder = argc > 2 ? argv[2] : "hls-out";
  const unsigned target = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 6;
  if (!std::getenv("GSTMINI_DEBUG")) debug_set_threshold_from_string("*:3,hlssink2:4");
  ::mkdir(folder.c_str(), 0755);

  Pipeline pipeline("hls-pipeline");

  // LiveSource("camera", fps=30): a live source stamping each frame with its
  // capture slot on the pipeline clock; now it makes real I420 frames of
  // the negotiated size instead of {'frame': n} dictionaries.
  auto camera = make_element("livesrc", "camera");
  camera->set("framerate", "30/1");
  camera->set_property_from_string("pattern", "gradient");
  auto format = make_element("capsfilter", "format");
  format->set("caps", "video/x-raw,format=I420,width=640,height=360");

  // Queue("queue", 10, "upstream"): the same queue, leaky upstream (a full
  // queue drops the newest frame instead of stalling the camera). It cuts
  // the pipeline into two streaming domains, so encoding never delays capture.
  auto queue = make_element("queue", "queue");
  queue->set("max-size-buffers", 10);
  queue->set_property_from_string("leaky", "upstream");

  // VideoEnc: the original tagged every 30th dictionary as an IDR. Now
  // libx264 encodes H.264; tune=zerolatency keeps no frames back, and
  // hlssink2 asks it for a keyframe whenever a segment is due.
  auto encoder = make_element("x264enc", "encoder");
  encoder->set_property_from_string("tune", "zerolatency");
  encoder->set_property_from_string("speed-preset", "ultrafast");
  encoder->set("key-int-max", 60);

  // HLSSegmenter("segmenter", 6.0): the original summed durations into a
  // list. Now mpegtsmux (libavformat) writes an MPEG transport stream and
  // marks where keyframes start; hlssink2 cuts it there into .ts segments.
  auto muxer = make_element("mpegtsmux", "muxer");

  // S3Sink("s3sink", "live-streams"): the original slept 17 ms and printed
  // "Uploading segment_N.cmfv". Now hlssink2 writes each segment and then
  // the playlist (atomically) into a local folder a player can read; the
  // S3 variant (awss3hlssink) uploads the same files.
  auto segmenter = make_element("hlssink2", "s3sink");
  segmenter->set("location", folder + "/segment%05d.ts");
  segmenter->set("playlist-location", folder + "/playlist.m3u8");
  segmenter->set("target-duration", static_cast<std::uint64_t>(target));

  pipeline.add_many(camera, format, queue, encoder, muxer, segmenter);
  pipeline.link_many({camera, format, queue, encoder, muxer, segmenter});

  std::printf("hls-pipeline: livesrc 30 fps ! queue ! x264enc ! mpegtsmux ! hlssink2 -> %s/\n",
              folder.c_str());
  pipeline.set_state(State::Playing);

  // run(seconds): the original then set NULL mid-stream. Here EOS ends the
  // stream first, so the last, partial segment and the final playlist
  // (#EXT-X-ENDLIST) are written before the pipeline reports EOS.
  int segments = 0;
  const auto stop_at = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  bool eos_sent = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(
        stop_at - std::chrono::steady_clock::now());
    const ClockTime timeout =
        eos_sent ? 10 * kSecond : static_cast<ClockTime>(std::max<std::int64_t>(0, left.count()));
    auto m = pipeline.bus().timed_pop_filtered(
        timeout, MessageType::Eos | MessageType::Error | MessageType::Element);
    if (!m && !eos_sent) {
      pipeline.send_event(Event::eos());
      eos_sent = true;
      continue;
    }
    if (!m) {
      std::fprintf(stderr, "no EOS within 10 s after sending it\n");
      break;
    }
    if (m->type == MessageType::Element && m->structure.name() == "splitmuxsink-fragment-closed") {
      ++segments;
      std::printf("segment written: %s\n",
                  m->structure.get_as<std::string>("location").value_or("?").c_str());
      continue;
    }
    if (m->type == MessageType::Error) {
      std::fprintf(stderr, "ERROR from %s: %s (%s)\n", m->source.c_str(), m->text.c_str(),
                   m->debug.c_str());
      pipeline.set_state(State::Null);
      return 1;
    }
    if (m->type == MessageType::Eos) break;
  }

  // Statistics, as the original printed them.
  const auto generated = std::static_pointer_cast<Source>(camera)->buffers_produced();
  std::printf("Statistics:\n");
  std::printf("  LiveSource: %llu frames generated, %llu dropped\n",
              static_cast<unsigned long long>(generated),
              static_cast<unsigned long long>(camera->get<std::uint64_t>("frames-dropped")));
  std::printf("  Queue: %llu dropped\n",
              static_cast<unsigned long long>(queue->get<std::uint64_t>("dropped")));
  std::printf("  hlssink2: %d segments written, playlist %s/playlist.m3u8\n", segments,
              folder.c_str());
  pipeline.set_state(State::Null);
  return 0;
}
