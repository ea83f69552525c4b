// multifilesrc: reads a numbered series of files, one whole file per buffer
// (GStreamer's multifilesrc): location "img-%05d.png", index from
// start-index, EOS after stop-index or at the first missing file once one
// was read (loop=true starts again at start-index instead).
//
// The caps property says what the files hold ("image/png,framerate=25/1"):
// the source negotiates those caps, and a decoder downstream timestamps the
// frames from the framerate. Buffers carry no timestamps themselves.
//
// Blocking I/O: one create() reads one whole local file, as GStreamer's
// multifilesrc does with g_file_get_contents on its streaming thread; the
// files of such a series are images of bounded size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "elements/file_pattern.hpp"
#include "runtime/base_source.hpp"

namespace gstmini {

class MultiFileSrc : public Source {
 public:
  explicit MultiFileSrc(std::string name);
  static const ElementClass& element_class();

  Caps pad_caps(const Pad& pad) const override { return template_caps_within(pad, "caps"); }
  bool start() override;
  FlowReturn create(Buffer& buffer) override;

 private:
  // The whole file into a buffer (the last one's memory when downstream let
  // go of it and the size matches: looping over same-sized frames then
  // costs no allocation, zero-fill or page faults). False with errno set.
  bool read_file(const std::string& filename, Buffer* buffer);

  struct Settings {
    std::int64_t start_index = 0;
    std::int64_t stop_index = -1;
    bool loop = false;
  };
  Settings settings_;  // read at start()
  std::optional<FilePattern> pattern_;
  std::int64_t index_ = 0;
  std::uint64_t offset_ = 0;
  bool successful_read_ = false;
  Buffer recycled_;  // shares the last pushed buffer's memory
  std::size_t index_property_;
};

}  // namespace gstmini
