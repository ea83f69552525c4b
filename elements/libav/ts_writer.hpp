// TsWriter: libavformat's MPEG-TS muxer writing into memory, one H.264
// stream (CAF-free, no element: mpegtsmux drives it, tests can too).
//
// The muxer writes through a custom AVIOContext whose write callback appends
// to a byte vector; write() muxes one access unit and flushes the AVIO
// buffer, so every byte of that access unit (PES header, 188-byte packets,
// PAT/PMT before a keyframe, PCR) is returned at once and nothing is held
// between calls: libavformat writes video PES packets immediately, and
// av_write_frame (not the interleaving variant) keeps no queue.
//
// Timestamps are nanoseconds of running time, possibly negative for a DTS
// that precedes the stream start (B-frames); the muxer adds its
// mux delay (max_delay, 0.7 s as ffmpeg's CLI) so PCR stays before DTS.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct AVFormatContext;
struct AVIOContext;

namespace gstmini {

class TsWriter {
 public:
  TsWriter() = default;
  ~TsWriter();
  TsWriter(const TsWriter&) = delete;
  TsWriter& operator=(const TsWriter&) = delete;

  // One H.264 (Annex B) video stream of width x height.
  bool open(int width, int height, std::string* error);
  bool is_open() const { return ctx_ != nullptr; }
  // Muxes one access unit; `out` receives the TS packets it produced.
  bool write(const std::uint8_t* data, std::size_t size, std::int64_t pts_ns, std::int64_t dts_ns,
             bool keyframe, std::vector<std::uint8_t>* out, std::string* error);
  // Writes the trailer (nothing is left over for video) and closes.
  bool finish(std::vector<std::uint8_t>* out, std::string* error);
  void close();

 private:
  static int on_write(void* opaque, std::uint8_t* buf, int size);

  AVFormatContext* ctx_ = nullptr;
  AVIOContext* io_ = nullptr;
  bool header_written_ = false;
  std::vector<std::uint8_t> pending_;
};

}  // namespace gstmini
