// x264enc's properties (GStreamer's names, defaults and ranges, checked
// with gst-inspect-1.0 x264enc 1.22) and how they become an x264_param_t.
//
// Kept apart from the element so the element file reads as behaviour only.
// bframes and the rate control are always applied; sliced-threads, ref,
// rc-lookahead and b-adapt only when set to another value than their
// default, so that a speed-preset or tune (zerolatency: sliced threads, no
// lookahead) keeps its own choice for them.
// `tune` is GStreamer's flags property (stillimage, fastdecode,
// zerolatency); this runtime has no flags type, so it is an enum of single
// values plus the combination most used for streaming,
// "fastdecode+zerolatency".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/property.hpp"

struct x264_param_t;

namespace gstmini {

class Element;

struct X264Settings {
  std::uint64_t bitrate = 2048;   // kbit/s
  std::int64_t speed_preset = 6;  // medium
  std::int64_t tune = 0;
  std::uint64_t key_int_max = 0;
  std::uint64_t bframes = 0;
  std::uint64_t threads = 0;
  std::int64_t pass = 0;  // cbr
  std::uint64_t quantizer = 21;
  std::uint64_t vbv_buf_capacity = 600;  // ms
  bool aud = true;
  bool b_adapt = true;
  std::uint64_t ref = 3;
  bool sliced_threads = false;
  std::int64_t rc_lookahead = 40;

  static X264Settings from(const Element& element);
};

std::vector<PropertySpec> x264_properties();

// Fills `param` for a width x height I420 stream at fps_n/fps_d (0/1 when
// unknown). False with *error set if libx264 refuses the preset or tune.
bool x264_build_params(const X264Settings& s, int width, int height, int fps_n, int fps_d,
                       x264_param_t* param, std::string* error);

// GStreamer's caps names for the profile and level in an SPS NAL unit
// (starting at the NAL header byte): "high", "constrained-baseline", "3.1".
std::string h264_profile_name(const std::uint8_t* sps, std::size_t size);
std::string h264_level_name(const std::uint8_t* sps, std::size_t size);

}  // namespace gstmini
