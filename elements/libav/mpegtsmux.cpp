#include "elements/libav/mpegtsmux.hpp"

namespace gstmini {

namespace {

constexpr const char* kSinkCaps =
    "video/x-h264, stream-format=(string)byte-stream, alignment=(string)au";
constexpr const char* kSrcCaps = "video/mpegts, systemstream=(boolean)true, packetsize=(int)188";

}  // namespace

const ElementClass& MpegTsMux::element_class() {
  static const ElementClass klass{
      "mpegtsmux",
      "MPEG Transport Stream Muxer",
      "Codec/Muxer",
      "Multiplexes media streams into an MPEG Transport Stream (libavformat)",
      "gstmini",
      {{"sink_%d", PadDirection::Sink, PadPresence::Request, kSinkCaps},
       {"src", PadDirection::Src, PadPresence::Always, kSrcCaps}},
      {PropertySpec::uint64("packets-written", 0, 0, ~std::uint64_t{0},
                            "188-byte transport packets written so far")
           .read_only()}};
  return klass;
}

MpegTsMux::MpegTsMux(std::string name) : Element(element_class(), std::move(name)) {}

const Pad* MpegTsMux::request_new_pad(const PadTemplate& templ, const std::string& name,
                                      std::string* error) {
  if (templ.direction == PadDirection::Sink && count_pads(PadDirection::Sink) >= 1) {
    *error = this->name() + " carries one video stream; a second sink pad was requested";
    return nullptr;
  }
  return Element::request_new_pad(templ, name, error);
}

bool MpegTsMux::start() {
  writer_.close();
  segment_ = Segment{};
  segment_sent_ = false;
  packets_ = 0;
  set_stat("packets-written", std::uint64_t{0});
  return true;
}

bool MpegTsMux::stop() {
  writer_.close();
  return true;
}

QueryResult MpegTsMux::query(const Pad& pad, Query& q) {
  if (q.type == QueryType::Caps) {
    q.caps = pad_caps(pad).intersect(q.filter);
    return QueryResult::Handled;
  }
  return Element::query(pad, q);
}

bool MpegTsMux::sink_event(const Pad& pad, Event event, Output& out) {
  switch (event.type()) {
    case EventType::Caps: {
      const CapsStructure& s = event.parsed_caps().structure(0);
      const auto* w = s.get("width") ? s.get("width")->get_if<std::int64_t>() : nullptr;
      const auto* h = s.get("height") ? s.get("height")->get_if<std::int64_t>() : nullptr;
      width_ = w ? static_cast<int>(*w) : 0;
      height_ = h ? static_cast<int>(*h) : 0;
      out.push_event(Event::caps(Caps::from_string(kSrcCaps)));
      return true;
    }
    case EventType::Segment:
      // The output is one continuous stream in running time.
      segment_ = event.parsed_segment();
      if (segment_sent_) return true;
      segment_sent_ = true;
      out.push_event(Event::segment(Segment{}));
      return true;
    case EventType::Eos: {
      std::vector<std::uint8_t> bytes;
      std::string error;
      if (!writer_.finish(&bytes, &error))
        post_error("Could not finish the transport stream", error);
      if (!bytes.empty()) {
        Buffer tail = Buffer::wrap(std::move(bytes));
        tail.set_flag(BufferFlags::DeltaUnit);
        out.push(std::move(tail));
      }
      break;
    }
    case EventType::CustomDownstream:
      break;  // force-key-unit from the encoder goes on to the segmenter
    default:
      break;
  }
  return Element::sink_event(pad, std::move(event), out);
}

// Signed: a DTS may precede the segment start by the B-frame reorder delay.
std::int64_t MpegTsMux::running_time_ns(ClockTime ts) const {
  return static_cast<std::int64_t>(ts) - static_cast<std::int64_t>(segment_.start) +
         static_cast<std::int64_t>(segment_.base);
}

FlowReturn MpegTsMux::chain(const Pad&, Buffer buffer, Output& out) {
  if (!is_valid(buffer.pts))
    return not_negotiated("mpegtsmux needs timestamps: a buffer has no PTS");
  std::string error;
  if (!writer_.is_open() && !writer_.open(width_, height_, &error)) {
    post_error("Could not create the MPEG-TS muxer", error);
    return FlowReturn::Error;
  }
  const bool keyframe = !buffer.has_flag(BufferFlags::DeltaUnit);
  const std::int64_t pts = running_time_ns(buffer.pts);
  const std::int64_t dts = is_valid(buffer.dts) ? running_time_ns(buffer.dts) : pts;
  std::vector<std::uint8_t> bytes;
  if (!writer_.write(buffer.data(), buffer.size(), pts, dts, keyframe, &bytes, &error)) {
    post_error("Could not mux a buffer", error + " (pts " + format_time(buffer.pts) + ")");
    return FlowReturn::Error;
  }
  packets_ += bytes.size() / 188;
  set_stat("packets-written", packets_);
  Buffer ts = Buffer::wrap(std::move(bytes));
  // Running time, as the segment pushed downstream starts at 0.
  ts.pts = pts >= 0 ? static_cast<ClockTime>(pts) : 0;
  ts.dts = dts >= 0 ? static_cast<ClockTime>(dts) : 0;
  ts.duration = buffer.duration;
  if (!keyframe) ts.set_flag(BufferFlags::DeltaUnit);
  GSTMINI_LOG_OBJ(*this, "muxed {} ({} bytes{})", format_time(ts.pts), ts.size(),
                  keyframe ? ", keyframe" : "");
  out.push(std::move(ts));
  return FlowReturn::Ok;
}

}  // namespace gstmini
