// ImageDecoder: what pngdec and jpegdec share (the parse mode of
// GStreamer's GstVideoDecoder): bytes in any pieces, whole pictures out.
//
// chain() appends input to an adapter and asks the subclass's scanner where
// the next whole image ends; each whole image is decoded by the subclass
// into a raw frame. Output caps come from the image header
// ("video/x-raw, format=RGB, width=..., framerate=..."); a CAPS event goes
// out before the first frame and whenever the format changes.
//
// Time: a BYTES segment from upstream (filesrc) becomes a TIME segment
// starting at 0. A frame takes the pts of the input buffer its first byte
// came in (timestamped input, e.g. appsrc); else, with a framerate in the
// input caps (multifilesrc caps="image/png,framerate=25/1"), pts n/framerate
// and duration 1/framerate; else the first frame gets pts 0 and later ones
// none, with output framerate 0/1 (a still image), as GStreamer does.
//
// Bad input never crashes and never passes silently: a corrupt image posts
// the subclass's decode error ("Failed to decode PNG image") and returns
// ERROR; a stream ending inside an image, or bytes without any image, post
// an error at EOS.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "elements/image/image_scan.hpp"
#include "runtime/element.hpp"

namespace gstmini {

class ImageDecoder : public Element {
 public:
  using Element::Element;

  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  // CAPS: the pad's own template (the format changes here, nothing to proxy).
  QueryResult query(const Pad& pad, Query& query) override;
  bool start() override;

 protected:
  // One decoded picture: its raw format and a buffer laid out as
  // raw_video_layout(format, width, height) says.
  struct Frame {
    std::string format;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::string caps_extra;  // fields appended to the caps (", colorimetry=...")
    Buffer buffer;
  };
  virtual ScanResult scan(const std::uint8_t* data, std::size_t size) = 0;
  virtual std::size_t scan_parsed() const = 0;  // bytes of a started image
  virtual void reset_scan() = 0;
  // Decodes one whole image. False: *error says why (the debug text).
  virtual bool decode(const std::uint8_t* data, std::size_t size, Frame& frame,
                      std::string* error) = 0;
  // The error message of a failed decode: "Failed to decode PNG image".
  virtual const char* decode_error_message() const = 0;
  // A frame buffer of `size` bytes for decode(): the last frame's memory
  // when downstream has let go of it (a buffer pool of one, as GStreamer's
  // decoders reuse pooled frames), else new zeroed memory. Reuse saves the
  // zero-fill and the page faults of a fresh 25 MB allocation per 4K frame;
  // it is safe because a payload nobody else shares cannot be read by anyone.
  Buffer allocate_frame(std::size_t size);

 private:
  FlowReturn handle_image(const std::uint8_t* data, std::size_t size, Output& out);
  void timestamp(Buffer& frame);
  void reset();

  // The adapter: pending bytes are adapter_[begin_, end). Consumed bytes are
  // dropped in bulk (no erase per image), so every byte is moved O(1) times.
  std::vector<std::uint8_t> adapter_;
  std::size_t begin_ = 0;
  // pts/duration of the input buffer holding the first pending byte.
  ClockTime pending_pts_ = kClockTimeNone;
  ClockTime pending_duration_ = kClockTimeNone;
  ClockTime last_input_pts_ = kClockTimeNone;
  ClockTime last_input_duration_ = kClockTimeNone;

  std::int64_t fps_n_ = 0;
  std::int64_t fps_d_ = 1;
  bool time_segment_pending_ = false;  // a BYTES segment arrived: push a TIME one
  Caps output_caps_;
  Buffer recycled_;  // shares the last pushed frame's memory
  std::uint64_t frames_ = 0;
  std::uint64_t bytes_in_ = 0;
  bool discont_ = true;
};

}  // namespace gstmini
