#include "elements/aws/s3_client.hpp"

#include <curl/curl.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace gstmini::aws {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string sha256_hex(const std::uint8_t* data, std::size_t size) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  static const std::uint8_t kEmpty = 0;
  SHA256(size ? data : &kEmpty, size, digest);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::size_t append_body(char* ptr, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(ptr, size * n);
  return size * n;
}

std::size_t read_header(char* ptr, std::size_t size, std::size_t n, void* user) {
  std::string line(ptr, size * n);
  std::string lower = line.substr(0, 5);
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower == "etag:") {
    std::string value = line.substr(5);
    auto first = value.find_first_not_of(" \t");
    auto last = value.find_last_not_of(" \t\r\n");
    if (first != std::string::npos)
      *static_cast<std::string*>(user) = value.substr(first, last - first + 1);
  }
  return size * n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool>*>(user)->load() ? 1 : 0;
}

bool retryable(const S3Result& r) {
  return r.http_status == 0 || r.http_status >= 500 || r.http_status == 429;
}

// scheme "://" host[:port] and the rest (a path prefix, no trailing '/').
struct Endpoint {
  std::string scheme, host, path;
};
Endpoint split_endpoint(const std::string& uri) {
  Endpoint e;
  auto sep = uri.find("://");
  e.scheme = uri.substr(0, sep);
  std::string rest = uri.substr(sep + 3);
  auto slash = rest.find('/');
  e.host = rest.substr(0, slash);
  if (slash != std::string::npos) e.path = rest.substr(slash);
  while (!e.path.empty() && e.path.back() == '/') e.path.pop_back();
  return e;
}

}  // namespace

void apply_environment(S3Config& config, bool region_from_env) {
  if (config.access_key.empty() && config.secret_access_key.empty()) {
    config.access_key = env("AWS_ACCESS_KEY_ID");
    config.secret_access_key = env("AWS_SECRET_ACCESS_KEY");
    if (config.session_token.empty()) config.session_token = env("AWS_SESSION_TOKEN");
  }
  if (region_from_env) {
    std::string region = env("AWS_REGION");
    if (region.empty()) region = env("AWS_DEFAULT_REGION");
    if (!region.empty()) config.region = region;
  }
}

std::string validate(const S3Config& config) {
  if (config.bucket.empty()) return "no bucket set (property 'bucket')";
  if (config.access_key.empty() || config.secret_access_key.empty())
    return "no AWS credentials: set 'access-key' and 'secret-access-key', or "
           "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
  if (config.region.empty()) return "no region set (property 'region' or AWS_REGION)";
  const std::string& uri = config.endpoint_uri;
  if (!uri.empty() && uri.rfind("http://", 0) != 0 && uri.rfind("https://", 0) != 0)
    return "endpoint-uri '" + uri + "' is not an http:// or https:// URI";
  if (!uri.empty() && split_endpoint(uri).host.empty())
    return "endpoint-uri '" + uri + "' has no host";
  if (config.bucket.find('/') != std::string::npos)
    return "bucket '" + config.bucket + "' contains '/'";
  return {};
}

std::string S3Result::describe() const {
  if (!code.empty() && !message.empty()) return code + ": " + message;
  if (!code.empty()) return code;
  if (http_status) return "HTTP " + std::to_string(http_status);
  return "no answer";
}

