// Packing a canvas of 4-byte pixels into a raw video frame (GStreamer's
// pack functions, as videotestsrc uses them).
//
// The canvas holds width x height pixels of (A, R, G, B) for RGB formats or
// (A, Y, U, V) for YUV and gray formats, rows width * 4 bytes apart.
// Subsampled chroma is the rounded mean of the pixels it covers (2 for
// 4:2:2, 2 x 2 for 4:2:0), the last column/row repeated at odd sizes, which
// is what GStreamer's chroma resampler gives for these patterns.
#pragma once

#include <cstdint>

#include "runtime/video/video_info.hpp"

namespace gstmini::video {

// Whether `info`'s canvas is (A, R, G, B), else (A, Y, U, V).
inline bool canvas_is_rgb(const VideoInfo& info) { return info.finfo().is_rgb; }

// Writes every plane of one frame of `info` at `dst` (info.size bytes),
// from canvas row `first_row` (rounded down to even) to the last; the rows
// above are left as they are, as are padding bytes at row ends.
void pack_canvas(const VideoInfo& info, const std::uint8_t* canvas, std::uint8_t* dst,
                 int first_row = 0);

}  // namespace gstmini::video
