// Basic tutorial 3: Dynamic pipelines
// (GStreamer's basic-tutorial-3.c; docs/tutorials/basic-tutorial-3.md)
//
//   build/examples/tutorials/basic-tutorial-3
//
// A pipeline that changes while it plays. GStreamer's version links a
// uridecodebin's "sometimes" pad when the pad-added signal says the stream
// was found. gstmini has no demuxers and no pad-added signal; what it has is
// the other half of the lesson: a pipeline that is PLAYING, grows a branch
// on a tee's request pad, and brings the new elements to its state
// (gst_element_sync_state_with_parent), the way a pad-added handler does.
//
//   livesrc ! tee name=t  t. ! queue ! fakesink name=first
//   ... one second later, while PLAYING:        t. ! queue ! fakesink name=late
#include <gstmini/gstmini.hpp>

#include <cstdio>

using namespace gstmini;

int main() {
  Pipeline pipeline("dynamic");
  auto source = make_element("livesrc", "source");
  auto tee = make_element("tee", "t");
  auto queue = make_element("queue", "first-queue");
  auto first = make_element("fakesink", "first");
  source->set("num-buffers", 60);  // 2 s at 30 fps
  pipeline.add_many(source, tee, queue, first);
  pipeline.link_many({source, tee, queue, first});  // the tee's src_0 is requested here

  pipeline.set_state(State::Playing);
  std::printf("PLAYING with one branch; waiting 1 s on the bus\n");
  if (auto msg = pipeline.bus().timed_pop_filtered(kSecond, MessageType::Error)) {
    std::fprintf(stderr, "%s\n", describe(*msg).c_str());
    return 1;
  }

  // The "pad-added" moment: new elements, added and linked while PLAYING.
  auto late_queue = make_element("queue", "late-queue");
  auto late = make_element("fakesink", "late");
  pipeline.add_many(late_queue, late);
  pipeline.link_many({tee, late_queue, late});  // requests the tee's src_1
  // Sinks first, as a pad-added handler should: nothing may push into an
  // element that is not ready yet.
  pipeline.sync_state_with_parent(late);
  pipeline.sync_state_with_parent(late_queue);
  for (const LinkInfo& link : pipeline.links())
    std::printf("  link %s:%s -> %s:%s\n", link.src.c_str(), link.src_pad.c_str(),
                link.sink.c_str(), link.sink_pad.c_str());

  auto msg = pipeline.bus().timed_pop_filtered(10 * kSecond, MessageType::Error | MessageType::Eos);
  const auto first_count = first->get<std::uint64_t>("rendered");
  const auto late_count = late->get<std::uint64_t>("rendered");
  pipeline.set_state(State::Null);
  std::printf("%s\nfirst branch rendered %llu frames, the late branch %llu (it joined halfway)\n",
              msg ? describe(*msg).c_str() : "no EOS within 10 s",
              static_cast<unsigned long long>(first_count),
              static_cast<unsigned long long>(late_count));
  const bool ok =
      msg && msg->type == MessageType::Eos && late_count > 0 && late_count < first_count;
  return ok ? 0 : 1;
}
