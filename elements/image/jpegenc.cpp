#include "elements/image/jpegenc.hpp"

#include <turbojpeg.h>

#include <algorithm>
#include <cstring>

#include "elements/image/jpegdec.hpp"  // idct_methods()

namespace gstmini {

const ElementClass& JpegEnc::element_class() {
  static const ElementClass klass{
      "jpegenc",
      "JPEG image encoder",
      "Codec/Encoder/Image",
      "Encode images in JPEG format",
      "gstmini",
      {{"sink", PadDirection::Sink, PadPresence::Always,
        "video/x-raw, format=(string){ I420, YV12, YUY2, UYVY, Y41B, Y42B, YVYU, Y444, NV21, "
        "NV12, RGB, BGR, RGBx, xRGB, BGRx, xBGR, GRAY8 }, "
        "width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], "
        "framerate=(fraction)[ 0/1, 2147483647/1 ]"},
       {"src", PadDirection::Src, PadPresence::Always,
        "image/jpeg, width=(int)[ 1, 65535 ], height=(int)[ 1, 65535 ], "
        "framerate=(fraction)[ 0/1, 2147483647/1 ], sof-marker=(int){ 0, 1, 2, 4, 9 }"}},
      {PropertySpec::integer("quality", kDefaultQuality, 0, 100, "Quality of encoding"),
       PropertySpec::enumeration("idct-method", 1, idct_methods(), "The IDCT algorithm to use"),
       PropertySpec::boolean("snapshot", false,
                             "Send EOS after encoding a frame, useful for snapshots")}};
  return klass;
}

JpegEnc::JpegEnc(std::string name) : ImageEncoder(element_class(), std::move(name)) {}

JpegEnc::~JpegEnc() {
  if (handle_) tjDestroy(handle_);
  tjFree(out_);
}

namespace {
int packed_rgb_format(const std::string& f) {
  if (f == "RGB") return TJPF_RGB;
  if (f == "BGR") return TJPF_BGR;
  if (f == "RGBx") return TJPF_RGBX;
  if (f == "xRGB") return TJPF_XRGB;
  if (f == "BGRx") return TJPF_BGRX;
  if (f == "xBGR") return TJPF_XBGR;
  if (f == "GRAY8") return TJPF_GRAY;
  return -1;
}

// Semi-planar and packed YUV split into three tight planes: Y (w x h) and
// U, V (cw x ch). Byte positions per format: NV12 UV pairs, NV21 VU pairs;
// YUY2 Y0 U Y1 V, UYVY U Y0 V Y1, YVYU Y0 V Y1 U.
struct Planes {
  std::vector<std::uint8_t> y, u, v;
  int cw = 0, ch = 0;
};

Planes split_yuv(const std::string& f, const std::uint8_t* p, const RawVideoLayout& l, int w,
                 int h) {
  Planes out;
  const bool nv = f == "NV12" || f == "NV21";
  out.cw = (w + 1) / 2;
  out.ch = nv ? (h + 1) / 2 : h;
  out.y.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  out.u.resize(static_cast<std::size_t>(out.cw) * static_cast<std::size_t>(out.ch));
  out.v.resize(out.u.size());
  if (nv) {
    const int uo = f == "NV12" ? 0 : 1;
    for (int y = 0; y < h; ++y)
      std::memcpy(&out.y[static_cast<std::size_t>(y) * static_cast<std::size_t>(w)],
                  p + static_cast<std::size_t>(y) * l.stride[0], static_cast<std::size_t>(w));
    for (int y = 0; y < out.ch; ++y) {
      const std::uint8_t* row = p + l.offset[1] + static_cast<std::size_t>(y) * l.stride[1];
      for (int x = 0; x < out.cw; ++x) {
        const std::size_t i = static_cast<std::size_t>(y) * static_cast<std::size_t>(out.cw) +
                              static_cast<std::size_t>(x);
        out.u[i] = row[2 * x + uo];
        out.v[i] = row[2 * x + 1 - uo];
      }
    }
    return out;
  }
  const int yo = f == "UYVY" ? 1 : 0;                    // first Y
  const int uo = f == "YUY2" ? 1 : f == "UYVY" ? 0 : 3;  // U
  const int vo = f == "YUY2" ? 3 : f == "UYVY" ? 2 : 1;  // V
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* row = p + static_cast<std::size_t>(y) * l.stride[0];
    std::uint8_t* ly = &out.y[static_cast<std::size_t>(y) * static_cast<std::size_t>(w)];
    for (int x = 0; x < w; ++x) ly[x] = row[2 * x + yo];
    for (int x = 0; x < out.cw; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * static_cast<std::size_t>(out.cw) +
                            static_cast<std::size_t>(x);
      out.u[i] = row[4 * x + uo];
      out.v[i] = row[4 * x + vo];
    }
  }
  return out;
}
}  // namespace

