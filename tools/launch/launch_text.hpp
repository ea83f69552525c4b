// What gstmini-launch prints, in GStreamer's words: times, object paths,
// -m message details, -v pad caps. Header-only: tools/*.cpp are programs.
#pragma once

#include <cctype>
#include <chrono>
#include <cstdio>
#include <string>

#include "runtime/pipeline.hpp"

namespace gstmini::launch {

// "0:00:01.002000000" (GST_TIME_FORMAT).
inline std::string time_text(std::chrono::nanoseconds d) {
  auto ns = static_cast<unsigned long long>(d.count());
  unsigned long long s = ns / 1000000000ull;
  char text[64];
  std::snprintf(text, sizeof text, "%llu:%02llu:%02llu.%09llu", s / 3600, (s / 60) % 60, s % 60,
                ns % 1000000000ull);
  return text;
}

// GStreamer's type name for an element class: "fakesrc" -> "GstFakeSrc".
inline std::string type_name(const std::string& factory) {
  static const std::pair<const char*, const char*> kKnown[] = {
      {"fakesrc", "GstFakeSrc"},       {"fakesink", "GstFakeSink"}, {"identity", "GstIdentity"},
      {"queue", "GstQueue"},           {"tee", "GstTee"},           {"funnel", "GstFunnel"},
      {"valve", "GstValve"},           {"appsrc", "GstAppSrc"},     {"appsink", "GstAppSink"},
      {"capsfilter", "GstCapsFilter"}, {"livesrc", "GstLiveSrc"}};
  for (const auto& [name, type] : kKnown)
    if (factory == name) return type;
  std::string type = "Gst" + factory;
  type[3] = static_cast<char>(std::toupper(static_cast<unsigned char>(type[3])));
  return type;
}

// gst_object_get_path_string: "/GstPipeline:pipeline0/GstFakeSrc:fakesrc0".
inline std::string object_path(const Pipeline& pipeline, const std::string& source) {
  std::string path = "/GstPipeline:" + pipeline.name();
  if (source == pipeline.name()) return path;
  ElementPtr element = pipeline.get_by_name(source);
  std::string type = element ? type_name(element->element_class().factory_name) : "GstElement";
  return path + "/" + type + ":" + source;
}

// What -m prints after the header: the message's structure as GStreamer
// serializes it, or "no message details".
inline std::string message_details(const Message& m) {
  auto state = [](State s) {
    std::string text = to_string(s);
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s == State::VoidPending ? std::string("void-pending") : text;
  };
  switch (m.type) {
    case MessageType::StateChanged:
      return "GstMessageStateChanged, old-state=(GstState)" + state(m.old_state) +
             ", new-state=(GstState)" + state(m.new_state) + ", pending-state=(GstState)" +
             state(m.pending_state) + ";";
    case MessageType::NewClock:
      return "GstMessageNewClock, clock=(GstClock)\"" + m.text + "\";";
    case MessageType::Error:
    case MessageType::Warning:
    case MessageType::Info:
      return describe(m);
    case MessageType::Element:
    case MessageType::Application:
      return to_string(m.structure) + ";";  // gst_structure_to_string ends with ';'
    default:
      return "no message details";
  }
}

}  // namespace gstmini::launch
