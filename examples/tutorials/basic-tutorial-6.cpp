// Basic tutorial 6: Media formats and Pad Capabilities
// (GStreamer's basic-tutorial-6.c; docs/tutorials/basic-tutorial-6.md)
//
//   build/examples/tutorials/basic-tutorial-6
//
// Prints the pad templates of two factories (what each could handle), then
// plays them and prints the caps each pad negotiated (what they agreed on),
// as GStreamer's version does with audiotestsrc and autoaudiosink. Here the
// media is raw video: livesrc offers several formats and sizes, a caps
// filter asks for GRAY8 at 320x240, and the negotiated caps arrive on the
// bus as PROPERTY_NOTIFY messages (what gst-launch -v prints) instead of
// being read from the pad at each state change.
#include <gstmini/gstmini.hpp>

#include <cstdio>
#include <string>

using namespace gstmini;

namespace {

void print_pad_templates(const std::string& factory) {
  const ElementClass* klass = Registry::get().find(factory);
  if (!klass) return;
  std::printf("Pad Templates for %s:\n", klass->long_name.c_str());
  for (const PadTemplate& templ : klass->pad_templates) {
    std::printf("  %s template: '%s'\n", to_string(templ.direction), templ.name_template.c_str());
    std::printf("    Availability: %s\n", to_string(templ.presence));
    std::printf("    Capabilities: %s\n", template_caps(templ).to_string().c_str());
  }
  std::printf("\n");
}

}  // namespace

int main() {
  print_pad_templates("livesrc");
  print_pad_templates("fakesink");

  auto pipeline = parse_launch(
      "livesrc name=source num-buffers=15 ! video/x-raw,format=GRAY8,width=320,height=240 ! "
      "fakesink name=sink");
  pipeline->add_property_deep_notify_watch();  // pad caps come to the bus as they are set

  std::printf("In NULL state: nothing negotiated yet.\n");
  if (pipeline->set_state(State::Playing) == StateChangeReturn::Failure) {
    std::fprintf(stderr, "Unable to set the pipeline to the playing state.\n");
    return 1;
  }
  bool saw_caps = false;
  for (;;) {
    auto msg = pipeline->bus().timed_pop_filtered(
        5 * kSecond, MessageType::PropertyNotify | MessageType::StateChanged | MessageType::Error |
                         MessageType::Eos);
    if (!msg || msg->type == MessageType::Error || msg->type == MessageType::Eos) {
      std::printf("%s\n", msg ? describe(*msg).c_str() : "no message within 5 s");
      pipeline->set_state(State::Null);
      return msg && msg->type == MessageType::Eos && saw_caps ? 0 : 1;
    }
    if (msg->type == MessageType::StateChanged && msg->source == pipeline->name()) {
      std::printf("Pipeline state changed from %s to %s\n", to_string(msg->old_state),
                  to_string(msg->new_state));
      continue;
    }
    if (msg->type != MessageType::PropertyNotify) continue;
    auto field = [&](const char* name) {
      return msg->structure.get_as<std::string>(name).value_or(std::string());
    };
    if (field("property-name") != "caps") continue;
    std::printf("Caps for the %s pad: %s\n", field("object").c_str(), field("value").c_str());
    saw_caps = true;
  }
}
