// ObjectUpload: one S3 object written in the background, as S3 multipart
// upload parts (or one PutObject when the whole object is smaller than a
// part), by a worker thread the upload owns.
//
// The element's actor hands over whole parts (add_part) and the tail at EOS
// (finish); the worker runs the blocking S3 calls in order and never touches
// the element: it reports through the Callbacks (from its own thread), which
// only post to the bus (thread-safe) and wake the element's actor. Everything
// the two threads share is behind `mutex_`.
//
// Bounded memory: pending_bytes() counts the parts handed over and not yet
// uploaded; the element stops accepting data while it is above its limit, so
// back-pressure reaches upstream instead of memory growing.
//
// On a request that failed for good the worker stops, applies on-error to
// the multipart upload (abort it, complete it with the parts so far, or
// leave it) and reports the error; later parts are dropped (the element
// returns ERROR upstream from then on).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "elements/aws/s3_client.hpp"

namespace gstmini::aws {

enum class OnError { Abort = 0, Complete = 1, Nothing = 2 };  // gst-plugins-rs' GstS3SinkOnError

class ObjectUpload {
 public:
  struct Callbacks {
    std::function<void(const std::string& text, const std::string& debug)> error;
    std::function<void(const std::string& text, const std::string& debug)> warning;
    std::function<void()> wake;  // pending bytes dropped, or the upload ended
  };

  ObjectUpload(S3Config config, std::string key, Headers headers, OnError on_error,
               Callbacks callbacks);
  // Stops the worker: cancels the request in progress; a multipart upload
  // not completed is aborted if on-error=abort (one try, bounded timeout).
  ~ObjectUpload();
  ObjectUpload(const ObjectUpload&) = delete;
  ObjectUpload& operator=(const ObjectUpload&) = delete;

  // A full part (>= 5 MiB, S3's minimum for all parts but the last).
  void add_part(std::vector<std::uint8_t> data);
  // The last bytes (may be empty); the object is complete once done().
  void finish(std::vector<std::uint8_t> tail);

  std::size_t pending_bytes() const;
  bool done() const;        // finished and uploaded
  bool failed() const;      // a request failed for good (reported once)
  std::string url() const;  // "s3://bucket/key"

 private:
  struct Task {
    bool last;
    std::vector<std::uint8_t> data;
  };
  void run();
  bool upload(Task& task);  // false on a final failure
  bool ensure_multipart();
  void fail(const std::string& what, const S3Result& result);
  void apply_on_error();

  std::string key_;
  Headers headers_;
  OnError on_error_;
  Callbacks callbacks_;
  S3Client client_;  // used by the worker only (cancel(): any thread)

  // Worker-only state.
  std::string upload_id_;
  std::vector<std::string> etags_;
  bool completed_ = false;

  mutable std::mutex mutex_;
  std::condition_variable work_;
  std::deque<Task> tasks_;
  std::size_t pending_bytes_ = 0;
  bool stopping_ = false;
  bool done_ = false;
  bool failed_ = false;
  std::thread worker_;  // last: started once everything above exists
};

}  // namespace gstmini::aws
