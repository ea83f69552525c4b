#include "elements/aws/awss3hlssink.hpp"

#include <algorithm>

#include "elements/aws/aws_properties.hpp"
#include "elements/hls/hlssink2.hpp"

namespace gstmini {

namespace {
constexpr const char* kSinkCaps = "video/mpegts, systemstream=(boolean)true";
// Finished segments that may wait for upload before the sink stops taking data.
constexpr std::size_t kMaxPendingSegments = 2;
// S3's canned ACLs (gst-plugins-rs' acl property takes the same names).
const char* const kCannedAcls[] = {
    "private",       "public-read",       "public-read-write",        "authenticated-read",
    "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control"};
}  // namespace

const ElementClass& AwsS3HlsSink::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"awss3hlssink",
                   "S3 HLS Sink",
                   "Generic",
                   "Streams HLS data to S3",
                   "gstmini",
                   {{"sink", PadDirection::Sink, PadPresence::Always, kSinkCaps}},
                   Sink::base_properties(false)};
    auto& p = k.properties;
    p.push_back(PropertySpec::string("bucket", "", "The bucket of the file to write"));
    p.push_back(
        PropertySpec::string("key-prefix", "", "The key prefix for segment and playlist files"));
    p.push_back(PropertySpec::string("acl", "private", "Canned ACL to use for uploading to S3"));
    aws::add_connection_properties(p);
    for (PropertySpec& spec : HlsSink2::segment_properties()) p.push_back(std::move(spec));
    return k;
  }();
  return klass;
}

AwsS3HlsSink::AwsS3HlsSink(std::string name) : Sink(element_class(), std::move(name)) {}

AwsS3HlsSink::~AwsS3HlsSink() {
  segmenter_.reset();
  storage_.reset();
}

bool AwsS3HlsSink::start() {
  aws::S3Config config = aws::config_from_properties(*this);
  const HlsSettings settings = HlsSink2::settings_from(*this);
  std::string problem = aws::validate(config);
  const std::string acl = get<std::string>("acl");
  if (problem.empty() && std::none_of(std::begin(kCannedAcls), std::end(kCannedAcls),
                                      [&](const char* a) { return acl == a; }))
    problem = "acl '" + acl + "' is not one of S3's canned ACLs (private, public-read, ...)";
  if (problem.empty()) HlsSegmenter::validate(settings, &problem);
  if (!problem.empty()) {
    post_error("Could not start " + name() + ": " + problem);
    return false;
  }
  aws::S3SegmentStorage::Callbacks callbacks;
  // From the worker thread: only the bus (thread-safe) and a wake-up.
  callbacks.error = [this](const std::string& text, const std::string& debug) {
    post_error(text, debug);
  };
  callbacks.warning = [this](const std::string& text, const std::string& debug) {
    post_warning(text, debug);
  };
  callbacks.wake = [this] { wake(); };
  storage_ = std::make_unique<aws::S3SegmentStorage>(
      config, get<std::string>("key-prefix"),
      aws::Headers{{"Content-Type", "video/MP2T"}, {"x-amz-acl", acl}},
      aws::Headers{{"Content-Type", "application/x-mpegURL"},
                   {"Cache-Control", "no-cache"},
                   {"x-amz-acl", acl}},
      std::move(callbacks));
  segmenter_ = std::make_unique<HlsSegmenter>(settings, *storage_);
  send_keyframe_requests_ = get<bool>("send-keyframe-requests");
  failed_ = false;
  return Sink::start();
}

bool AwsS3HlsSink::stop() {
  segmenter_.reset();
  storage_.reset();  // cancels and joins the uploads
  return Sink::stop();
}

bool AwsS3HlsSink::ready_to_render() {
  return !storage_ || storage_->failed() || storage_->pending_segments() < kMaxPendingSegments;
}

bool AwsS3HlsSink::ready_for_eos() {
  // A failed upload keeps EOS held: the ERROR is what the application sees.
  return !storage_ || (storage_->idle() && !storage_->failed());
}

FlowReturn AwsS3HlsSink::render(const Buffer& buffer) {
  if (failed_ || !segmenter_ || storage_->failed()) return FlowReturn::Error;  // posted
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

bool AwsS3HlsSink::sink_event(const Pad& pad, Event event, Output& out) {
  if (event.type() == EventType::Eos && segmenter_ && !failed_) {
    try {
      if (auto closed = segmenter_->finish()) fragment_closed(*closed);
    } catch (const StorageError& e) {
      failed_ = true;
      post_error("Could not write HLS segment or playlist", e.what());
    }
  }
  return Sink::sink_event(pad, std::move(event), out);
}

void AwsS3HlsSink::fragment_closed(const HlsSegmenter::Fragment& fragment) {
  GSTMINI_INFO_OBJECT(*this, "segment {} closed: {} (queued for upload as {})", fragment.index,
                      fragment.location, storage_->key_for(fragment.location));
  Structure s("splitmuxsink-fragment-closed");
  s.set("location", storage_->key_for(fragment.location))
      .set("running-time", fragment.start + fragment.duration)
      .set("duration", fragment.duration);
  post_element_message(std::move(s));
}

void AwsS3HlsSink::request_keyframe() {
  const ClockTime due = segmenter_->next_cut_time();
  if (!send_keyframe_requests_ || !is_valid(due)) return;
  Structure s("GstForceKeyUnit");
  s.set("running-time", due).set("all-headers", true).set("count", std::uint64_t{0});
  push_upstream_event(Event::custom_upstream(std::move(s)));
}

}  // namespace gstmini
