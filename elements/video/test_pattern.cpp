#include "elements/video/test_pattern.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "elements/video/video_pack.hpp"

namespace gstmini::video {

namespace {

using Byte = std::uint8_t;

// Bar colours, in this order (videotestsrc's colour indices).
enum {
  kWhite,
  kYellow,
  kCyan,
  kGreen,
  kMagenta,
  kRed,
  kBlue,
  kBlack,
  kNegI,
  kPosQ,
  kSuperBlack,
  kDarkGrey
};

// {A, R, G, B, Y, U, V}: the studio-range bar values of BT.601 / BT.709.
constexpr PaintColor kBt601[] = {
    {255, 255, 255, 255, 235, 128, 128}, {255, 255, 255, 0, 210, 16, 146},
    {255, 0, 255, 255, 170, 166, 16},    {255, 0, 255, 0, 145, 54, 34},
    {255, 255, 0, 255, 106, 202, 222},   {255, 255, 0, 0, 81, 90, 240},
    {255, 0, 0, 255, 41, 240, 110},      {255, 0, 0, 0, 16, 128, 128},
    {255, 0, 0, 128, 16, 198, 21},       {255, 0, 128, 255, 16, 235, 198},
    {255, 0, 0, 0, 0, 128, 128},         {255, 19, 19, 19, 32, 128, 128},
};
constexpr PaintColor kBt709[] = {
    {255, 255, 255, 255, 235, 128, 128}, {255, 255, 255, 0, 219, 16, 138},
    {255, 0, 255, 255, 188, 154, 16},    {255, 0, 255, 0, 173, 42, 26},
    {255, 255, 0, 255, 78, 214, 230},    {255, 255, 0, 0, 63, 102, 240},
    {255, 0, 0, 255, 32, 240, 118},      {255, 0, 0, 0, 16, 128, 128},
    {255, 0, 0, 128, 16, 198, 21},       {255, 0, 128, 255, 16, 235, 198},
    {255, 0, 0, 0, 0, 128, 128},         {255, 19, 19, 19, 32, 128, 128},
};
constexpr PaintColor kBt601_75[] = {
    {255, 191, 191, 191, 180, 128, 128}, {255, 191, 191, 0, 162, 44, 142},
    {255, 0, 191, 191, 131, 156, 44},    {255, 0, 191, 0, 112, 72, 58},
    {255, 191, 0, 191, 84, 184, 198},    {255, 191, 0, 0, 65, 100, 212},
    {255, 0, 0, 191, 35, 212, 114},      {255, 0, 0, 0, 16, 128, 128},
};
constexpr PaintColor kBt709_75[] = {
    {255, 191, 191, 191, 180, 128, 128}, {255, 191, 191, 0, 168, 44, 136},
    {255, 0, 191, 191, 145, 147, 44},    {255, 0, 191, 0, 133, 63, 52},
    {255, 191, 0, 191, 63, 193, 204},    {255, 191, 0, 0, 51, 109, 212},
    {255, 0, 0, 191, 28, 212, 120},      {255, 0, 0, 0, 16, 128, 128},
};

// Full-range RGB to studio-range YCbCr in 10-bit fixed point, rounded the
// way videotestsrc converts its foreground/background colours.
int fix(double x) { return static_cast<int>(x * 1024 + 0.5); }

PaintColor from_argb(std::uint32_t argb, bool bt709) {
  const int a = static_cast<int>((argb >> 24) & 0xff), r = static_cast<int>((argb >> 16) & 0xff),
            g = static_cast<int>((argb >> 8) & 0xff), b = static_cast<int>(argb & 0xff);
  const double kr = bt709 ? 0.2126 : 0.299, kg = bt709 ? 0.7152 : 0.587,
               kb = bt709 ? 0.0722 : 0.114;
  const double ur = bt709 ? 0.114572 : 0.16874, ug = bt709 ? 0.385427 : 0.33126;
  const double vg = bt709 ? 0.454153 : 0.41869, vb = bt709 ? 0.045847 : 0.08131;
  const double ys = 219.0 / 255.0, cs = 224.0 / 255.0;
  const int y = (fix(kr * ys) * r + fix(kg * ys) * g + fix(kb * ys) * b + 512 + (16 << 10)) >> 10;
  const int u = ((-fix(ur * cs) * r - fix(ug * cs) * g + fix(0.5 * cs) * b + 511) >> 10) + 128;
  const int v = ((fix(0.5 * cs) * r - fix(vg * cs) * g - fix(vb * cs) * b + 511) >> 10) + 128;
  auto byte = [](int x) { return static_cast<Byte>(std::clamp(x, 0, 255)); };
  return {byte(a), byte(r), byte(g), byte(b), byte(y), byte(u), byte(v)};
}

Byte div255_blend(int a, int b, int t) {
  const int x = a * t + b * (255 - t);
  return static_cast<Byte>((x + ((x + 128) >> 8) + 128) >> 8);
}

}  // namespace

bool PatternPainter::is_static(const PatternSettings& s) {
  if (s.horizontal_speed != 0) return false;
  return s.pattern != Pattern::Smpte && s.pattern != Pattern::Snow && s.pattern != Pattern::Ball;
}

std::uint8_t PatternPainter::random_char() {
  random_state_ *= 1103515245u;
  random_state_ += 12345u;
  return static_cast<Byte>((random_state_ >> 16) & 0xff);
}

void PatternPainter::setup(const VideoInfo& info, const PatternSettings& s) {
  rgb_ = canvas_is_rgb(info);
  w_ = info.width;
  h_ = info.height;
  // GStreamer's default colorimetry: BT.709 for YUV above 576 lines.
  const bool bt709 = info.finfo().is_yuv && info.height > 576;
  table_ = bt709 ? kBt709 : kBt601;
  table75_ = bt709 ? kBt709_75 : kBt601_75;
  fg_ = from_argb(s.foreground, bt709);
  bg_ = from_argb(s.background, bt709);
  const auto w = static_cast<std::size_t>(w_);
  if (line_.size() != (w + 5) * 4) line_.assign((w + 5) * 4, 0);
  mask_.resize(w);
  canvas_.resize(w * static_cast<std::size_t>(h_) * 4);
}

void PatternPainter::fill(int x1, int x2, const PaintColor& c) {
  const Byte px[4] = {c.a, rgb_ ? c.r : c.y, rgb_ ? c.g : c.u, rgb_ ? c.b : c.v};
  for (int x = std::max(0, x1); x < std::min(x2, w_); ++x)
    std::memcpy(&line_[static_cast<std::size_t>(x) * 4], px, 4);
}

void PatternPainter::blend(int x1, int x2, const PaintColor& a, const PaintColor& b) {
  const int ac[4] = {a.a, rgb_ ? a.r : a.y, rgb_ ? a.g : a.u, rgb_ ? a.b : a.v};
  const int bc[4] = {b.a, rgb_ ? b.r : b.y, rgb_ ? b.g : b.u, rgb_ ? b.b : b.v};
  for (int x = std::max(0, x1); x < std::min(x2, w_); ++x) {
    const auto i = static_cast<std::size_t>(x);
    for (std::size_t k = 0; k < 4; ++k) line_[i * 4 + k] = div255_blend(ac[k], bc[k], mask_[i]);
  }
}

void PatternPainter::emit(int row) {
  const auto w = static_cast<std::size_t>(w_);
  Byte* dst = &canvas_[static_cast<std::size_t>(row) * w * 4];
  const auto x = static_cast<std::size_t>(x_offset_);
  // Scrolled left by x pixels: the line starts at its pixel x.
  std::memcpy(dst, &line_[x * 4], (w - x) * 4);
  if (x) std::memcpy(dst + (w - x) * 4, line_.data(), x * 4);
}

void PatternPainter::paint(const VideoInfo& info, const PatternSettings& s, std::uint64_t n,
                           std::uint8_t* dst, bool dst_has_last) {
  canvas_valid_ = canvas_valid_ && info == canvas_info_ && s.pattern == canvas_settings_.pattern &&
                  s.foreground == canvas_settings_.foreground &&
                  s.background == canvas_settings_.background && s.horizontal_speed == 0 &&
                  canvas_settings_.horizontal_speed == 0;
  canvas_info_ = info;
  canvas_settings_ = s;
  const bool had_last = canvas_valid_ && dst_has_last;
  first_changed_row_ = 0;
  setup(info, s);
  const long long speed_offset =
      static_cast<long long>(s.horizontal_speed) * static_cast<long long>(n);
  x_offset_ = static_cast<int>(speed_offset % w_);
  if (x_offset_ < 0) x_offset_ += w_;
  switch (s.pattern) {
    case Pattern::Smpte:
      smpte();
      break;
    case Pattern::Smpte75:
      bars(table75_);
      break;
    case Pattern::Smpte100:
      bars(table_);
      break;
    case Pattern::Snow:
      snow();
      break;
    case Pattern::Black:
      unicolor(bg_);
      break;
    case Pattern::White:
      unicolor(fg_);
      break;
    case Pattern::Red:
      unicolor(table_[kRed]);
      break;
    case Pattern::Green:
      unicolor(table_[kGreen]);
      break;
    case Pattern::Blue:
      unicolor(table_[kBlue]);
      break;
    case Pattern::SolidColor:
      unicolor(fg_);
      break;
    case Pattern::Checkers1:
      checkers(1);
      break;
    case Pattern::Checkers2:
      checkers(2);
      break;
    case Pattern::Checkers4:
      checkers(4);
      break;
    case Pattern::Checkers8:
      checkers(8);
      break;
    case Pattern::Ball:
      ball(n);
      break;
    case Pattern::Gradient:
      gradient();
      break;
    case Pattern::Colors:
      colors();
      break;
    case Pattern::Bar:
      bar();
      break;
  }
  pack_canvas(info, canvas_.data(), dst, had_last ? first_changed_row_ : 0);
  canvas_valid_ = true;
}

void PatternPainter::smpte() {
  const int w = w_, h = h_;
  const int y1 = 2 * h / 3, y2 = 3 * h / 4;
  // Only the noise changes from frame to frame: the bars above it (and the
  // line's pixels they leave behind) are as the last frame painted them.
  if (canvas_valid_) {
    first_changed_row_ = y2;
    return smpte_bottom(y2);
  }
  for (int j = 0; j < y1; ++j) {
    for (int i = 0; i < 7; ++i) fill(i * w / 7, (i + 1) * w / 7, table_[i]);
    emit(j);
  }
  // Reverse blue bars: blue, black, magenta, black, cyan, black, white.
  for (int j = y1; j < y2; ++j) {
    for (int i = 0; i < 7; ++i) fill(i * w / 7, (i + 1) * w / 7, table_[(i & 1) ? kBlack : 6 - i]);
    emit(j);
  }
  smpte_bottom(y2);
}

void PatternPainter::smpte_bottom(int y2) {
  const int w = w_, h = h_;
  static constexpr int kLeft[] = {kNegI, kWhite, kPosQ};
  static constexpr int kPluge[] = {kSuperBlack, kBlack, kDarkGrey};
  for (int j = y2; j < h; ++j) {
    for (int i = 0; i < 3; ++i) fill(i * w / 6, (i + 1) * w / 6, table_[kLeft[i]]);
    for (int i = 0; i < 3; ++i)
      fill(w / 2 + i * w / 12, w / 2 + (i + 1) * w / 12, table_[kPluge[i]]);
    for (int x = w * 3 / 4; x < w; ++x) mask_[static_cast<std::size_t>(x)] = random_char();
    blend(w * 3 / 4, w, fg_, bg_);
    emit(j);
  }
}

void PatternPainter::bars(const PaintColor* colors) {
  for (int j = 0; j < h_; ++j) {
    for (int i = 0; i < 7; ++i) fill(i * w_ / 7, (i + 1) * w_ / 7, colors[i]);
    emit(j);
  }
}

void PatternPainter::unicolor(const PaintColor& c) {
  fill(0, w_, c);
  for (int j = 0; j < h_; ++j) emit(j);
}

void PatternPainter::snow() {
  for (int j = 0; j < h_; ++j) {
    for (int x = 0; x < w_; ++x) mask_[static_cast<std::size_t>(x)] = random_char();
    blend(0, w_, fg_, bg_);
    emit(j);
  }
}

void PatternPainter::checkers(int size) {
  for (int y = 0; y < h_; ++y) {
    for (int x = 0; x < w_; x += size) fill(x, x + size, table_[((x ^ y) & size) ? kGreen : kRed]);
    emit(y);
  }
}

void PatternPainter::ball(std::uint64_t n) {
  // animation-mode=frames, motion=wavy: the ball's centre follows two sines.
  const int radius = 20;
  const double rad = 2 * M_PI * (static_cast<double>(n) / 200);
  const double x = radius + (0.5 + 0.5 * std::sin(rad)) * (w_ - 2 * radius);
  const double y = radius + (0.5 + 0.5 * std::sin(rad * std::sqrt(2.0))) * (h_ - 2 * radius);
  for (int i = 0; i < h_; ++i) {
    std::fill(mask_.begin(), mask_.end(), Byte{0});
    if (i >= y - radius && i <= y + radius) {
      const double o = std::max(0.0, radius * radius - (i - y) * (i - y));
      const int r = static_cast<int>(std::rint(std::sqrt(o)));
      const int x1 = static_cast<int>(std::max(0.0, x - r));
      const int x2 = static_cast<int>(std::min(static_cast<double>(w_), x + r + 1));
      for (int j = x1; j < x2; ++j) {
        const double rr = 0.5 * (radius - std::sqrt((j - x) * (j - x) + (i - y) * (i - y)));
        mask_[static_cast<std::size_t>(j)] =
            static_cast<Byte>(std::clamp(static_cast<int>(std::floor(256 * rr)), 0, 255));
      }
    }
    blend(0, w_, fg_, bg_);
    emit(i);
  }
}

void PatternPainter::gradient() {
  for (int j = 0; j < h_; ++j) {
    std::fill(mask_.begin(), mask_.end(), static_cast<Byte>(j * 255.0 / h_));
    blend(0, w_, fg_, bg_);
    emit(j);
  }
}

void PatternPainter::colors() {
  // Raw component values: the same bytes in RGB and YUV (as videotestsrc).
  for (int j = 0; j < h_; ++j) {
    for (int i = 0; i < w_; ++i) {
      Byte* p = &line_[static_cast<std::size_t>(i) * 4];
      p[0] = 0xff;
      p[1] = static_cast<Byte>((i * 4096 / w_) % 256);
      p[2] = static_cast<Byte>(((j * 16 / h_) << 4) | (i * 16 / w_));
      p[3] = static_cast<Byte>((j * 4096 / h_) % 256);
    }
    emit(j);
  }
}

void PatternPainter::bar() {
  fill(0, w_ / 7, fg_);
  fill(w_ / 7, w_, bg_);
  for (int j = 0; j < h_; ++j) emit(j);
}

}  // namespace gstmini::video
