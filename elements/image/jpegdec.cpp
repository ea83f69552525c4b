#include "elements/image/jpegdec.hpp"

#include <turbojpeg.h>

#include <algorithm>
#include <vector>

#include "elements/image/raw_video.hpp"

namespace gstmini {

std::vector<EnumValue> idct_methods() {
  return {{0, "islow", "Slow but accurate integer algorithm"},
          {1, "ifast", "Faster, less accurate integer method"},
          {2, "float", "Floating-point: accurate, fast on fast HW"}};
}

const ElementClass& JpegDec::element_class() {
  static const ElementClass klass{
      "jpegdec",
      "JPEG image decoder",
      "Codec/Decoder/Image",
      "Decode images from JPEG format",
      "gstmini",
      {{"sink", PadDirection::Sink, PadPresence::Always, "image/jpeg"},
       {"src", PadDirection::Src, PadPresence::Always,
        "video/x-raw, format=(string){ I420, RGB, GRAY8 }, "
        "width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], "
        "framerate=(fraction)[ 0/1, 2147483647/1 ]"}},
      {PropertySpec::enumeration("idct-method", 1, idct_methods(), "The IDCT algorithm to use")}};
  return klass;
}

JpegDec::JpegDec(std::string name) : ImageDecoder(element_class(), std::move(name)) {}

JpegDec::~JpegDec() {
  if (handle_) tjDestroy(handle_);
}

namespace {
// The chroma of a decoded plane (factors h x v against luma) averaged down
// to 4:2:0: each output sample covers 2 x 2 luma pixels.
void chroma_to_420(const std::uint8_t* src, int src_stride, int src_w, int src_h, int h_factor,
                   int v_factor, std::uint8_t* dst, std::size_t dst_stride, int dst_w, int dst_h) {
  for (int y = 0; y < dst_h; ++y) {
    const int y0 = std::min(2 * y / v_factor, src_h - 1);
    const int y1 = std::min((2 * y + 1) / v_factor, src_h - 1);
    const std::uint8_t* r0 = src + static_cast<std::ptrdiff_t>(y0) * src_stride;
    const std::uint8_t* r1 = src + static_cast<std::ptrdiff_t>(y1) * src_stride;
    std::uint8_t* out = dst + static_cast<std::size_t>(y) * dst_stride;
    for (int x = 0; x < dst_w; ++x) {
      const int x0 = std::min(2 * x / h_factor, src_w - 1);
      const int x1 = std::min((2 * x + 1) / h_factor, src_w - 1);
      out[x] = static_cast<std::uint8_t>((r0[x0] + r0[x1] + r1[x0] + r1[x1] + 2) / 4);
    }
  }
}
}  // namespace

bool JpegDec::decode_yuv(const std::uint8_t* data, std::size_t size, int subsamp, int flags,
                         Frame& frame, std::string* error) {
  const int w = static_cast<int>(frame.width), h = static_cast<int>(frame.height);
  const bool gray = subsamp == TJSAMP_GRAY;
  const char* format = gray ? "GRAY8" : "I420";
  auto layout = raw_video_layout(format, frame.width, frame.height);
  if (!layout || layout->size > kMaxFrameBytes) {
    *error = "a " + std::to_string(w) + "x" + std::to_string(h) + " " + format + " frame needs " +
             std::to_string(layout ? layout->size : 0) + " bytes, more than the " +
             std::to_string(kMaxFrameBytes) +
             " a decoded frame may take: refused before allocating it";
    return false;
  }
  Buffer buffer = allocate_frame(static_cast<std::size_t>(layout->size));
  std::uint8_t* out = buffer.map_writable();
  unsigned char* planes[3] = {out + layout->offset[0], out + layout->offset[1],
                              out + layout->offset[2]};
  int strides[3] = {static_cast<int>(layout->stride[0]), static_cast<int>(layout->stride[1]),
                    static_cast<int>(layout->stride[2])};
  std::vector<std::uint8_t> chroma;  // other subsamplings: U and V before averaging
  int cw = 0, ch = 0;
  if (!gray && subsamp != TJSAMP_420) {
    cw = tjPlaneWidth(1, w, subsamp);
    ch = tjPlaneHeight(1, h, subsamp);
    chroma.resize(2 * static_cast<std::size_t>(cw) * static_cast<std::size_t>(ch));
    planes[1] = chroma.data();
    planes[2] = chroma.data() + static_cast<std::size_t>(cw) * static_cast<std::size_t>(ch);
    strides[1] = strides[2] = cw;
  }
  if (tjDecompressToYUVPlanes(handle_, data, static_cast<unsigned long>(size), planes, w, strides,
                              h, flags) != 0) {
    if (tjGetErrorCode(handle_) != TJERR_WARNING) {
      *error = tjGetErrorStr2(handle_);
      return false;
    }
    post_warning("Failed to decode JPEG image", tjGetErrorStr2(handle_));
  }
  if (!chroma.empty()) {
    const int hf = tjMCUWidth[subsamp] / 8, vf = tjMCUHeight[subsamp] / 8;
    const int tw = (w + 1) / 2, th = (h + 1) / 2;
    for (int c = 1; c <= 2; ++c)
      chroma_to_420(planes[c], cw, cw, ch, hf, vf, out + layout->offset[c], layout->stride[c], tw,
                    th);
  }
  frame.format = format;
  if (!gray) frame.caps_extra = ", chroma-site=(string)jpeg, colorimetry=(string)1:4:0:0";
  frame.buffer = std::move(buffer);
  return true;
}

bool JpegDec::decode(const std::uint8_t* data, std::size_t size, Frame& frame, std::string* error) {
  if (!handle_) handle_ = tjInitDecompress();
  if (!handle_) {
    *error = "could not initialise the TurboJPEG decompressor";
    return false;
  }
  int width = 0, height = 0, subsamp = 0, colorspace = 0;
  if (tjDecompressHeader3(handle_, data, static_cast<unsigned long>(size), &width, &height,
                          &subsamp, &colorspace) != 0) {
    *error = tjGetErrorStr2(handle_);
    return false;
  }
  if (width < 1 || height < 1 || width > 65535 || height > 65535) {
    *error = "Picture is too small or too big (" + std::to_string(width) + "x" +
             std::to_string(height) + ")";
    return false;
  }
  frame.width = static_cast<std::uint32_t>(width);
  frame.height = static_cast<std::uint32_t>(height);
  const int flags = get<std::int64_t>("idct-method") == 1 ? TJFLAG_FASTDCT : TJFLAG_ACCURATEDCT;
  if (colorspace == TJCS_YCbCr || colorspace == TJCS_GRAY)
    return decode_yuv(data, size, colorspace == TJCS_GRAY ? TJSAMP_GRAY : subsamp, flags, frame,
                      error);
  if (colorspace != TJCS_RGB) {
    *error = "Picture has unknown or unsupported colourspace";
    return false;
  }
  auto layout = raw_video_layout("RGB", frame.width, frame.height);
  if (!layout || layout->size > kMaxFrameBytes) {
    *error = "Picture is too big for a decoded frame (" + std::to_string(width) + "x" +
             std::to_string(height) + ")";
    return false;
  }
  Buffer buffer = allocate_frame(static_cast<std::size_t>(layout->size));
  if (tjDecompress2(handle_, data, static_cast<unsigned long>(size), buffer.map_writable(), width,
                    static_cast<int>(layout->stride[0]), height, TJPF_RGB, flags) != 0) {
    if (tjGetErrorCode(handle_) != TJERR_WARNING) {
      *error = tjGetErrorStr2(handle_);
      return false;
    }
    post_warning("Failed to decode JPEG image", tjGetErrorStr2(handle_));
  }
  frame.format = "RGB";
  frame.buffer = std::move(buffer);
  return true;
}

}  // namespace gstmini
