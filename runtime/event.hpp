// Event: information travelling along pads next to the data (GstEvent).
//
// Downstream, serialized: STREAM_START, CAPS, SEGMENT, GAP, EOS, FLUSH_STOP and
//   custom-downstream travel in order with the buffers of a link and never
//   overtake one.
// Downstream, not serialized: FLUSH_START overtakes queued data: the link it
//   crosses drops what is in flight (its epoch changes), sinks stop waiting
//   and every push returns FLUSHING until FLUSH_STOP.
// Upstream: SEEK, LATENCY, QOS and custom-upstream go from sinks toward
//   sources, element by element, out of band.
// Sticky events (STREAM_START, CAPS, SEGMENT, EOS) are remembered by the pad that
// pushed them and sent again to a peer linked later, before its first buffer.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "runtime/caps/caps.hpp"
#include "runtime/clock_time.hpp"
#include "runtime/segment.hpp"
#include "runtime/value.hpp"

namespace gstmini {

enum class EventType {
  StreamStart,
  Caps,  // the format of the buffers that follow
  Segment,
  Gap,
  Eos,
  FlushStart,
  FlushStop,
  CustomDownstream,
  Seek,
  Latency,
  Qos,
  CustomUpstream,
};

// What a SEEK asks for (gst_event_new_seek's arguments).
struct SeekArgs {
  double rate = 1.0;
  SeekFlags flags = SeekFlags::None;
  SeekType start_type = SeekType::Set;
  ClockTime start = 0;
  SeekType stop_type = SeekType::None;
  ClockTime stop = kClockTimeNone;
  Format format = Format::Time;  // the unit of start and stop (last: keeps {rate, ...} inits)
};

// QOS from a sink: how late (diff > 0) it rendered the buffer at `timestamp`.
struct QosArgs {
  double proportion = 1.0;
  ClockTimeDiff diff = 0;
  ClockTime timestamp = kClockTimeNone;
};

class Event {
 public:
  static Event stream_start(std::string stream_id);
  static Event caps(gstmini::Caps caps);
  static Event segment(const Segment& segment);
  static Event gap(ClockTime timestamp, ClockTime duration);
  static Event eos();
  static Event flush_start();
  static Event flush_stop(bool reset_time = true);
  static Event custom_downstream(Structure structure);
  static Event seek(const SeekArgs& args);
  static Event latency(ClockTime latency);
  static Event qos(const QosArgs& args);
  static Event custom_upstream(Structure structure);

  EventType type() const { return type_; }
  std::uint32_t seqnum() const { return seqnum_; }
  bool is_downstream() const { return type_ <= EventType::CustomDownstream; }
  bool is_upstream() const { return !is_downstream(); }
  // In order with the buffers of a link (everything downstream but FLUSH_START).
  bool is_serialized() const { return is_downstream() && type_ != EventType::FlushStart; }
  bool is_sticky() const;  // remembered by a pad: stream-start, caps, segment, eos

  const Segment& parsed_segment() const { return std::get<Segment>(data_); }
  const gstmini::Caps& parsed_caps() const { return std::get<gstmini::Caps>(data_); }
  const std::string& stream_id() const { return std::get<std::string>(data_); }
  const Structure& structure() const { return std::get<Structure>(data_); }
  std::pair<ClockTime, ClockTime> parsed_gap() const { return std::get<Gap>(data_).span; }
  bool reset_time() const { return std::get<bool>(data_); }
  const SeekArgs& parsed_seek() const { return std::get<SeekArgs>(data_); }
  ClockTime parsed_latency() const { return std::get<ClockTime>(data_); }
  const QosArgs& parsed_qos() const { return std::get<QosArgs>(data_); }

 private:
  struct Gap {
    std::pair<ClockTime, ClockTime> span;
  };
  using Data = std::variant<std::monostate, Segment, std::string, Structure, Gap, bool, SeekArgs,
                            ClockTime, QosArgs, gstmini::Caps>;
  Event(EventType type, Data data);

  EventType type_;
  std::uint32_t seqnum_;
  Data data_;
};

const char* to_string(EventType type);  // "eos", "segment", ... (GStreamer's names)

}  // namespace gstmini
