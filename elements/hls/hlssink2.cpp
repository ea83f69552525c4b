#include "elements/hls/hlssink2.hpp"

#include <limits>

namespace gstmini {

namespace {

constexpr const char* kSinkCaps = "video/mpegts, systemstream=(boolean)true";
constexpr const char* kForceKeyUnit = "GstForceKeyUnit";

}  // namespace

std::vector<PropertySpec> HlsSink2::segment_properties() {
  const auto max_u32 = std::uint64_t{std::numeric_limits<std::uint32_t>::max()};
  const HlsSettings defaults;
  return {
      PropertySpec::string("location", defaults.location, "Location of the file to write"),
      PropertySpec::string("playlist-location", defaults.playlist_location,
                           "Location of the playlist to write"),
      PropertySpec::string("playlist-root", "", "Location of the playlist to write"),
      PropertySpec::uint64("max-files", defaults.max_files, 0, max_u32,
                           "Maximum number of files to keep on disk. Once the maximum is "
                           "reached,old files start to be deleted to make room for new ones."),
      PropertySpec::uint64("target-duration", defaults.target_duration, 0, max_u32,
                           "The target duration in seconds of a segment/file. (0 - disabled, "
                           "useful for management of segment duration by the streaming server)"),
      PropertySpec::uint64("playlist-length", defaults.playlist_length, 0, max_u32,
                           "Length of HLS playlist. To allow players to conform to section 6.3.3 "
                           "of the HLS specification, this should be at least 3. If set to 0, the "
                           "playlist will be infinite."),
      PropertySpec::boolean("send-keyframe-requests", true,
                            "Send keyframe requests to ensure correct fragmentation. If this is "
                            "disabled then the input must have keyframes in regular intervals"),
  };
}

HlsSettings HlsSink2::settings_from(const Element& e) {
  HlsSettings s;
  s.location = e.get<std::string>("location");
  s.playlist_location = e.get<std::string>("playlist-location");
  s.playlist_root = e.get<std::string>("playlist-root");
  s.max_files = e.get<std::uint64_t>("max-files");
  s.target_duration = e.get<std::uint64_t>("target-duration");
  s.playlist_length = e.get<std::uint64_t>("playlist-length");
  return s;
}

const ElementClass& HlsSink2::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"hlssink2",
                   "HTTP Live Streaming sink",
                   "Sink",
                   "HTTP Live Streaming sink (MPEG-TS in, segments and playlist out)",
                   "gstmini",
                   {{"sink", PadDirection::Sink, PadPresence::Always, kSinkCaps}},
                   Sink::base_properties(false)};
    for (PropertySpec& spec : segment_properties()) k.properties.push_back(std::move(spec));
    return k;
  }();
  return klass;
}

HlsSink2::HlsSink2(std::string name) : Sink(element_class(), std::move(name)) {}

bool HlsSink2::start() {
  const HlsSettings settings = settings_from(*this);
  std::string error;
  if (!HlsSegmenter::validate(settings, &error)) {
    post_error("Invalid location pattern", error);
    return false;
  }
  if (settings.max_files > 0 && settings.playlist_length > settings.max_files)
    post_warning("playlist-length is larger than max-files",
                 "the playlist will name segments already removed (playlist-length " +
                     std::to_string(settings.playlist_length) + ", max-files " +
                     std::to_string(settings.max_files) + ")");
  send_keyframe_requests_ = get<bool>("send-keyframe-requests");
  segmenter_ = std::make_unique<HlsSegmenter>(settings, storage_);
  failed_ = false;
  return Sink::start();
}

bool HlsSink2::stop() {
  segmenter_.reset();
  return Sink::stop();
}

FlowReturn HlsSink2::render(const Buffer& buffer) {
  if (failed_ || !segmenter_) return FlowReturn::Error;
  const ClockTime running = segment().to_running_time(buffer.pts);
  const ClockTime end =
      is_valid(running) && is_valid(buffer.duration) ? running + buffer.duration : kClockTimeNone;
  try {
    const HlsSegmenter::AddResult result = segmenter_->add(
        buffer.data(), buffer.size(), !buffer.has_flag(BufferFlags::DeltaUnit), running, end);
    if (result.closed) fragment_closed(*result.closed);
    if (result.opened) request_keyframe();
  } catch (const StorageError& e) {
    failed_ = true;
    post_error("Could not write HLS segment or playlist", e.what());
    return FlowReturn::Error;
  }
  return FlowReturn::Ok;
}

bool HlsSink2::sink_event(const Pad& pad, Event event, Output& out) {
  if (event.type() == EventType::Eos && segmenter_ && !failed_) {
    try {
      if (auto closed = segmenter_->finish()) fragment_closed(*closed);
    } catch (const StorageError& e) {
      failed_ = true;
      post_error("Could not write HLS segment or playlist", e.what());
    }
    if (segmenter_->dropped_before_keyframe() > 0)
      post_warning("Data before the first keyframe was dropped",
                   std::to_string(segmenter_->dropped_before_keyframe()) + " bytes");
  }
  return Sink::sink_event(pad, std::move(event), out);
}

void HlsSink2::fragment_closed(const HlsSegmenter::Fragment& fragment) {
  GSTMINI_INFO_OBJECT(*this, "segment {} closed: {} ({} s from running time {})", fragment.index,
                      fragment.location, static_cast<double>(fragment.duration) / 1e9,
                      format_time(fragment.start));
  Structure s("splitmuxsink-fragment-closed");
  s.set("location", fragment.location)
      .set("running-time", fragment.start + fragment.duration)
      .set("duration", fragment.duration);
  post_element_message(std::move(s));
}

void HlsSink2::request_keyframe() {
  const ClockTime due = segmenter_->next_cut_time();
  if (!send_keyframe_requests_ || !is_valid(due)) return;
  Structure s(kForceKeyUnit);
  s.set("running-time", due).set("all-headers", true).set("count", std::uint64_t{0});
  GSTMINI_DEBUG_OBJECT(*this, "asking upstream for a keyframe at running time {}",
                       format_time(due));
  push_upstream_event(Event::custom_upstream(std::move(s)));
}

}  // namespace gstmini
