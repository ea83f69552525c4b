#include "elements/video/swscale_transform.hpp"

extern "C" {
#include <libavutil/pixfmt.h>
#include <libswscale/swscale.h>
}

namespace gstmini::video {

namespace {

AVPixelFormat to_av(VideoFormat f) {
  switch (f) {
    case VideoFormat::RGB:
      return AV_PIX_FMT_RGB24;
    case VideoFormat::BGR:
      return AV_PIX_FMT_BGR24;
    case VideoFormat::RGBx:
      return AV_PIX_FMT_RGB0;
    case VideoFormat::BGRx:
      return AV_PIX_FMT_BGR0;
    case VideoFormat::xRGB:
      return AV_PIX_FMT_0RGB;
    case VideoFormat::xBGR:
      return AV_PIX_FMT_0BGR;
    case VideoFormat::RGBA:
      return AV_PIX_FMT_RGBA;
    case VideoFormat::BGRA:
      return AV_PIX_FMT_BGRA;
    case VideoFormat::ARGB:
      return AV_PIX_FMT_ARGB;
    case VideoFormat::ABGR:
      return AV_PIX_FMT_ABGR;
    case VideoFormat::I420:
    case VideoFormat::YV12:
      return AV_PIX_FMT_YUV420P;  // YV12: planes 1 and 2 swapped below
    case VideoFormat::Y42B:
      return AV_PIX_FMT_YUV422P;
    case VideoFormat::Y444:
      return AV_PIX_FMT_YUV444P;
    case VideoFormat::NV12:
      return AV_PIX_FMT_NV12;
    case VideoFormat::NV21:
      return AV_PIX_FMT_NV21;
    case VideoFormat::YUY2:
      return AV_PIX_FMT_YUYV422;
    case VideoFormat::UYVY:
      return AV_PIX_FMT_UYVY422;
    case VideoFormat::YVYU:
      return AV_PIX_FMT_YVYU422;
    case VideoFormat::GRAY8:
      return AV_PIX_FMT_GRAY8;
    case VideoFormat::GRAY16_BE:
      return AV_PIX_FMT_GRAY16BE;
    case VideoFormat::GRAY16_LE:
      return AV_PIX_FMT_GRAY16LE;
    case VideoFormat::Unknown:
      break;
  }
  return AV_PIX_FMT_NONE;
}

// Plane pointers and strides of one frame, in swscale's plane order.
template <class Byte>
void planes(const VideoInfo& info, Byte* data, Byte* ptr[4], int stride[4]) {
  for (int p = 0; p < 4; ++p) {
    const auto i = static_cast<std::size_t>(p);
    ptr[p] = p < info.n_planes ? data + info.offset[i] : nullptr;
    stride[p] = p < info.n_planes ? static_cast<int>(info.stride[i]) : 0;
  }
  if (info.format == VideoFormat::YV12) {  // V before U
    std::swap(ptr[1], ptr[2]);
    std::swap(stride[1], stride[2]);
  }
}

bool bt709(const VideoInfo& info) { return info.finfo().is_yuv && info.height > 576; }

}  // namespace

const std::vector<VideoFormat>& swscale_formats() { return all_video_formats(); }

void fixate_nearest(CapsStructure& s, const char* field, std::int64_t target) {
  const CapsValue* v = s.get(field);
  if (v && !v->is_fixed()) s.fixate_field_nearest_int(field, target);
}

SwscaleTransform::SwscaleTransform(const ElementClass& klass, std::string name)
    : Transform(klass, std::move(name)) {}

SwscaleTransform::~SwscaleTransform() { sws_freeContext(sws_); }

bool SwscaleTransform::stop() {
  sws_freeContext(sws_);
  sws_ = nullptr;
  return true;
}

bool SwscaleTransform::set_caps(const Caps& in, const Caps& out) {
  std::string why;
  if (!VideoInfo::from_caps(in, &in_, &why) || !VideoInfo::from_caps(out, &out_, &why)) {
    GSTMINI_WARNING_OBJECT(*this, "{}", why);
    return false;
  }
  if (in.is_equal(out)) return true;  // passthrough: no context needed
  sws_ =
      sws_getCachedContext(sws_, in_.width, in_.height, to_av(in_.format), out_.width, out_.height,
                           to_av(out_.format), sws_flags(), nullptr, nullptr, nullptr);
  if (!sws_) {
    post_error("libswscale cannot convert " + in.to_string() + " to " + out.to_string());
    return false;
  }
  // Studio-range YUV (GStreamer's default), matrix by frame height.
  int* inv_table = nullptr;
  int* table = nullptr;
  int src_range = 0, dst_range = 0, brightness = 0, contrast = 0, saturation = 0;
  sws_getColorspaceDetails(sws_, &inv_table, &src_range, &table, &dst_range, &brightness, &contrast,
                           &saturation);
  sws_setColorspaceDetails(sws_, sws_getCoefficients(bt709(in_) ? SWS_CS_ITU709 : SWS_CS_ITU601),
                           src_range,
                           sws_getCoefficients(bt709(out_) ? SWS_CS_ITU709 : SWS_CS_ITU601),
                           dst_range, brightness, contrast, saturation);
  return true;
}

FlowReturn SwscaleTransform::transform(const Buffer& in, Buffer& out) {
  if (in.size() < in_.size)
    return not_negotiated("buffer of " + std::to_string(in.size()) + " bytes is smaller than a " +
                          std::to_string(in_.width) + "x" + std::to_string(in_.height) + " " +
                          to_string(in_.format) + " frame (" + std::to_string(in_.size) + ")");
  out = Buffer(out_.size);
  const std::uint8_t* src[4];
  int src_stride[4];
  std::uint8_t* dst[4];
  int dst_stride[4];
  planes(in_, in.data(), src, src_stride);
  planes(out_, out.map_writable(), dst, dst_stride);
  sws_scale(sws_, src, src_stride, 0, in_.height, dst, dst_stride);
  return FlowReturn::Ok;
}

}  // namespace gstmini::video
