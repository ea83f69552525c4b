// S3Client: the few S3 calls the aws elements make (PutObject, the multipart
// upload calls, DeleteObject), over libcurl. No CAF, no element: a plain
// blocking client, used only from a worker thread an element owns (DESIGN
// invariant 3: blocking network I/O never runs on an actor).
//
// Signing is libcurl's (CURLOPT_AWS_SIGV4 "aws:amz:<region>:s3"); this file
// never computes a signature. S3 also wants the x-amz-content-sha256 header,
// which curl 7.88 does not add: every request sends the SHA-256 of its body
// (OpenSSL), the same value curl hashes into the signature, so the request is
// valid whichever of the two curl signs.
//
// Retries: a request that got no HTTP answer (connection refused, timeout,
// reset) or a 5xx/429 is tried again after 100 ms, 200 ms, ... (doubling, at
// most 2 s), up to retry_attempts tries in all. 4xx answers are final.
// cancel() makes the request in progress and every later one fail at once.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace gstmini::aws {

struct S3Config {
  std::string bucket;
  std::string region = "us-west-2";
  std::string endpoint_uri;  // empty: https://s3.<region>.amazonaws.com
  std::string access_key;
  std::string secret_access_key;
  std::string session_token;
  bool force_path_style = false;
  std::int64_t request_timeout_ms = 15000;  // per attempt; -1: none
  unsigned retry_attempts = 5;              // tries in all, >= 1
};

// Credentials and region missing from `config` are taken from the standard
// environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
// AWS_REGION / AWS_DEFAULT_REGION (the latter only if `region_from_env`).
void apply_environment(S3Config& config, bool region_from_env);
// Empty if `config` can be used, else what is wrong, in words a user acts on.
std::string validate(const S3Config& config);

struct S3Result {
  bool ok = false;
  long http_status = 0;  // 0: no HTTP answer
  std::string code;      // S3's <Code>, or curl's error text without an answer
  std::string message;   // S3's <Message>
  std::string body;
  std::string etag;  // ETag header (PutObject, UploadPart)
  std::string url;
  unsigned attempts = 0;
  // "NoSuchBucket: The specified bucket does not exist"
  std::string describe() const;
};

// Headers stored with the object (Content-Type, x-amz-acl, ...).
using Headers = std::vector<std::pair<std::string, std::string>>;

class S3Client {
 public:
  // Called before each retry with the failed attempt (any thread: the
  // client's own). May be empty.
  using RetryObserver = std::function<void(const S3Result& failed, unsigned attempt)>;

  explicit S3Client(S3Config config, RetryObserver on_retry = {});
  ~S3Client();
  S3Client(const S3Client&) = delete;
  S3Client& operator=(const S3Client&) = delete;

  const S3Config& config() const { return config_; }
  // Path-style http(s)://host/bucket/key or virtual-hosted
  // http(s)://bucket.host/key; `query` is appended after '?' as given.
  std::string object_url(const std::string& key, const std::string& query = {}) const;

  S3Result put_object(const std::string& key, const std::uint8_t* data, std::size_t size,
                      const Headers& headers);
  S3Result create_multipart_upload(const std::string& key, const Headers& headers,
                                   std::string* upload_id);
  S3Result upload_part(const std::string& key, const std::string& upload_id, int part_number,
                       const std::uint8_t* data, std::size_t size);
  S3Result complete_multipart_upload(const std::string& key, const std::string& upload_id,
                                     const std::vector<std::string>& etags);
  S3Result abort_multipart_upload(const std::string& key, const std::string& upload_id);
  S3Result delete_object(const std::string& key);

  // Any thread: the request in progress and all later ones fail ("cancelled").
  void cancel();
  void reset_cancel() { cancelled_ = false; }
  bool cancelled() const { return cancelled_; }

 private:
  struct Request {
    const char* method;
    std::string url;
    Headers headers;
    const std::uint8_t* body = nullptr;
    std::size_t size = 0;
  };
  S3Result perform(const Request& request);  // with retries
  S3Result attempt(const Request& request);  // one try
  bool wait_backoff(unsigned attempt);       // false if cancelled meanwhile

  S3Config config_;
  RetryObserver on_retry_;
  void* curl_ = nullptr;  // CURL*, reused: keeps the connection alive
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;
  std::condition_variable cancel_signal_;
};

// The text of the first <tag>...</tag> in `xml`, entities decoded ("" if none).
std::string xml_element_text(const std::string& xml, const std::string& tag);
// Key bytes percent-encoded for a URL path ('/' and unreserved characters kept).
std::string uri_encode_path(const std::string& key);

}  // namespace gstmini::aws
