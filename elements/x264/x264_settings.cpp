#include "elements/x264/x264_settings.hpp"

#include <cstdint>
#include <limits>

extern "C" {
#include <x264.h>
}

#include "runtime/element.hpp"

namespace gstmini {

namespace {

constexpr std::int64_t kPassCbr = 0;
constexpr std::int64_t kPassQuant = 4;
constexpr std::int64_t kPassQual = 5;

const char* tune_string(std::int64_t tune) {
  switch (tune) {
    case 1:
      return "stillimage";
    case 2:
      return "fastdecode";
    case 4:
      return "zerolatency";
    case 6:
      return "fastdecode,zerolatency";
    default:
      return nullptr;
  }
}

}  // namespace

std::vector<PropertySpec> x264_properties() {
  const auto max_i32 = std::uint64_t{std::numeric_limits<std::int32_t>::max()};
  return {
      PropertySpec::uint64("bitrate", 2048, 1, 2048000, "Bitrate in kbit/sec"),
      PropertySpec::enumeration("speed-preset", 6,
                                {{0, "None", "No preset"},
                                 {1, "ultrafast", "ultrafast"},
                                 {2, "superfast", "superfast"},
                                 {3, "veryfast", "veryfast"},
                                 {4, "faster", "faster"},
                                 {5, "fast", "fast"},
                                 {6, "medium", "medium"},
                                 {7, "slow", "slow"},
                                 {8, "slower", "slower"},
                                 {9, "veryslow", "veryslow"},
                                 {10, "placebo", "placebo"}},
                                "Preset name for speed/quality tradeoff options"),
      PropertySpec::enumeration("tune", 0,
                                {{0, "none", "No tuning"},
                                 {1, "stillimage", "Still image"},
                                 {2, "fastdecode", "Fast decode"},
                                 {4, "zerolatency", "Zero latency"},
                                 {6, "fastdecode+zerolatency", "Fast decode and zero latency"}},
                                "Preset name for non-psychovisual tuning options"),
      PropertySpec::uint64("key-int-max", 0, 0, max_i32,
                           "Maximal distance between two key-frames (0 for automatic)"),
      PropertySpec::uint64("bframes", 0, 0, 16, "Number of B-frames between I and P"),
      PropertySpec::boolean("b-adapt", true, "Automatically decide how many B-frames to use"),
      PropertySpec::uint64("ref", 3, 1, 16, "Number of reference frames"),
      PropertySpec::uint64("threads", 0, 0, max_i32,
                           "Number of threads used by the codec (0 for automatic)"),
      PropertySpec::boolean("sliced-threads", false, "Low latency but lower efficiency threading"),
      PropertySpec::integer("rc-lookahead", 40, 0, 250, "Number of frames for frametype lookahead"),
      PropertySpec::enumeration("pass", kPassCbr,
                                {{kPassCbr, "cbr", "Constant Bitrate Encoding"},
                                 {kPassQuant, "quant", "Constant Quantizer"},
                                 {kPassQual, "qual", "Constant Quality"}},
                                "Encoding pass/type"),
      PropertySpec::uint64("quantizer", 21, 0, 50, "Constant quantizer or quality to apply"),
      PropertySpec::uint64("vbv-buf-capacity", 600, 0, 10000,
                           "Size of the VBV buffer in milliseconds"),
      PropertySpec::boolean("aud", true, "Use AU (Access Unit) delimiter"),
  };
}

X264Settings X264Settings::from(const Element& e) {
  X264Settings s;
  s.bitrate = e.get<std::uint64_t>("bitrate");
  s.speed_preset = e.get<std::int64_t>("speed-preset");
  s.tune = e.get<std::int64_t>("tune");
  s.key_int_max = e.get<std::uint64_t>("key-int-max");
  s.bframes = e.get<std::uint64_t>("bframes");
  s.b_adapt = e.get<bool>("b-adapt");
  s.ref = e.get<std::uint64_t>("ref");
  s.threads = e.get<std::uint64_t>("threads");
  s.sliced_threads = e.get<bool>("sliced-threads");
  s.rc_lookahead = e.get<std::int64_t>("rc-lookahead");
  s.pass = e.get<std::int64_t>("pass");
  s.quantizer = e.get<std::uint64_t>("quantizer");
  s.vbv_buf_capacity = e.get<std::uint64_t>("vbv-buf-capacity");
  s.aud = e.get<bool>("aud");
  return s;
}

bool x264_build_params(const X264Settings& s, int width, int height, int fps_n, int fps_d,
                       x264_param_t* p, std::string* error) {
  const char* preset = s.speed_preset > 0 ? x264_preset_names[s.speed_preset - 1] : nullptr;
  if (x264_param_default_preset(p, preset, tune_string(s.tune)) < 0) {
    *error = std::string("libx264 refused speed-preset ") + (preset ? preset : "None") +
             " with tune " + (tune_string(s.tune) ? tune_string(s.tune) : "none");
    return false;
  }
  p->i_csp = X264_CSP_I420;
  p->i_width = width;
  p->i_height = height;
  if (fps_n > 0 && fps_d > 0) {
    p->i_fps_num = static_cast<std::uint32_t>(fps_n);
    p->i_fps_den = static_cast<std::uint32_t>(fps_d);
  }
  p->b_vfr_input = 0;  // rate control from the frame rate; timestamps only carried
  p->i_timebase_num = 1;
  p->i_timebase_den = 1000000000;              // pts in nanoseconds
  p->i_threads = static_cast<int>(s.threads);  // 0 = X264_THREADS_AUTO
  if (s.key_int_max > 0) p->i_keyint_max = static_cast<int>(s.key_int_max);
  p->i_bframe = static_cast<int>(s.bframes);
  // These keep the preset's value unless set to something else than
  // their default, so speed-preset=ultrafast stays ultrafast.
  const X264Settings defaults;
  if (s.b_adapt != defaults.b_adapt)
    p->i_bframe_adaptive = s.b_adapt ? X264_B_ADAPT_FAST : X264_B_ADAPT_NONE;
  if (s.sliced_threads != defaults.sliced_threads) p->b_sliced_threads = s.sliced_threads;
  if (s.ref != defaults.ref) p->i_frame_reference = static_cast<int>(s.ref);
  if (s.rc_lookahead != defaults.rc_lookahead) p->rc.i_lookahead = static_cast<int>(s.rc_lookahead);
  p->b_aud = s.aud;
  p->b_repeat_headers = 1;  // SPS/PPS before every IDR: each keyframe starts a segment
  p->b_annexb = 1;
  const int bitrate = static_cast<int>(s.bitrate);
  switch (s.pass) {
    case kPassQuant:
      p->rc.i_rc_method = X264_RC_CQP;
      p->rc.i_qp_constant = static_cast<int>(s.quantizer);
      break;
    case kPassQual:
      p->rc.i_rc_method = X264_RC_CRF;
      p->rc.f_rf_constant = static_cast<float>(s.quantizer);
      p->rc.i_vbv_max_bitrate = bitrate;
      p->rc.i_vbv_buffer_size = bitrate * static_cast<int>(s.vbv_buf_capacity) / 1000;
      break;
    default:  // cbr
      p->rc.i_rc_method = X264_RC_ABR;
      p->rc.i_bitrate = bitrate;
      p->rc.i_vbv_max_bitrate = bitrate;
      p->rc.i_vbv_buffer_size = bitrate * static_cast<int>(s.vbv_buf_capacity) / 1000;
      break;
  }
  return true;
}

std::string h264_profile_name(const std::uint8_t* sps, std::size_t size) {
  if (size < 3) return "unknown";
  const int profile_idc = sps[1];
  const bool constraint_set1 = (sps[2] & 0x40) != 0;
  const bool constraint_set3 = (sps[2] & 0x10) != 0;
  switch (profile_idc) {
    case 66:
      return constraint_set1 ? "constrained-baseline" : "baseline";
    case 77:
      return "main";
    case 88:
      return "extended";
    case 100:
      return "high";
    case 110:
      return constraint_set3 ? "high-10-intra" : "high-10";
    case 122:
      return constraint_set3 ? "high-4:2:2-intra" : "high-4:2:2";
    case 244:
      return constraint_set3 ? "high-4:4:4-intra" : "high-4:4:4";
    default:
      return "unknown";
  }
}

std::string h264_level_name(const std::uint8_t* sps, std::size_t size) {
  if (size < 4) return "unknown";
  const int level_idc = sps[3];
  if (level_idc == 9) return "1b";
  if (level_idc % 10 == 0) return std::to_string(level_idc / 10);
  return std::to_string(level_idc / 10) + "." + std::to_string(level_idc % 10);
}

}  // namespace gstmini
