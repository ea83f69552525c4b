#include "elements/x264/x264enc.hpp"

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <vector>

extern "C" {
#include <x264.h>
}

#include "elements/x264/x264_settings.hpp"

namespace gstmini {

namespace {

constexpr const char* kSinkCaps =
    "video/x-raw, format=(string)I420, width=(int)[ 1, 2147483647 ], "
    "height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]";
constexpr const char* kSrcCaps =
    "video/x-h264, stream-format=(string)byte-stream, alignment=(string)au, "
    "width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], "
    "framerate=(fraction)[ 0/1, 2147483647/1 ]";
constexpr const char* kForceKeyUnit = "GstForceKeyUnit";

// The NAL unit after the Annex B start code (00 00 01 or 00 00 00 01).
const std::uint8_t* skip_start_code(const std::uint8_t* p, int* size) {
  int i = 0;
  while (i < *size && p[i] == 0) ++i;
  if (i >= *size || p[i] != 1) return p;
  *size -= i + 1;
  return p + i + 1;
}

// libx264's messages go to the element's log (as GStreamer's x264enc routes
// them to its debug category) instead of stderr.
void x264_log(void* element, int level, const char* format, va_list args) {
  char text[512];
  std::vsnprintf(text, sizeof text, format, args);
  std::string line(text);
  while (!line.empty() && line.back() == '\n') line.pop_back();
  const auto& e = *static_cast<const X264Enc*>(element);
  switch (level) {
    case X264_LOG_ERROR:
      GSTMINI_ERROR_OBJECT(e, "x264: {}", line);
      break;
    case X264_LOG_WARNING:
      GSTMINI_WARNING_OBJECT(e, "x264: {}", line);
      break;
    case X264_LOG_INFO:
      GSTMINI_INFO_OBJECT(e, "x264: {}", line);
      break;
    default:
      GSTMINI_DEBUG_OBJECT(e, "x264: {}", line);
      break;
  }
}

}  // namespace

const ElementClass& X264Enc::element_class() {
  static const ElementClass klass{"x264enc",
                                  "x264 H.264 Encoder",
                                  "Codec/Encoder/Video",
                                  "libx264-based H.264 video encoder",
                                  "gstmini",
                                  {{"sink", PadDirection::Sink, PadPresence::Always, kSinkCaps},
                                   {"src", PadDirection::Src, PadPresence::Always, kSrcCaps}},
                                  x264_properties()};
  return klass;
}

X264Enc::X264Enc(std::string name) : Element(element_class(), std::move(name)) {}
X264Enc::~X264Enc() = default;

void X264Enc::Closer::operator()(x264_t* encoder) const { x264_encoder_close(encoder); }

bool X264Enc::start() {
  encoder_.reset();
  segment_ = Segment{};
  key_unit_ = KeyUnitRequest{};
  forced_.clear();
  durations_.clear();
  frames_in_ = frames_out_ = 0;
  return true;
}

bool X264Enc::stop() {
  GSTMINI_INFO_OBJECT(*this, "encoded {} frames into {} access units", frames_in_, frames_out_);
  encoder_.reset();
  return true;
}

bool X264Enc::open_encoder(const Caps& caps, Output& out) {
  const CapsStructure& s = caps.structure(0);
  const auto* width = s.get("width") ? s.get("width")->get_if<std::int64_t>() : nullptr;
  const auto* height = s.get("height") ? s.get("height")->get_if<std::int64_t>() : nullptr;
  const auto* rate = s.get("framerate") ? s.get("framerate")->get_if<Fraction>() : nullptr;
  if (!width || !height) {
    post_error("caps without a fixed width and height: " + caps.to_string());
    return false;
  }
  if (encoder_) drain(out);  // a format change: the frames held so far go out first
  framerate_ = rate ? *rate : Fraction{0, 1};
  frame_duration_ = framerate_.num > 0 ? kSecond * static_cast<ClockTime>(framerate_.den) /
                                             static_cast<ClockTime>(framerate_.num)
                                       : kClockTimeNone;
  const X264Settings settings = X264Settings::from(*this);
  x264_param_t param;
  std::string error;
  if (!x264_build_params(settings, static_cast<int>(*width), static_cast<int>(*height),
                         static_cast<int>(framerate_.num), static_cast<int>(framerate_.den), &param,
                         &error)) {
    post_error("Can not initialize x264 encoder.", error);
    return false;
  }
  param.pf_log = &x264_log;
  param.p_log_private = this;
  param.i_log_level = X264_LOG_INFO;  // per-frame DEBUG lines would cost encoding time
  encoder_.reset(x264_encoder_open(&param));
  if (!encoder_) {
    post_error("Can not initialize x264 encoder.",
               "x264_encoder_open refused " + caps.to_string() + " with these properties");
    return false;
  }
  layout_ = I420Layout::make(static_cast<int>(*width), static_cast<int>(*height));
  shift_ = param.i_bframe > 0 ? kBFrameShift : 0;

  x264_nal_t* nals = nullptr;
  int count = 0;
  std::string profile = "unknown";
  std::string level = "unknown";
  if (x264_encoder_headers(encoder_.get(), &nals, &count) >= 0) {
    for (int i = 0; i < count; ++i) {
      if (nals[i].i_type != NAL_SPS) continue;
      int size = nals[i].i_payload;
      const std::uint8_t* sps = skip_start_code(nals[i].p_payload, &size);
      profile = h264_profile_name(sps, static_cast<std::size_t>(size));
      level = h264_level_name(sps, static_cast<std::size_t>(size));
    }
  }
  std::string text =
      "video/x-h264, stream-format=(string)byte-stream, alignment=(string)au, "
      "profile=(string)" +
      profile + ", level=(string)" + level + ", width=(int)" + std::to_string(*width) +
      ", height=(int)" + std::to_string(*height) + ", pixel-aspect-ratio=(fraction)1/1";
  if (rate)
    text += ", framerate=(fraction)" + std::to_string(rate->num) + "/" + std::to_string(rate->den);
  out.push_event(Event::caps(Caps::from_string(text)));
  const int delayed = x264_encoder_maximum_delayed_frames(encoder_.get());
  GSTMINI_INFO_OBJECT(*this, "x264 opened for {}x{}: profile {}, level {}, up to {} frames held",
                      *width, *height, profile, level, delayed);
  if (delayed > 0) post_latency_message();
  return true;
}

bool X264Enc::sink_event(const Pad& pad, Event event, Output& out) {
  switch (event.type()) {
    case EventType::Caps:
      return open_encoder(event.parsed_caps(), out);
    case EventType::Segment: {
      segment_ = event.parsed_segment();
      if (shift_ == 0) break;
      Segment shifted = segment_;
      shifted.start += shift_;
      if (is_valid(shifted.stop)) shifted.stop += shift_;
      out.push_event(Event::segment(shifted));
      return true;
    }
    case EventType::Eos:
      drain(out);
      break;
    case EventType::FlushStop:
      // Frames held by libx264 belong to the flushed stream: start afresh.
      if (encoder_) {
        Caps caps = current_caps(pad);
        encoder_.reset();
        Output discard(*this);
        if (!caps.is_empty()) open_encoder(caps, discard);
      }
      forced_.clear();
      durations_.clear();
      break;
    case EventType::CustomDownstream:
      if (take_key_unit_request(event)) return true;
      break;
    default:
      break;
  }
  return Element::sink_event(pad, std::move(event), out);
}

bool X264Enc::src_event(const Pad& pad, Event event, Output& out) {
  if (event.type() == EventType::CustomUpstream && take_key_unit_request(event)) return true;
  return Element::src_event(pad, std::move(event), out);
}

bool X264Enc::take_key_unit_request(const Event& event) {
  const Structure& s = event.structure();
  if (s.name() != kForceKeyUnit) return false;
  const ClockTime at = s.get_as<std::uint64_t>("running-time").value_or(kClockTimeNone);
  // Several requests before the next keyframe: the earliest one wins.
  if (!key_unit_.pending || !is_valid(at) ||
      (is_valid(key_unit_.running_time) && at < key_unit_.running_time))
    key_unit_.running_time = at;
  key_unit_.pending = true;
  key_unit_.all_headers = s.get_as<bool>("all-headers").value_or(true);
  key_unit_.count = s.get_as<std::uint64_t>("count").value_or(0);
  GSTMINI_DEBUG_OBJECT(*this, "keyframe requested at running time {}",
                       format_time(key_unit_.running_time));
  return true;
}

QueryResult X264Enc::query(const Pad& pad, Query& q) {
  if (q.type == QueryType::Caps) {
    q.caps = pad_caps(pad).intersect(q.filter);
    return QueryResult::Handled;
  }
  return Element::query(pad, q);
}

void X264Enc::query_answered(Query& q) {
  if (q.type != QueryType::Latency || !encoder_ || !is_valid(frame_duration_)) return;
  const auto delayed = static_cast<ClockTime>(x264_encoder_maximum_delayed_frames(encoder_.get()));
  q.min_latency += delayed * frame_duration_;
  if (is_valid(q.max_latency)) q.max_latency += delayed * frame_duration_;
}

FlowReturn X264Enc::chain(const Pad&, Buffer buffer, Output& out) {
  if (!encoder_) return not_negotiated("x264enc got a buffer before caps");
  I420Layout in;
  if (!I420Layout::for_buffer(layout_.width, layout_.height, buffer.size(), &in)) {
    post_error("Failed to map frame",
               "buffer of " + std::to_string(buffer.size()) + " bytes is not an I420 frame of " +
                   std::to_string(layout_.width) + "x" + std::to_string(layout_.height) + " (" +
                   std::to_string(layout_.size) + " bytes expected)");
    return FlowReturn::Error;
  }
  x264_picture_t pic;
  x264_picture_init(&pic);
  pic.img.i_csp = X264_CSP_I420;
  pic.img.i_plane = 3;
  // libx264 reads the planes only; its API is not const-qualified.
  auto* base = const_cast<std::uint8_t*>(buffer.data());
  for (int i = 0; i < 3; ++i) {
    pic.img.plane[i] = base + in.offset[i];
    pic.img.i_stride[i] = static_cast<int>(in.stride[i]);
  }
  const ClockTime pts = is_valid(buffer.pts)
                            ? buffer.pts
                            : (is_valid(frame_duration_) ? frames_in_ * frame_duration_ : 0);
  pic.i_pts = static_cast<std::int64_t>(pts + shift_);
  durations_[pic.i_pts] = is_valid(buffer.duration) ? buffer.duration : frame_duration_;
  const ClockTime running = segment_.to_running_time(pts);
  if (key_unit_.pending && (!is_valid(key_unit_.running_time) ||
                            (is_valid(running) && running >= key_unit_.running_time))) {
    pic.i_type = X264_TYPE_IDR;
    forced_.insert(pic.i_pts);
    key_unit_.pending = false;
    GSTMINI_DEBUG_OBJECT(*this, "forcing an IDR at pts {} (running time {})", format_time(pts),
                         format_time(running));
  }
  ++frames_in_;
  return encode(&pic, out);
}

// `picture` is the x264_picture_t to encode, or null to take out a held one.
FlowReturn X264Enc::encode(void* picture, Output& out) {
  x264_nal_t* nals = nullptr;
  int count = 0;
  x264_picture_t pic_out;
  const int size = x264_encoder_encode(encoder_.get(), &nals, &count,
                                       static_cast<x264_picture_t*>(picture), &pic_out);
  if (size < 0) {
    post_error("Encode x264 frame failed.", "x264_encoder_encode returned " + std::to_string(size));
    return FlowReturn::Error;
  }
  if (size > 0) push_frame(nals, size, &pic_out, out);
  return FlowReturn::Ok;
}

void X264Enc::drain(Output& out) {
  if (!encoder_) return;
  while (x264_encoder_delayed_frames(encoder_.get()) > 0)
    if (encode(nullptr, out) != FlowReturn::Ok) return;
}

void X264Enc::push_frame(const void* nal_array, int size, const void* picture, Output& out) {
  const auto* nals = static_cast<const x264_nal_t*>(nal_array);
  const auto* pic = static_cast<const x264_picture_t*>(picture);
  // x264's NAL payloads of one frame are contiguous; they stay valid only
  // until the next encode call, hence the copy.
  std::vector<std::uint8_t> bytes(nals[0].p_payload, nals[0].p_payload + size);
  Buffer buffer = Buffer::wrap(std::move(bytes));
  buffer.pts = static_cast<ClockTime>(pic->i_pts);
  buffer.dts = pic->i_dts >= 0 ? static_cast<ClockTime>(pic->i_dts) : 0;
  auto d = durations_.find(pic->i_pts);
  if (d != durations_.end()) {
    buffer.duration = d->second;
    durations_.erase(d);
  }
  buffer.offset = frames_out_++;
  if (!pic->b_keyframe) buffer.set_flag(BufferFlags::DeltaUnit);
  auto forced = forced_.find(pic->i_pts);
  if (forced != forced_.end()) {
    forced_.erase(forced);
    if (pic->b_keyframe) {
      const ClockTime pts = buffer.pts - shift_;
      Structure s(kForceKeyUnit);
      s.set("timestamp", buffer.pts)
          .set("stream-time", segment_.to_stream_time(pts))
          .set("running-time", segment_.to_running_time(pts))
          .set("all-headers", key_unit_.all_headers)
          .set("count", key_unit_.count);
      out.push_event(Event::custom_downstream(std::move(s)));
    }
  }
  GSTMINI_LOG_OBJ(*this, "encoded {} ({} bytes, {})", format_time(buffer.pts), size,
                  pic->b_keyframe ? "keyframe" : "delta");
  out.push(std::move(buffer));
}

}  // namespace gstmini
