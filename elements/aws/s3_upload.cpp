#include "elements/aws/s3_upload.hpp"

#include <algorithm>

namespace gstmini::aws {

namespace {
// S3 numbers parts 1..10000.
constexpr std::size_t kMaxParts = 10000;
// Abort at teardown: one try, not longer than this (it runs while the
// element stops).
constexpr std::int64_t kTeardownAbortTimeoutMs = 2000;
}  // namespace

ObjectUpload::ObjectUpload(S3Config config, std::string key, Headers headers, OnError on_error,
                           Callbacks callbacks)
    : key_(std::move(key)),
      headers_(std::move(headers)),
      on_error_(on_error),
      callbacks_(std::move(callbacks)),
      client_(std::move(config),
              [this](const S3Result& failed, unsigned attempt) {
                if (callbacks_.warning)
                  callbacks_.warning("S3 request failed, retrying (attempt " +
                                         std::to_string(attempt + 1) + " of " +
                                         std::to_string(client_.config().retry_attempts) +
                                         "): " + failed.describe(),
                                     failed.url);
              }),
      worker_([this] { run(); }) {}

ObjectUpload::~ObjectUpload() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  client_.cancel();
  work_.notify_all();
  worker_.join();
  if (!upload_id_.empty() && !completed_ && !failed() && on_error_ == OnError::Abort) {
    S3Config config = client_.config();
    config.retry_attempts = 1;
    config.request_timeout_ms = config.request_timeout_ms < 0
                                    ? kTeardownAbortTimeoutMs
                                    : std::min(config.request_timeout_ms, kTeardownAbortTimeoutMs);
    S3Client(config).abort_multipart_upload(key_, upload_id_);
  }
}

std::string ObjectUpload::url() const { return "s3://" + client_.config().bucket + "/" + key_; }

void ObjectUpload::add_part(std::vector<std::uint8_t> data) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_bytes_ += data.size();
    tasks_.push_back({false, std::move(data)});
  }
  work_.notify_one();
}

void ObjectUpload::finish(std::vector<std::uint8_t> tail) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_bytes_ += tail.size();
    tasks_.push_back({true, std::move(tail)});
  }
  work_.notify_one();
}

std::size_t ObjectUpload::pending_bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return pending_bytes_;
}

bool ObjectUpload::done() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return done_;
}

bool ObjectUpload::failed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failed_;
}

void ObjectUpload::run() {
  for (;;) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (stopping_) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    bool ok = upload(task);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      pending_bytes_ -= task.data.size();
      if (!ok) {
        tasks_.clear();
        pending_bytes_ = 0;
      }
      if (ok && task.last) done_ = true;
    }
    if (callbacks_.wake) callbacks_.wake();
    if (!ok || task.last) return;
  }
}

bool ObjectUpload::upload(Task& task) {
  if (task.last && upload_id_.empty()) {  // smaller than a part: one PutObject
    S3Result r = client_.put_object(key_, task.data.data(), task.data.size(), headers_);
    if (!r.ok) fail("PutObject", r);
    return r.ok;
  }
  if (!ensure_multipart()) return false;
  if (!task.data.empty()) {
    if (etags_.size() >= kMaxParts) {
      S3Result r;
      r.code = "TooManyParts";
      r.message = "more than 10000 parts: raise part-size";
      fail("UploadPart", r);
      return false;
    }
    int number = static_cast<int>(etags_.size()) + 1;
    S3Result r = client_.upload_part(key_, upload_id_, number, task.data.data(), task.data.size());
    if (!r.ok) {
      fail("UploadPart " + std::to_string(number), r);
      return false;
    }
    etags_.push_back(r.etag);
  }
  if (!task.last) return true;
  S3Result r = client_.complete_multipart_upload(key_, upload_id_, etags_);
  if (!r.ok) {
    fail("CompleteMultipartUpload", r);
    return false;
  }
  completed_ = true;
  return true;
}

bool ObjectUpload::ensure_multipart() {
  if (!upload_id_.empty()) return true;
  S3Result r = client_.create_multipart_upload(key_, headers_, &upload_id_);
  if (!r.ok) fail("CreateMultipartUpload", r);
  return r.ok;
}

void ObjectUpload::fail(const std::string& what, const S3Result& result) {
  if (client_.cancelled()) return;  // stopping: not an error of the stream
  apply_on_error();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    failed_ = true;
  }
  if (callbacks_.error)
    callbacks_.error(what + " of " + url() + " failed: " + result.describe(),
                     (result.http_status ? "HTTP " + std::to_string(result.http_status)
                                         : std::string("no HTTP answer")) +
                         " from " + result.url + " after " + std::to_string(result.attempts) +
                         " attempt(s)");
}

void ObjectUpload::apply_on_error() {
  if (upload_id_.empty() || completed_) return;
  if (on_error_ == OnError::Abort) {
    client_.abort_multipart_upload(key_, upload_id_);
    upload_id_.clear();
  } else if (on_error_ == OnError::Complete && !etags_.empty()) {
    completed_ = client_.complete_multipart_upload(key_, upload_id_, etags_).ok;
  }
}

}  // namespace gstmini::aws