std::string xml_element_text(const std::string& xml, const std::string& tag) {
  auto open = xml.find("<" + tag + ">");
  if (open == std::string::npos) return {};
  open += tag.size() + 2;
  auto close = xml.find("</" + tag + ">", open);
  if (close == std::string::npos) return {};
  std::string raw = xml.substr(open, close - open), out;
  static const std::pair<const char*, char> kEntities[] = {
      {"&quot;", '"'}, {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&apos;", '\''}};
  for (std::size_t i = 0; i < raw.size();) {
    bool replaced = false;
    for (const auto& [name, c] : kEntities) {
      std::size_t len = std::char_traits<char>::length(name);
      if (raw.compare(i, len, name) == 0) {
        out += c;
        i += len;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += raw[i++];
  }
  return out;
}

std::string uri_encode_path(const std::string& key) {
  std::string out;
  char hex[4];
  for (unsigned char c : key) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

S3Client::S3Client(S3Config config, RetryObserver on_retry)
    : config_(std::move(config)), on_retry_(std::move(on_retry)) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (config_.endpoint_uri.empty())
    config_.endpoint_uri = "https://s3." + config_.region + ".amazonaws.com";
  curl_ = curl_easy_init();
}

S3Client::~S3Client() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

std::string S3Client::object_url(const std::string& key, const std::string& query) const {
  Endpoint e = split_endpoint(config_.endpoint_uri);
  std::string url = config_.force_path_style
                        ? e.scheme + "://" + e.host + e.path + "/" + config_.bucket
                        : e.scheme + "://" + config_.bucket + "." + e.host + e.path;
  url += "/" + uri_encode_path(key);
  if (!query.empty()) url += "?" + query;
  return url;
}

void S3Client::cancel() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
  }
  cancel_signal_.notify_all();
}

bool S3Client::wait_backoff(unsigned attempt) {
  auto delay = std::chrono::milliseconds(std::min(2000u, 100u << std::min(attempt - 1, 5u)));
  std::unique_lock<std::mutex> lock(mutex_);
  return !cancel_signal_.wait_for(lock, delay, [this] { return cancelled_.load(); });
}

S3Result S3Client::perform(const Request& request) {
  S3Result result;
  for (unsigned n = 1;; ++n) {
    result = attempt(request);
    result.attempts = n;
    if (result.ok || !retryable(result) || cancelled_ || n >= config_.retry_attempts) break;
    if (on_retry_) on_retry_(result, n);
    if (!wait_backoff(n)) break;
  }
  return result;
}

S3Result S3Client::attempt(const Request& request) {
  S3Result result;
  result.url = request.url;
  if (cancelled_) {
    result.code = "cancelled";
    return result;
  }
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);
  curl_slist* headers = nullptr;
  auto add = [&headers](const std::string& h) { headers = curl_slist_append(headers, h.c_str()); };
  add("x-amz-content-sha256: " + sha256_hex(request.body, request.size));
  if (!config_.session_token.empty()) add("x-amz-security-token: " + config_.session_token);
  // curl 7.88 signs every header given here, even the "Name:" form that
  // only removes a header: so no "Expect:" or "Content-Type:" tricks, and an
  // explicit Content-Type (curl's POSTFIELDS default is a form type).
  bool has_type = false;
  for (const auto& [name, value] : request.headers) {
    add(name + ": " + value);
    has_type = has_type || name == "Content-Type";
  }
  if (!has_type) add("Content-Type: application/octet-stream");

  std::string sigv4 = "aws:amz:" + config_.region + ":s3";
  std::string user = config_.access_key + ":" + config_.secret_access_key;
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method);
  curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(curl, CURLOPT_USERPWD, user.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (std::string(request.method) == "PUT" || std::string(request.method) == "POST") {
    // POSTFIELDS keeps the body in memory (no copy) and is what curl hashes.
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.size));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS,
                     request.size ? request.body : reinterpret_cast<const std::uint8_t*>(""));
  } else if (std::string(request.method) == "DELETE") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 0L);
  }
  if (config_.request_timeout_ms >= 0) {
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.request_timeout_ms));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::max<std::int64_t>(1, config_.request_timeout_ms)));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.etag);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &cancelled_);

  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    result.code = cancelled_ ? "cancelled" : curl_easy_strerror(rc);
    result.message = request.url;
    return result;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.http_status);
  // CompleteMultipartUpload may fail with 200 and an <Error> body.
  bool error_body = result.body.find("<Error>") != std::string::npos;
  result.ok = result.http_status >= 200 && result.http_status < 300 && !error_body;
  if (!result.ok) {
    result.code = xml_element_text(result.body, "Code");
    result.message = xml_element_text(result.body, "Message");
    if (error_body && result.http_status < 300) result.http_status = 500;  // retry it
  }
  return result;
}

S3Result S3Client::put_object(const std::string& key, const std::uint8_t* data, std::size_t size,
                              const Headers& headers) {
  return perform({"PUT", object_url(key), headers, data, size});
}

S3Result S3Client::create_multipart_upload(const std::string& key, const Headers& headers,
                                           std::string* upload_id) {
  // Queries are written in SigV4's canonical form (sorted, "name="), as
  // curl 7.88 signs the query string as it is given.
  S3Result r = perform({"POST", object_url(key, "uploads="), headers, nullptr, 0});
  if (r.ok) {
    *upload_id = xml_element_text(r.body, "UploadId");
    if (upload_id->empty()) {
      r.ok = false;
      r.code = "InvalidResponse";
      r.message = "CreateMultipartUpload answered without an UploadId";
    }
  }
  return r;
}

S3Result S3Client::upload_part(const std::string& key, const std::string& upload_id,
                               int part_number, const std::uint8_t* data, std::size_t size) {
  std::string query =
      "partNumber=" + std::to_string(part_number) + "&uploadId=" + uri_encode_path(upload_id);
  return perform({"PUT", object_url(key, query), {}, data, size});
}

S3Result S3Client::complete_multipart_upload(const std::string& key, const std::string& upload_id,
                                             const std::vector<std::string>& etags) {
  std::string xml = "<CompleteMultipartUpload>";
  for (std::size_t i = 0; i < etags.size(); ++i)
    xml += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>" + etags[i] +
           "</ETag></Part>";
  xml += "</CompleteMultipartUpload>";
  return perform({"POST",
                  object_url(key, "uploadId=" + uri_encode_path(upload_id)),
                  {{"Content-Type", "application/xml"}},
                  reinterpret_cast<const std::uint8_t*>(xml.data()),
                  xml.size()});
}

S3Result S3Client::abort_multipart_upload(const std::string& key, const std::string& upload_id) {
  return perform(
      {"DELETE", object_url(key, "uploadId=" + uri_encode_path(upload_id)), {}, nullptr, 0});
}

S3Result S3Client::delete_object(const std::string& key) {
  return perform({"DELETE", object_url(key), {}, nullptr, 0});
}

}  // namespace gstmini::aws
