#include "runtime/event.hpp"

#include <atomic>
#include <utility>

namespace gstmini {

namespace {
std::uint32_t next_seqnum() {
  static std::atomic<std::uint32_t> counter{1};
  return counter.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

Event::Event(EventType type, Data data)
    : type_(type), seqnum_(next_seqnum()), data_(std::move(data)) {}

Event Event::stream_start(std::string stream_id) {
  return Event(EventType::StreamStart, std::move(stream_id));
}
Event Event::caps(gstmini::Caps caps) { return Event(EventType::Caps, std::move(caps)); }
Event Event::segment(const Segment& segment) { return Event(EventType::Segment, segment); }
Event Event::gap(ClockTime timestamp, ClockTime duration) {
  return Event(EventType::Gap, Gap{{timestamp, duration}});
}
Event Event::eos() { return Event(EventType::Eos, std::monostate{}); }
Event Event::flush_start() { return Event(EventType::FlushStart, std::monostate{}); }
Event Event::flush_stop(bool reset_time) { return Event(EventType::FlushStop, reset_time); }
Event Event::custom_downstream(Structure structure) {
  return Event(EventType::CustomDownstream, std::move(structure));
}
Event Event::seek(const SeekArgs& args) { return Event(EventType::Seek, args); }
Event Event::latency(ClockTime latency) { return Event(EventType::Latency, latency); }
Event Event::qos(const QosArgs& args) { return Event(EventType::Qos, args); }
Event Event::custom_upstream(Structure structure) {
  return Event(EventType::CustomUpstream, std::move(structure));
}

bool Event::is_sticky() const {
  return type_ == EventType::StreamStart || type_ == EventType::Caps ||
         type_ == EventType::Segment || type_ == EventType::Eos;
}

const char* to_string(EventType type) {
  switch (type) {
    case EventType::StreamStart:
      return "stream-start";
    case EventType::Caps:
      return "caps";
    case EventType::Segment:
      return "segment";
    case EventType::Gap:
      return "gap";
    case EventType::Eos:
      return "eos";
    case EventType::FlushStart:
      return "flush-start";
    case EventType::FlushStop:
      return "flush-stop";
    case EventType::CustomDownstream:
      return "custom-downstream";
    case EventType::Seek:
      return "seek";
    case EventType::Latency:
      return "latency";
    case EventType::Qos:
      return "qos";
    case EventType::CustomUpstream:
      return "custom-upstream";
  }
  return "?";
}

}  // namespace gstmini
