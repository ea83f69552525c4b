// S3SegmentStorage: HLS segments and playlist in S3 (the SegmentStorage of
// awss3hlssink), keys "<key-prefix>/<file name>".
//
// The segmenter calls write_segment / write_playlist / remove_segment on the
// sink's actor; none of them blocks: each becomes an operation for the
// storage's worker thread, which runs them one at a time in the order made
// (PutObject, PutObject, DeleteObject...). Because the playlist that first
// names a segment is queued after that segment, and the worker stops at the
// first operation that failed for good, the playlist in S3 never names a
// segment that is not there; a segment is deleted only after a playlist
// without it was uploaded.
//
// The sink bounds the memory with pending_segments() (segments queued and
// not yet uploaded) and holds EOS until idle(). Failures are reported once
// through `error` (from the worker thread: it only posts to the bus); each
// retry through `warning`; `wake` after every operation.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "elements/aws/s3_client.hpp"
#include "elements/hls/hls_storage.hpp"

namespace gstmini::aws {

class S3SegmentStorage : public SegmentStorage {
 public:
  struct Callbacks {
    std::function<void(const std::string& text, const std::string& debug)> error;
    std::function<void(const std::string& text, const std::string& debug)> warning;
    std::function<void()> wake;
  };

  S3SegmentStorage(S3Config config, std::string key_prefix, Headers segment_headers,
                   Headers playlist_headers, Callbacks callbacks);
  // Cancels what is in flight and joins the worker.
  ~S3SegmentStorage() override;

  void write_segment(const std::string& name, const std::vector<std::uint8_t>& bytes) override;
  void write_playlist(const std::string& name, const std::string& text) override;
  void remove_segment(const std::string& name) override;

  std::size_t pending_segments() const;
  bool idle() const;    // nothing queued or running
  bool failed() const;  // an operation failed for good; nothing runs after it
  std::string key_for(const std::string& name) const;

 private:
  enum class Kind { Segment, Playlist, Remove };
  struct Operation {
    Kind kind;
    std::string key;
    std::vector<std::uint8_t> bytes;
  };
  void enqueue(Operation op);
  void run();
  S3Result perform(const Operation& op);

  std::string key_prefix_;
  Headers segment_headers_, playlist_headers_;
  Callbacks callbacks_;
  S3Client client_;

  mutable std::mutex mutex_;
  std::condition_variable work_;
  std::deque<Operation> queue_;
  std::size_t pending_segments_ = 0;
  bool running_op_ = false;
  bool stopping_ = false;
  bool failed_ = false;
  std::thread worker_;  // last: starts once the rest exists
};

}  // namespace gstmini::aws
