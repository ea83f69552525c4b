// An application that uses gstmini from its installed package.
//
//   external-app
//
// 1. runs a launch line to EOS, as gst_parse_launch() + the bus would;
// 2. builds a pipeline by hand, appsrc ! rot13 ! appsink, with rot13 an
//    element this application defines (src/rot13.hpp) and registers, pushes
//    text through it and checks what comes out.
// Exits 0 when both worked, 1 otherwise.
#include <gstmini/gstmini.hpp>

#include <cstdio>
#include <string>

#include "rot13.hpp"

namespace {

bool run_launch_line(const std::string& line) {
  auto pipeline = gstmini::parse_launch(line);
  pipeline->set_state(gstmini::State::Playing);
  auto msg = pipeline->bus().timed_pop_filtered(
      10 * gstmini::kSecond, gstmini::MessageType::Eos | gstmini::MessageType::Error);
  pipeline->set_state(gstmini::State::Null);
  std::printf("launch line \"%s\": %s\n", line.c_str(),
              msg ? gstmini::describe(*msg).c_str() : "no EOS within 10 s");
  return msg && msg->type == gstmini::MessageType::Eos;
}

bool run_hand_built(const std::string& text) {
  gstmini::Registry::get().add<example::Rot13>();  // now make_element("rot13") works too

  gstmini::Pipeline pipeline("hand-built");
  auto src = std::make_shared<gstmini::AppSrc>("src");
  auto rot13 = gstmini::make_element("rot13", "rot13");
  auto sink = std::make_shared<gstmini::AppSink>("sink");
  sink->set("sync", false);
  pipeline.add_many(src, rot13, sink);
  pipeline.link_many({src, rot13, sink});
  pipeline.set_state(gstmini::State::Playing);

  src->push_buffer(gstmini::Buffer::wrap({text.begin(), text.end()}));
  src->end_of_stream();
  std::string out;
  while (auto buffer = sink->pull_sample())  // nullopt at EOS
    out.append(reinterpret_cast<const char*>(buffer->data()), buffer->size());
  pipeline.set_state(gstmini::State::Null);

  std::printf("appsrc ! rot13 ! appsink: \"%s\" -> \"%s\"\n", text.c_str(), out.c_str());
  return out == "Uryyb, tfgzvav!";
}

}  // namespace

int main() {
  std::printf("gstmini %s (headers %s)\n", gstmini::version(), GSTMINI_VERSION_STRING);
  bool ok = run_launch_line("fakesrc num-buffers=10 ! identity ! fakesink");
  ok = run_hand_built("Hello, gstmini!") && ok;
  std::printf("%s\n", ok ? "external-app: OK" : "external-app: FAILED");
  return ok ? 0 : 1;
}
