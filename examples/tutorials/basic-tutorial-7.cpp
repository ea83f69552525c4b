// Basic tutorial 7: Multithreading and Pad Availability
// (GStreamer's basic-tutorial-7.c; docs/tutorials/basic-tutorial-7.md)
//
//   build/examples/tutorials/basic-tutorial-7
//
//   fakesrc ! tee name=t  t.src_0 ! queue ! identity ! fakesink name=audio-sink
//                         t.src_1 ! queue ! fakesink name=video-sink
//
// GStreamer's version splits a test tone into a speaker branch and a
// waveform-display branch with a tee, a queue on each (a new streaming
// thread each), and the tee's src_%u pads requested by hand. Here the data
// is fakesrc's, both branches end in fakesinks, and a queue starts a new
// streaming domain: an actor hop instead of a thread. The tee's pads are
// "on request", so they are asked for by name and released with the links.
#include <gstmini/gstmini.hpp>

#include <cstdio>

using namespace gstmini;

int main() {
  Pipeline pipeline("test-pipeline");
  auto source = make_element("fakesrc", "source");
  auto tee = make_element("tee", "tee");
  auto audio_queue = make_element("queue", "audio_queue");
  auto audio_convert = make_element("identity", "audio_convert");
  auto audio_sink = make_element("fakesink", "audio_sink");
  auto video_queue = make_element("queue", "video_queue");
  auto video_sink = make_element("fakesink", "video_sink");
  source->set("num-buffers", 100);
  source->set("buffer-duration", 10 * kMillisecond);  // timestamps, so the sinks can sync
  pipeline.add_many(source, tee, audio_queue, audio_convert, audio_sink, video_queue, video_sink);

  // The "Always" pads link as usual.
  pipeline.link(source, tee);
  pipeline.link_many({audio_queue, audio_convert, audio_sink});
  pipeline.link(video_queue, video_sink);

  // The tee's "Request" pads (gst_element_request_pad_simple(tee, "src_%u")):
  // show the template, then link a named request pad to each queue.
  const PadTemplate* templ = tee->request_template_for(PadDirection::Src, "src_0");
  std::printf("tee pad template: '%s', availability %s\n",
              templ ? templ->name_template.c_str() : "?", templ ? to_string(templ->presence) : "?");
  pipeline.link_pads(tee, "src_0", audio_queue, "sink");
  pipeline.link_pads(tee, "src_1", video_queue, "sink");
  for (const LinkInfo& link : pipeline.links())
    if (link.src == "tee")
      std::printf("Obtained request pad %s for the %s branch.\n", link.src_pad.c_str(),
                  link.sink.c_str());

  pipeline.set_state(State::Playing);
  auto msg = pipeline.bus().timed_pop_filtered(10 * kSecond, MessageType::Error | MessageType::Eos);
  const auto audio = audio_sink->get<std::uint64_t>("rendered");
  const auto video = video_sink->get<std::uint64_t>("rendered");
  pipeline.set_state(State::Null);
  std::printf("%s\naudio branch rendered %llu buffers, video branch %llu\n",
              msg ? describe(*msg).c_str() : "no EOS within 10 s",
              static_cast<unsigned long long>(audio), static_cast<unsigned long long>(video));
  return msg && msg->type == MessageType::Eos && audio == 100 && video == 100 ? 0 : 1;
}
