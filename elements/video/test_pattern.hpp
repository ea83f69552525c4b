// The pictures videotestsrc paints (gst/videotestsrc/videotestsrc.c).
//
// A frame is painted line by line into one reused line of 4-byte pixels,
// (A, R, G, B) for RGB formats or (A, Y, U, V) for YUV and gray, each line
// copied into a canvas, and the canvas packed into the negotiated format
// (video_pack.hpp). Like GStreamer's painter, the line is not cleared
// between rows: a region a row leaves unpainted keeps the row above's
// pixels (this shows at tiny sizes only). Colours are the bars of BT.601
// for YUV up to 576 lines and gray, BT.709 above; RGB formats get the RGB
// values. Snow and the smpte noise use GStreamer's linear congruential
// generator, seeded 0 at start, so the frames match bit for bit.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/video/video_info.hpp"

namespace gstmini::video {

// GstVideoTestSrcPattern, same values.
enum class Pattern {
  Smpte = 0,
  Snow = 1,
  Black = 2,
  White = 3,
  Red = 4,
  Green = 5,
  Blue = 6,
  Checkers1 = 7,
  Checkers2 = 8,
  Checkers4 = 9,
  Checkers8 = 10,
  Smpte75 = 13,
  SolidColor = 17,
  Ball = 18,
  Smpte100 = 19,
  Bar = 20,
  Gradient = 23,
  Colors = 24,
};

struct PaintColor {
  std::uint8_t a, r, g, b, y, u, v;
};

struct PatternSettings {
  Pattern pattern = Pattern::Smpte;
  std::uint32_t foreground = 0xffffffff;  // big-endian ARGB
  std::uint32_t background = 0xff000000;
  int horizontal_speed = 0;
};

class PatternPainter {
 public:
  // A new stream: the random generator starts over.
  void reset() { random_state_ = 0; }
  // Paints frame number `n` of `info` into `dst` (info.size bytes).
  // `dst_has_last` says dst already holds the last frame painted: only the
  // rows that changed are written then.
  void paint(const VideoInfo& info, const PatternSettings& settings, std::uint64_t n,
             std::uint8_t* dst, bool dst_has_last = false);
  // True when frame n of the pattern is the same picture as frame 0 (the
  // source may then reuse it).
  static bool is_static(const PatternSettings& settings);

 private:
  void setup(const VideoInfo& info, const PatternSettings& settings);
  void fill(int x1, int x2, const PaintColor& c);
  // blend(a, b, t) per pixel of [x1, x2): t = 255 is `a`, t = 0 is `b`.
  void blend(int x1, int x2, const PaintColor& a, const PaintColor& b);
  void emit(int row);  // the line becomes canvas row `row` (rotated by the speed)
  std::uint8_t random_char();

  void smpte();
  void smpte_bottom(int first_row);  // the -I/white/+Q, pluge and noise rows
  void bars(const PaintColor* colors);
  void unicolor(const PaintColor& c);
  void snow();
  void checkers(int size);
  void ball(std::uint64_t n);
  void gradient();
  void colors();
  void bar();

  bool rgb_ = false;
  int w_ = 0, h_ = 0;
  int x_offset_ = 0;
  const PaintColor* table_ = nullptr;  // 100% bars
  const PaintColor* table75_ = nullptr;
  PaintColor fg_{}, bg_{};
  std::vector<std::uint8_t> line_;  // (w + 5) pixels, 4 bytes each
  std::vector<std::uint8_t> mask_;  // per-pixel blend factors
  std::vector<std::uint8_t> canvas_;
  std::uint32_t random_state_ = 0;
  // The canvas still holds the last frame of the same format and settings
  // (smpte then repaints only its noise rows).
  bool canvas_valid_ = false;
  int first_changed_row_ = 0;  // rows above it are as in the last frame
  VideoInfo canvas_info_;
  PatternSettings canvas_settings_;
};

}  // namespace gstmini::video
