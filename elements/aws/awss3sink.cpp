#include "elements/aws/awss3sink.hpp"

#include <limits>

#include "elements/aws/aws_properties.hpp"

namespace gstmini {

namespace {
constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kDefaultPartSize = 5 * kMiB;  // S3's minimum part size
}  // namespace

const ElementClass& AwsS3Sink::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"awss3sink",
                   "Amazon S3 sink",
                   "Source/Network",
                   "Writes an object to Amazon S3",
                   "gstmini",
                   {{"sink", PadDirection::Sink, PadPresence::Always, "ANY"}},
                   Sink::base_properties(false)};
    auto& p = k.properties;
    p.push_back(PropertySpec::string("bucket", "", "The bucket of the file to write"));
    p.push_back(PropertySpec::string("key", "", "The key of the file to write"));
    p.push_back(
        PropertySpec::uint64("part-size", kDefaultPartSize, kDefaultPartSize, 5 * 1024 * kMiB,
                             "A size (in bytes) of an individual part used for multipart upload."));
    p.push_back(PropertySpec::enumeration(
        "on-error", static_cast<std::int64_t>(aws::OnError::Nothing),
        {{0, "abort", "Abort: Abort multipart upload on error."},
         {1, "complete", "Complete: Complete multipart upload on error."},
         {2, "nothing", "DoNothing: Do nothing on error."}},
        "Do nothing, abort or complete a multipart upload request on error"));
    aws::add_connection_properties(p);
    for (const char* header : {"cache-control", "content-type", "content-disposition",
                               "content-encoding", "content-language"})
      p.push_back(PropertySpec::string(header, "",
                                       std::string(header) + " header to set for uploaded object"));
    return k;
  }();
  return klass;
}

AwsS3Sink::AwsS3Sink(std::string name) : Sink(element_class(), std::move(name)) {}

AwsS3Sink::~AwsS3Sink() = default;

bool AwsS3Sink::start() {
  aws::S3Config config = aws::config_from_properties(*this);
  std::string problem = aws::validate(config);
  const std::string key = get<std::string>("key");
  if (problem.empty() && key.empty()) problem = "no key set (property 'key')";
  if (!problem.empty()) {
    post_error("Could not start " + name() + ": " + problem);
    return false;
  }
  aws::Headers headers;
  static const std::pair<const char*, const char*> kHeaders[] = {
      {"cache-control", "Cache-Control"},
      {"content-type", "Content-Type"},
      {"content-disposition", "Content-Disposition"},
      {"content-encoding", "Content-Encoding"},
      {"content-language", "Content-Language"}};
  for (const auto& [property, header] : kHeaders) {
    std::string value = get<std::string>(property);
    if (!value.empty()) headers.emplace_back(header, value);
  }
  part_size_ = get<std::uint64_t>("part-size");
  part_.clear();
  part_.reserve(part_size_);
  finishing_ = false;
  // The worker's callbacks only post (the bus is thread-safe) and wake the
  // actor; they never touch this element's state.
  aws::ObjectUpload::Callbacks callbacks;
  callbacks.error = [this](const std::string& text, const std::string& debug) {
    post_error(text, debug);
  };
  callbacks.warning = [this](const std::string& text, const std::string& debug) {
    post_warning(text, debug);
  };
  callbacks.wake = [this] { wake(); };
  upload_ = std::make_unique<aws::ObjectUpload>(
      config, key, std::move(headers), static_cast<aws::OnError>(get<std::int64_t>("on-error")),
      std::move(callbacks));
  GSTMINI_INFO_OBJECT(*this, "writing {} (endpoint {}, part-size {})", upload_->url(),
                      config.endpoint_uri.empty() ? "AWS" : config.endpoint_uri, part_size_);
  return true;
}

bool AwsS3Sink::stop() {
  upload_.reset();  // joins the worker (cancelling what is in flight)
  part_.clear();
  part_.shrink_to_fit();
  return true;
}

bool AwsS3Sink::ready_to_render() {
  // At most two whole parts wait for the worker; a failed upload lets the
  // buffer through so render() can answer ERROR.
  return !upload_ || upload_->failed() || upload_->pending_bytes() < 2 * part_size_;
}

FlowReturn AwsS3Sink::render(const Buffer& buffer) {
  if (!upload_ || upload_->failed()) return FlowReturn::Error;  // already posted
  if (finishing_) return FlowReturn::Eos;
  part_.insert(part_.end(), buffer.data(), buffer.data() + buffer.size());
  if (part_.size() >= part_size_) {
    std::vector<std::uint8_t> full;
    full.swap(part_);
    part_.reserve(part_size_);
    upload_->add_part(std::move(full));
  }
  return FlowReturn::Ok;
}

void AwsS3Sink::on_event(const Event& event) {
  if (event.type() != EventType::Eos || !upload_ || finishing_) return;
  finishing_ = true;
  upload_->finish(std::move(part_));
  part_.clear();
}

bool AwsS3Sink::ready_for_eos() {
  // A failed upload keeps EOS held: the ERROR is what the application sees.
  return !upload_ || upload_->done();
}

}  // namespace gstmini
