// Basic tutorial 2: GStreamer concepts
// (GStreamer's basic-tutorial-2.c; docs/tutorials/basic-tutorial-2.md)
//
//   build/examples/tutorials/basic-tutorial-2
//
// The same kind of pipeline as tutorial 1, built by hand: elements made from
// factories, a pipeline (a bin) holding them, links, a property, and a bus
// loop that tells an ERROR from an EOS. GStreamer's version links
// videotestsrc to autovideosink; here the source is livesrc and the sink a
// fakesink, because the core has no display sink.
#include <gstmini/gstmini.hpp>

#include <cstdio>

using namespace gstmini;

int main() {
  // Create the elements (gst_element_factory_make): a factory name and an
  // element name. An unknown factory throws, with the name it was given.
  ElementPtr source, sink;
  try {
    source = make_element("livesrc", "source");
    sink = make_element("fakesink", "sink");
  } catch (const ElementError& e) {
    std::fprintf(stderr, "Not all elements could be created: %s\n", e.what());
    return 1;
  }

  // Create the empty pipeline, then build it (gst_bin_add_many,
  // gst_element_link). A failed link throws LinkError naming both elements.
  Pipeline pipeline("test-pipeline");
  pipeline.add_many(source, sink);
  try {
    pipeline.link(source, sink);
  } catch (const LinkError& e) {
    std::fprintf(stderr, "Elements could not be linked: %s\n", e.what());
    return 1;
  }

  // Modify the source's properties (g_object_set): videotestsrc's "pattern"
  // has no counterpart, so this sets the frame count and rate instead.
  source->set("num-buffers", 45);
  source->set_property_from_string("framerate", "15/1");

  // Start playing.
  if (pipeline.set_state(State::Playing) == StateChangeReturn::Failure) {
    std::fprintf(stderr, "Unable to set the pipeline to the playing state.\n");
    return 1;
  }

  // Wait until error or EOS, and parse the message.
  auto msg =
      pipeline.bus().timed_pop_filtered(kClockTimeNone, MessageType::Error | MessageType::Eos);
  int status = 1;
  if (!msg) {
    std::fprintf(stderr, "Unexpected: no message.\n");
  } else if (msg->type == MessageType::Error) {
    std::fprintf(stderr, "Error received from element %s: %s\n", msg->source.c_str(),
                 msg->text.c_str());
    std::fprintf(stderr, "Debugging information: %s\n",
                 msg->debug.empty() ? "none" : msg->debug.c_str());
  } else {
    std::printf("End-Of-Stream reached: %llu frames rendered at 15 fps.\n",
                static_cast<unsigned long long>(sink->get<std::uint64_t>("rendered")));
    status = 0;
  }
  pipeline.set_state(State::Null);
  return status;
}
