#include "elements/libav/avdec_h264.hpp"

#include <cstring>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
}

#include "elements/i420_layout.hpp"

namespace gstmini {

namespace {

constexpr const char* kSinkCaps =
    "video/x-h264, stream-format=(string)byte-stream, alignment=(string)au";
constexpr const char* kSrcCaps =
    "video/x-raw, format=(string)I420, width=(int)[ 1, 2147483647 ], "
    "height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]";
constexpr AVRational kNanoseconds{1, 1000000000};

std::string av_error_text(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

}  // namespace

const ElementClass& AvDecH264::element_class() {
  static const ElementClass klass{
      "avdec_h264",
      "libav H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 decoder",
      "Codec/Decoder/Video",
      "libav h264 decoder",
      "gstmini",
      {{"sink", PadDirection::Sink, PadPresence::Always, kSinkCaps},
       {"src", PadDirection::Src, PadPresence::Always, kSrcCaps}},
      {PropertySpec::integer("max-threads", 0, 0, 2147483647,
                             "Maximum number of worker threads to spawn. (0 = auto)")}};
  return klass;
}

AvDecH264::AvDecH264(std::string name) : Element(element_class(), std::move(name)) {}
AvDecH264::~AvDecH264() { close_decoder(); }

bool AvDecH264::start() {
  decoded_ = 0;
  width_ = height_ = 0;
  return open_decoder();
}

bool AvDecH264::stop() {
  close_decoder();
  return true;
}

bool AvDecH264::open_decoder() {
  close_decoder();
  const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_H264);
  ctx_ = codec ? avcodec_alloc_context3(codec) : nullptr;
  frame_ = av_frame_alloc();
  if (!ctx_ || !frame_) {
    post_error("Could not create the H.264 decoder", "libavcodec has no h264 decoder");
    return false;
  }
  ctx_->thread_count = static_cast<int>(get<std::int64_t>("max-threads"));
  ctx_->pkt_timebase = kNanoseconds;
  const int ret = avcodec_open2(ctx_, codec, nullptr);
  if (ret < 0) {
    post_error("Could not open the H.264 decoder", av_error_text(ret));
    return false;
  }
  return true;
}

void AvDecH264::close_decoder() {
  if (ctx_) avcodec_free_context(&ctx_);
  if (frame_) av_frame_free(&frame_);
}

QueryResult AvDecH264::query(const Pad& pad, Query& q) {
  if (q.type == QueryType::Caps) {
    q.caps = pad_caps(pad).intersect(q.filter);
    return QueryResult::Handled;
  }
  return Element::query(pad, q);
}

bool AvDecH264::sink_event(const Pad& pad, Event event, Output& out) {
  switch (event.type()) {
    case EventType::Caps: {
      const CapsStructure& s = event.parsed_caps().structure(0);
      const auto* rate = s.get("framerate") ? s.get("framerate")->get_if<Fraction>() : nullptr;
      framerate_ = rate ? *rate : Fraction{0, 1};
      return true;  // the output caps follow from the first decoded frame
    }
    case EventType::Eos:
      if (ctx_) decode(nullptr, out);
      break;
    case EventType::FlushStop:
      if (ctx_) avcodec_flush_buffers(ctx_);
      break;
    default:
      break;
  }
  return Element::sink_event(pad, std::move(event), out);
}

FlowReturn AvDecH264::chain(const Pad&, Buffer buffer, Output& out) {
  if (!ctx_) return FlowReturn::Error;
  AVPacket* pkt = av_packet_alloc();
  if (!pkt) return FlowReturn::Error;
  // Not reference-counted: avcodec_send_packet copies what it keeps.
  pkt->data = const_cast<std::uint8_t*>(buffer.data());
  pkt->size = static_cast<int>(buffer.size());
  pkt->pts = is_valid(buffer.pts) ? static_cast<std::int64_t>(buffer.pts) : AV_NOPTS_VALUE;
  pkt->dts = is_valid(buffer.dts) ? static_cast<std::int64_t>(buffer.dts) : AV_NOPTS_VALUE;
  pkt->duration = is_valid(buffer.duration) ? static_cast<std::int64_t>(buffer.duration) : 0;
  if (!buffer.has_flag(BufferFlags::DeltaUnit)) pkt->flags |= AV_PKT_FLAG_KEY;
  FlowReturn ret = decode(pkt, out);
  av_packet_free(&pkt);
  return ret;
}

FlowReturn AvDecH264::decode(AVPacket* packet, Output& out) {
  int ret = avcodec_send_packet(ctx_, packet);
  if (ret < 0 && ret != AVERROR_EOF) {
    // A damaged access unit is skipped (GStreamer's decoders warn and go on).
    post_warning("Could not decode a frame", av_error_text(ret));
    return FlowReturn::Ok;
  }
  for (;;) {
    ret = avcodec_receive_frame(ctx_, frame_);
    if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return FlowReturn::Ok;
    if (ret < 0) {
      post_error("Could not decode stream", av_error_text(ret));
      return FlowReturn::Error;
    }
    FlowReturn pushed = push_frame(*frame_, out);
    av_frame_unref(frame_);
    if (pushed != FlowReturn::Ok) return pushed;
  }
}

FlowReturn AvDecH264::push_frame(const AVFrame& frame, Output& out) {
  if (frame.format != AV_PIX_FMT_YUV420P && frame.format != AV_PIX_FMT_YUVJ420P) {
    post_error("Unsupported output format",
               "avdec_h264 here outputs I420 only; the stream "
               "decodes to libav pixel format " +
                   std::to_string(frame.format));
    return FlowReturn::NotNegotiated;
  }
  if (frame.width != width_ || frame.height != height_) {
    width_ = frame.width;
    height_ = frame.height;
    std::string caps = "video/x-raw, format=(string)I420, width=(int)" + std::to_string(width_) +
                       ", height=(int)" + std::to_string(height_) +
                       ", pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)" +
                       std::to_string(framerate_.num) + "/" + std::to_string(framerate_.den);
    out.push_event(Event::caps(Caps::from_string(caps)));
  }
  const I420Layout layout = I420Layout::make(width_, height_);
  Buffer buffer(layout.size);
  std::uint8_t* dst = buffer.map_writable();
  for (int plane = 0; plane < 3; ++plane) {
    const int rows = plane == 0 ? height_ : (height_ + 1) / 2;
    const auto bytes = static_cast<std::size_t>(plane == 0 ? width_ : (width_ + 1) / 2);
    for (int y = 0; y < rows; ++y)
      std::memcpy(dst + layout.offset[plane] + layout.stride[plane] * static_cast<std::size_t>(y),
                  frame.data[plane] + static_cast<std::ptrdiff_t>(frame.linesize[plane]) * y,
                  bytes);
  }
  if (frame.best_effort_timestamp != AV_NOPTS_VALUE)
    buffer.pts = static_cast<ClockTime>(frame.best_effort_timestamp);
  if (frame.pkt_duration > 0) buffer.duration = static_cast<ClockTime>(frame.pkt_duration);
  buffer.offset = decoded_++;
  if (!frame.key_frame) buffer.set_flag(BufferFlags::DeltaUnit);
  out.push(std::move(buffer));
  return FlowReturn::Ok;
}

}  // namespace gstmini
