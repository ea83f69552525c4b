// fakesrc: pushes empty, fixed-size or random-size buffers (GStreamer's
// fakesrc), the workhorse of flow experiments and benchmarks.
//
// gstmini additions: buffer-duration timestamps buffers n * duration (and
// paces a live fakesrc on the clock); the stream is then num-buffers *
// buffer-duration long and seekable, like a file: EOS comes after buffer
// num-buffers - 1 however it was reached. buffers-per-list > 1 pushes buffer
// lists, one round trip for many buffers.
#pragma once

#include <cstdint>
#include <random>

#include "runtime/base_source.hpp"

namespace gstmini {

class FakeSrc : public Source {
 public:
  explicit FakeSrc(std::string name);
  static const ElementClass& element_class();

  FlowReturn create(Buffer& buffer) override;
  ClockTime next_due_time() override;
  bool start() override;
  // Seekable when buffers are timestamped (buffer-duration > 0).
  bool is_seekable() const override { return settings_.duration > 0; }
  bool do_seek(Segment& segment) override;
  ClockTime duration() const override;

 protected:
  FlowReturn fill(Output& out) override;

 private:
  struct Settings {
    std::int64_t sizetype = 1;  // 1 empty, 2 fixed, 3 random
    std::int64_t sizemin = 0;
    std::int64_t sizemax = 4096;
    ClockTime duration = 0;
    std::uint64_t per_list = 1;
    std::int64_t num_buffers = -1;
  };
  Settings settings_;       // read at start()
  std::uint64_t next_ = 0;  // buffers created since start
  std::minstd_rand random_;
};

}  // namespace gstmini
