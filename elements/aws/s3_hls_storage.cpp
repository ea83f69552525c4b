#include "elements/aws/s3_hls_storage.hpp"

namespace gstmini::aws {

namespace {
std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}
}  // namespace

S3SegmentStorage::S3SegmentStorage(S3Config config, std::string key_prefix, Headers segment_headers,
                                   Headers playlist_headers, Callbacks callbacks)
    : key_prefix_(std::move(key_prefix)),
      segment_headers_(std::move(segment_headers)),
      playlist_headers_(std::move(playlist_headers)),
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

S3SegmentStorage::~S3SegmentStorage() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  client_.cancel();
  work_.notify_all();
  worker_.join();
}

std::string S3SegmentStorage::key_for(const std::string& name) const {
  std::string prefix = key_prefix_;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return prefix.empty() ? base_name(name) : prefix + "/" + base_name(name);
}

void S3SegmentStorage::write_segment(const std::string& name,
                                     const std::vector<std::uint8_t>& bytes) {
  enqueue({Kind::Segment, key_for(name), bytes});
}

void S3SegmentStorage::write_playlist(const std::string& name, const std::string& text) {
  enqueue({Kind::Playlist, key_for(name), std::vector<std::uint8_t>(text.begin(), text.end())});
}

void S3SegmentStorage::remove_segment(const std::string& name) {
  enqueue({Kind::Remove, key_for(name), {}});
}

void S3SegmentStorage::enqueue(Operation op) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (failed_) return;  // nothing runs after a failure
    if (op.kind == Kind::Segment) ++pending_segments_;
    queue_.push_back(std::move(op));
  }
  work_.notify_one();
}

std::size_t S3SegmentStorage::pending_segments() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return pending_segments_;
}

bool S3SegmentStorage::idle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.empty() && !running_op_;
}

bool S3SegmentStorage::failed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failed_;
}

void S3SegmentStorage::run() {
  for (;;) {
    Operation op;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      op = std::move(queue_.front());
      queue_.pop_front();
      running_op_ = true;
    }
    S3Result result = perform(op);
    bool report = !result.ok && !client_.cancelled();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      running_op_ = false;
      if (op.kind == Kind::Segment) --pending_segments_;
      if (report) {
        failed_ = true;
        queue_.clear();
        pending_segments_ = 0;
      }
    }
    if (report && callbacks_.error)
      callbacks_.error(
          std::string(op.kind == Kind::Remove ? "DeleteObject" : "PutObject") + " of s3://" +
              client_.config().bucket + "/" + op.key + " failed: " + result.describe(),
          (result.http_status ? "HTTP " + std::to_string(result.http_status)
                              : std::string("no HTTP answer")) +
              " from " + result.url + " after " + std::to_string(result.attempts) + " attempt(s)");
    if (callbacks_.wake) callbacks_.wake();
    if (report) return;
  }
}

S3Result S3SegmentStorage::perform(const Operation& op) {
  switch (op.kind) {
    case Kind::Segment:
      return client_.put_object(op.key, op.bytes.data(), op.bytes.size(), segment_headers_);
    case Kind::Playlist:
      return client_.put_object(op.key, op.bytes.data(), op.bytes.size(), playlist_headers_);
    case Kind::Remove:
      break;
  }
  return client_.delete_object(op.key);
}

}  // namespace gstmini::aws