bool JpegEnc::encode(const Input& in, const std::uint8_t* pixels, std::vector<std::uint8_t>* image,
                     std::string* error) {
  if (in.width > 65535 || in.height > 65535) {
    *error = "JPEG images are at most 65535 x 65535 pixels";
    return false;
  }
  if (!handle_) handle_ = tjInitCompress();
  if (!handle_) {
    *error = "could not initialise the TurboJPEG compressor";
    return false;
  }
  const int w = static_cast<int>(in.width), h = static_cast<int>(in.height);
  const int quality = std::max<int>(1, static_cast<int>(get<std::int64_t>("quality")));
  const int flags = get<std::int64_t>("idct-method") == 1 ? TJFLAG_FASTDCT : TJFLAG_ACCURATEDCT;
  const std::string& f = in.format;
  const int pf = packed_rgb_format(f);
  int subsamp = TJSAMP_420;
  if (pf >= 0) subsamp = pf == TJPF_GRAY ? TJSAMP_GRAY : TJSAMP_444;
  if (f == "Y42B" || f == "YUY2" || f == "UYVY" || f == "YVYU") subsamp = TJSAMP_422;
  if (f == "Y444") subsamp = TJSAMP_444;
  if (f == "Y41B") subsamp = TJSAMP_411;
  const unsigned long need = tjBufSize(w, h, subsamp);
  if (need > out_capacity_) {
    tjFree(out_);
    out_ = tjAlloc(static_cast<int>(need));
    out_capacity_ = out_ ? need : 0;
    if (!out_) {
      *error = "could not allocate " + std::to_string(need) + " bytes for the JPEG image";
      return false;
    }
  }
  unsigned char* jpeg = out_;
  unsigned long jpeg_size = out_capacity_;
  const int out_flags = flags | TJFLAG_NOREALLOC;
  int ret;
  if (pf >= 0) {
    ret = tjCompress2(handle_, pixels, w, static_cast<int>(in.layout.stride[0]), h, pf, &jpeg,
                      &jpeg_size, subsamp, quality, out_flags);
  } else {
    const unsigned char* planes[3];
    int strides[3];
    Planes split;
    if (in.layout.planes == 3) {
      for (int c = 0; c < 3; ++c) {
        planes[c] = pixels + in.layout.offset[c];
        strides[c] = static_cast<int>(in.layout.stride[c]);
      }
    } else {
      split = split_yuv(f, pixels, in.layout, w, h);
      planes[0] = split.y.data();
      planes[1] = split.u.data();
      planes[2] = split.v.data();
      strides[0] = w;
      strides[1] = strides[2] = split.cw;
    }
    ret = tjCompressFromYUVPlanes(handle_, planes, w, strides, h, subsamp, &jpeg, &jpeg_size,
                                  quality, out_flags);
  }
  if (ret != 0) {
    *error = tjGetErrorStr2(handle_);
    return false;
  }
  image->assign(jpeg, jpeg + jpeg_size);
  return true;
}

}  // namespace gstmini
