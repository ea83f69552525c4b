#include "elements/video/videoconvert.hpp"

extern "C" {
#include <libswscale/swscale.h>
}

namespace gstmini {

namespace {

std::vector<PadTemplate> templates() {
  const std::string caps = video_caps_make(video::swscale_formats());
  return {{"sink", PadDirection::Sink, PadPresence::Always, caps},
          {"src", PadDirection::Src, PadPresence::Always, caps}};
}

// How far format b is from a (lower is closer): a change of family (RGB,
// YUV, gray) costs most, then losing alpha, then subsampling and layout.
int distance(VideoFormat a, VideoFormat b) {
  if (a == b) return 0;
  const VideoFormatInfo& fa = video_format_info(a);
  const VideoFormatInfo& fb = video_format_info(b);
  int d = 1;
  if (fa.is_rgb != fb.is_rgb || fa.is_yuv != fb.is_yuv || fa.is_gray != fb.is_gray) d += 8;
  if (fa.has_alpha && !fb.has_alpha) d += 4;
  if (fa.has_alpha != fb.has_alpha) d += 1;
  if (fa.n_planes != fb.n_planes) d += 1;
  return d;
}

}  // namespace

const ElementClass& VideoConvert::element_class() {
  static const ElementClass klass{"videoconvert",
                                  "Colorspace converter",
                                  "Filter/Converter/Video",
                                  "Converts video from one colorspace to another (libswscale)",
                                  "gstmini",
                                  templates(),
                                  {}};
  return klass;
}

VideoConvert::VideoConvert(std::string name) : SwscaleTransform(element_class(), std::move(name)) {}

// Plain bilinear keeps libswscale on its SIMD paths; SWS_ACCURATE_RND and
// SWS_FULL_CHR_H_INT leave them (about 3x slower at 1080p, measured with
// bench/video.sh).
int VideoConvert::sws_flags() const { return SWS_BILINEAR; }

Caps VideoConvert::transform_caps(PadDirection, const Caps& caps) const {
  if (caps.is_any()) return caps;
  // The same caps first (passthrough is preferred), then any format.
  Caps result = caps;
  CapsValueList formats;
  for (VideoFormat f : video::swscale_formats()) formats.emplace_back(std::string(to_string(f)));
  const CapsValue any_format = *CapsValue::list(std::move(formats));
  for (const CapsStructure& s : caps.structures()) {
    CapsStructure free = s;
    free.set("format", any_format);
    free.remove("colorimetry");
    free.remove("chroma-site");
    result.append(std::move(free));
  }
  return result;
}

Caps VideoConvert::fixate_caps(const Caps& caps, Caps othercaps) {
  VideoInfo in;
  if (!VideoInfo::from_caps(caps, &in)) return othercaps.fixate();
  // The structure and format closest to the input's.
  int best = -1;
  CapsStructure chosen;
  for (const CapsStructure& s : othercaps.structures()) {
    const CapsValue* v = s.get("format");
    std::vector<std::string> names;
    if (v && v->get_if<std::string>()) names.push_back(*v->get_if<std::string>());
    if (v && v->get_if<CapsValueList>())
      for (const CapsValue& m : *v->get_if<CapsValueList>())
        if (m.get_if<std::string>()) names.push_back(*m.get_if<std::string>());
    for (const std::string& name : names) {
      const VideoFormat f = video_format_from_string(name);
      if (f == VideoFormat::Unknown) continue;
      const int d = distance(in.format, f);
      if (best < 0 || d < best) {
        best = d;
        chosen = s;
        chosen.set("format", name);
      }
    }
  }
  if (best < 0) return othercaps.fixate();
  video::fixate_nearest(chosen, "width", in.width);
  video::fixate_nearest(chosen, "height", in.height);
  if (const CapsValue* rate = chosen.get("framerate"); rate && !rate->is_fixed())
    chosen.fixate_field_nearest_fraction("framerate", in.framerate);
  chosen.fixate();
  return Caps(std::move(chosen));
}

}  // namespace gstmini
