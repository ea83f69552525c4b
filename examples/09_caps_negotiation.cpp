// Lesson 9: caps negotiation, and what its failures look like.
//
//   build/examples/09_caps_negotiation
//   GSTMINI_DEBUG="livesrc:5,capsfilter:5" build/examples/09_caps_negotiation   # the queries
//
//  1. livesrc ! capsfilter caps="video/x-raw,format=I420,width=640" ! fakesink
//     The source asks downstream which formats it accepts (a CAPS query the
//     capsfilter narrows), fixates the answer nearest its preferences
//     (height 240, its framerate) and pushes a CAPS event before its first
//     buffer; the frame size follows the caps.
//  2. Linking livesrc to a capsfilter for audio: refused at link time, the
//     two pads have no common format.
//  3. livesrc ! tee, one branch wanting RGB and one I420: no format suits
//     every branch, so negotiation fails: an ERROR names both pads, then the
//     source stops with "Internal data stream error" (not-negotiated).
//  4. fakesrc ! capsfilter caps="video/x-raw,width=[1,100]": the data comes
//     without caps and the filter does not fix a format: NOT_NEGOTIATED.
#include <cstdio>
#include <string>

#include "elements/fakesink.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;

namespace {

ElementPtr capsfilter(const std::string& name, const std::string& caps) {
  ElementPtr filter = make_element("capsfilter", name);
  filter->set("caps", caps);
  return filter;
}

// Plays until the first buffer reaches `sink` or an ERROR, and prints what happened.
void run(Pipeline& pipeline, const std::shared_ptr<FakeSink>& sink) {
  pipeline.set_state(State::Playing);
  auto msg = pipeline.bus().timed_pop_filtered(2 * kSecond, MessageType::Error);
  if (msg) {
    std::printf("  ERROR from %s: %s\n        %s\n", msg->source.c_str(), msg->text.c_str(),
                msg->debug.c_str());
    if (auto more = pipeline.bus().timed_pop_filtered(kSecond, MessageType::Error))
      std::printf("  ERROR from %s: %s\n        %s\n", more->source.c_str(), more->text.c_str(),
                  more->debug.c_str());
  }
  if (sink) {
    const Pad& pad = *sink->first_pad(PadDirection::Sink);
    std::printf("  %s:%s caps: %s\n  rendered %llu buffers; last-message: %s\n",
                sink->name().c_str(), pad.name.c_str(), sink->current_caps(pad).to_string().c_str(),
                static_cast<unsigned long long>(sink->rendered()),
                sink->get<std::string>("last-message").c_str());
  }
  pipeline.set_state(State::Null);
}

}  // namespace

int main() {
  std::printf("1. livesrc ! capsfilter caps=\"video/x-raw,format=I420,width=640\" ! fakesink\n");
  {
    Pipeline pipeline("negotiated");
    auto cam = make_element("livesrc", "cam");
    auto filter = capsfilter("filter", "video/x-raw,format=I420,width=640");
    auto sink = std::make_shared<FakeSink>("sink");
    sink->set("silent", false);
    pipeline.add_many(cam, filter, sink);
    pipeline.link_many({cam, filter, sink});
    run(pipeline, sink);
  }

  std::printf("\n2. livesrc ! capsfilter caps=audio/x-raw\n");
  {
    Pipeline pipeline("incompatible");
    auto cam = make_element("livesrc", "cam");
    auto filter = capsfilter("filter", "audio/x-raw");
    pipeline.add_many(cam, filter);
    try {
      pipeline.link(cam, filter);
    } catch (const LinkError& e) {
      std::printf("  LinkError: %s\n", e.what());
    }
  }

  std::printf(
      "\n3. livesrc ! tee ! [capsfilter format=RGB ! fakesink] [capsfilter format=I420 "
      "! fakesink]\n");
  {
    Pipeline pipeline("branches");
    auto cam = make_element("livesrc", "cam");
    auto tee = make_element("tee", "t");
    auto rgb = capsfilter("rgb", "video/x-raw,format=RGB");
    auto i420 = capsfilter("i420", "video/x-raw,format=I420");
    auto sink1 = std::make_shared<FakeSink>("sink1");
    auto sink2 = std::make_shared<FakeSink>("sink2");
    pipeline.add_many(cam, tee, rgb, i420, sink1, sink2);
    pipeline.link(cam, tee);
    pipeline.link_many({tee, rgb, sink1});
    pipeline.link_many({tee, i420, sink2});
    run(pipeline, sink1);
  }

  std::printf("\n4. fakesrc ! capsfilter caps=\"video/x-raw,width=[1,100]\" ! fakesink\n");
  {
    Pipeline pipeline("unfixed");
    auto src = make_element("fakesrc", "src");
    auto filter = capsfilter("filter", "video/x-raw,width=[1,100]");
    auto sink = std::make_shared<FakeSink>("sink");
    pipeline.add_many(src, filter, sink);
    pipeline.link_many({src, filter, sink});
    run(pipeline, sink);
  }
  return 0;
}
