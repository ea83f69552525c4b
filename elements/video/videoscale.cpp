#include "elements/video/videoscale.hpp"

#include <cmath>

extern "C" {
#include <libswscale/swscale.h>
}

namespace gstmini {

namespace {

constexpr std::int64_t kDefaultMethod = 1;  // bilinear, as GStreamer's

std::vector<PadTemplate> templates() {
  const std::string caps = video_caps_make(video::swscale_formats());
  return {{"sink", PadDirection::Sink, PadPresence::Always, caps},
          {"src", PadDirection::Src, PadPresence::Always, caps}};
}

std::int64_t nearest_member(const CapsValue* v, std::int64_t target) {
  CapsStructure s("x");
  s.set("v", *v);
  s.fixate_field_nearest_int("v", target);
  return *s.get("v")->get_if<std::int64_t>();
}

}  // namespace

const ElementClass& VideoScale::element_class() {
  static const ElementClass klass{
      "videoscale",
      "Video scaler",
      "Filter/Converter/Video/Scaler",
      "Resizes video (libswscale)",
      "gstmini",
      templates(),
      {PropertySpec::enumeration("method", kDefaultMethod,
                                 {{0, "nearest-neighbour", "Nearest Neighbour"},
                                  {1, "bilinear", "Bilinear (2-tap)"},
                                  {2, "4-tap", "4-tap Sinc"},
                                  {3, "lanczos", "Lanczos"}},
                                 "method")}};
  return klass;
}

VideoScale::VideoScale(std::string name) : SwscaleTransform(element_class(), std::move(name)) {}

int VideoScale::sws_flags() const {
  switch (get<std::int64_t>("method")) {
    case 0:
      return SWS_POINT;
    case 2:
      return SWS_BICUBIC;
    case 3:
      return SWS_LANCZOS;
    default:
      return SWS_BILINEAR;
  }
}

Caps VideoScale::transform_caps(PadDirection, const Caps& caps) const {
  if (caps.is_any()) return caps;
  Caps result = caps;
  for (const CapsStructure& s : caps.structures()) {
    CapsStructure free = s;
    free.set("width", *CapsValue::int_range(1, 2147483647));
    free.set("height", *CapsValue::int_range(1, 2147483647));
    if (free.has_field("pixel-aspect-ratio"))
      free.set("pixel-aspect-ratio", *CapsValue::fraction_range({1, 2147483647}, {2147483647, 1}));
    result.append(std::move(free));
  }
  return result;
}

Caps VideoScale::fixate_caps(const Caps& caps, Caps othercaps) {
  VideoInfo in;
  if (!VideoInfo::from_caps(caps, &in) || othercaps.is_empty()) return othercaps.fixate();
  CapsStructure s = othercaps.structure(0);
  const CapsValue* w = s.get("width");
  const CapsValue* h = s.get("height");
  const bool w_fixed = w && w->is_fixed(), h_fixed = h && h->is_fixed();
  // Display aspect ratio of the input (square pixels out).
  const double dar = static_cast<double>(in.width) * static_cast<double>(in.par.num) /
                     (static_cast<double>(in.height) * static_cast<double>(in.par.den));
  if (w && h && w_fixed && !h_fixed) {
    const auto want = static_cast<std::int64_t>(std::lround(*w->get_if<std::int64_t>() / dar));
    s.set("height", nearest_member(h, want));
  } else if (w && h && h_fixed && !w_fixed) {
    const auto want = static_cast<std::int64_t>(std::lround(*h->get_if<std::int64_t>() * dar));
    s.set("width", nearest_member(w, want));
  } else if (w && h && !w_fixed && !h_fixed) {
    s.set("width", nearest_member(w, in.width));
    s.set("height", nearest_member(h, in.height));
  }
  if (const CapsValue* par = s.get("pixel-aspect-ratio"); par && !par->is_fixed())
    s.fixate_field_nearest_fraction("pixel-aspect-ratio", {1, 1});
  if (const CapsValue* rate = s.get("framerate"); rate && !rate->is_fixed())
    s.fixate_field_nearest_fraction("framerate", in.framerate);
  s.fixate();
  return Caps(std::move(s));
}

}  // namespace gstmini
