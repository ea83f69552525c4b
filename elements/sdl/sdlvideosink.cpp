#include "elements/sdl/sdlvideosink.hpp"

#include <limits>

namespace gstmini {

namespace {

constexpr bool kDefaultForceAspectRatio = true;

ElementClass make_class(const char* factory) {
  ElementClass k{
      factory,
      "SDL2 video sink",
      "Sink/Video",
      "Shows raw video in an SDL2 window",
      "gstmini",
      {{"sink", PadDirection::Sink, PadPresence::Always, video_caps_make(sdl::texture_formats())}},
      Sink::base_properties(true)};
  k.properties.push_back(
      PropertySpec::boolean("force-aspect-ratio", kDefaultForceAspectRatio,
                            "When enabled, scaling will respect original aspect ratio"));
  k.properties.push_back(PropertySpec::string("title", "gstmini", "The window's title"));
  k.properties.push_back(PropertySpec::uint64("frames-presented", 0, 0,
                                              std::numeric_limits<std::uint64_t>::max(),
                                              "Frames shown in the window so far")
                             .read_only());
  return k;
}

}  // namespace

const ElementClass& SdlVideoSink::element_class() {
  static const ElementClass klass = make_class("sdlvideosink");
  return klass;
}

const ElementClass& SdlVideoSink::auto_element_class() {
  static const ElementClass klass = [] {
    ElementClass k = make_class("autovideosink");
    k.long_name = "Auto video sink";
    k.klass = "Sink/Video";
    k.description = "Video sink for this platform (gstmini: sdlvideosink)";
    return k;
  }();
  return klass;
}

SdlVideoSink::SdlVideoSink(std::string name) : SdlVideoSink(element_class(), std::move(name)) {}

SdlVideoSink::SdlVideoSink(const ElementClass& klass, std::string name)
    : Sink(klass, std::move(name)), window_(std::make_unique<sdl::SdlWindow>()) {
  bind_counter("frames-presented", window_->presented());
}

bool SdlVideoSink::start() {
  closed_ = false;
  info_ = VideoInfo();
  std::string error;
  const bool ok = window_->open(
      get<std::string>("title"), get<bool>("force-aspect-ratio"),
      [this] {
        closed_ = true;
        post_error("Output window was closed");
      },
      &error);
  if (!ok) post_error("Could not initialise SDL output", error);
  return ok;
}

bool SdlVideoSink::stop() {
  window_->close();
  return true;
}

void SdlVideoSink::on_event(const Event& event) {
  if (event.type() != EventType::Caps) return;
  std::string why;
  VideoInfo info;
  if (VideoInfo::from_caps(event.parsed_caps(), &info, &why))
    info_ = info;
  else
    post_error("Could not negotiate format", why);
}

FlowReturn SdlVideoSink::show(const Buffer& buffer) {
  if (closed_) return FlowReturn::Error;
  if (!info_.valid()) return not_negotiated("no caps before the first frame");
  if (buffer.size() < info_.size) {
    post_error("Invalid frame size", std::to_string(buffer.size()) + " bytes for a frame of " +
                                         std::to_string(info_.size));
    return FlowReturn::Error;
  }
  window_->show(info_, buffer);
  return FlowReturn::Ok;
}

FlowReturn SdlVideoSink::render(const Buffer& buffer) { return show(buffer); }

FlowReturn SdlVideoSink::preroll(const Buffer& buffer) { return show(buffer); }

}  // namespace gstmini
