// Event: out-of-band information travelling along pads (GstEvent).
//
// Serialized downstream events (STREAM_START, SEGMENT, GAP, EOS, custom)
// travel in order with the buffers of a link and never overtake one.
// FLUSH_START / FLUSH_STOP are not serialized: they overtake queued data.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "runtime/clock_time.hpp"
#include "runtime/segment.hpp"
#include "runtime/value.hpp"

namespace gstmini {

enum class EventType {
  StreamStart,
  Segment,
  Gap,
  Eos,
  FlushStart,
  FlushStop,
  CustomDownstream,
  CustomUpstream,
};

class Event {
 public:
  static Event stream_start(std::string stream_id);
  static Event segment(const Segment& segment);
  static Event gap(ClockTime timestamp, ClockTime duration);
  static Event eos();
  static Event flush_start();
  static Event flush_stop(bool reset_time = true);
  static Event custom_downstream(Structure structure);
  static Event custom_upstream(Structure structure);

  EventType type() const { return type_; }
  std::uint32_t seqnum() const { return seqnum_; }
  bool is_serialized() const;
  bool is_downstream() const { return type_ != EventType::CustomUpstream; }
  bool is_sticky() const;  // remembered by a pad: stream-start, segment, eos

  const Segment& parsed_segment() const { return std::get<Segment>(data_); }
  const std::string& stream_id() const { return std::get<std::string>(data_); }
  const Structure& structure() const { return std::get<Structure>(data_); }
  std::pair<ClockTime, ClockTime> parsed_gap() const { return std::get<Gap>(data_).span; }
  bool reset_time() const { return std::get<bool>(data_); }

 private:
  struct Gap {
    std::pair<ClockTime, ClockTime> span;
  };
  using Data = std::variant<std::monostate, Segment, std::string, Structure, Gap, bool>;
  Event(EventType type, Data data);

  EventType type_;
  std::uint32_t seqnum_;
  Data data_;
};

const char* to_string(EventType type);  // "eos", "segment", ... (GStreamer's names)

}  // namespace gstmini
