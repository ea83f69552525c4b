// ImageEncoder: what pngenc and jpegenc share (GStreamer's GstVideoEncoder
// for intra-only codecs): raw frames in, one image per frame out.
//
// The CAPS event on the sink pad fixes the input format (format, width,
// height, framerate); the encoder answers with its own caps
// ("image/png, width=..., height=..., framerate=..."). Each frame keeps its
// pts, duration and offsets. snapshot=true ends the stream (EOS) after the
// first frame, as GStreamer's encoders do. A buffer smaller than its caps
// say is an error naming the sizes, never a read past its end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "elements/image/raw_video.hpp"
#include "runtime/element.hpp"

namespace gstmini {

class ImageEncoder : public Element {
 public:
  using Element::Element;

  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  QueryResult query(const Pad& pad, Query& query) override;
  bool start() override;

 protected:
  struct Input {
    std::string format;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    RawVideoLayout layout;
  };
  // Encodes one frame laid out as input.layout says into *image. False:
  // *error says why.
  virtual bool encode(const Input& input, const std::uint8_t* pixels,
                      std::vector<std::uint8_t>* image, std::string* error) = 0;
  // "image/png" and any fixed fields of the output caps.
  virtual std::string output_caps_prefix(const Input& input) const = 0;

 private:
  Input input_;
  bool have_input_ = false;
  std::string framerate_ = "0/1";
  std::uint64_t frames_ = 0;
};

}  // namespace gstmini
