// The connection properties awss3sink and awss3hlssink share (names,
// defaults and blurbs from gst-plugins-rs' aws plugin), and the S3Config
// an element builds from them at start.
#pragma once

#include <limits>
#include <vector>

#include "elements/aws/s3_client.hpp"
#include "runtime/element.hpp"

namespace gstmini::aws {

inline constexpr const char* kDefaultRegion = "us-west-2";

inline void add_connection_properties(std::vector<PropertySpec>& p) {
  p.push_back(PropertySpec::string("region", kDefaultRegion, "An AWS region (e.g. eu-west-2)."));
  p.push_back(PropertySpec::string("access-key", "", "AWS Access Key"));
  p.push_back(PropertySpec::string("secret-access-key", "", "AWS Secret Access Key"));
  p.push_back(PropertySpec::string("session-token", "", "AWS temporary Session Token from STS"));
  p.push_back(PropertySpec::string("endpoint-uri", "", "The S3 endpoint URI to use"));
  p.push_back(PropertySpec::boolean("force-path-style", false,
                                    "Force client to use path-style addressing for buckets"));
  p.push_back(PropertySpec::uint64(
      "retry-attempts", 5, 1, 10,
      "Number of times AWS SDK attempts a request before abandoning the request"));
  p.push_back(
      PropertySpec::integer("request-timeout", 15000, -1, std::numeric_limits<std::int64_t>::max(),
                            "Timeout for general S3 requests (in ms, set to -1 for infinity)"));
}

// From the properties, completed by the AWS environment variables; the
// region comes from AWS_REGION / AWS_DEFAULT_REGION only while the property
// is at its default.
inline S3Config config_from_properties(const Element& element) {
  S3Config c;
  c.bucket = element.get<std::string>("bucket");
  c.region = element.get<std::string>("region");
  c.access_key = element.get<std::string>("access-key");
  c.secret_access_key = element.get<std::string>("secret-access-key");
  c.session_token = element.get<std::string>("session-token");
  c.endpoint_uri = element.get<std::string>("endpoint-uri");
  c.force_path_style = element.get<bool>("force-path-style");
  c.retry_attempts = static_cast<unsigned>(element.get<std::uint64_t>("retry-attempts"));
  c.request_timeout_ms = element.get<std::int64_t>("request-timeout");
  apply_environment(c, c.region == kDefaultRegion);
  return c;
}

}  // namespace gstmini::aws
