#include "runtime/last_message.hpp"

#include <cinttypes>
#include <cstdio>

#include "runtime/clock_time.hpp"

namespace gstmini {

namespace {

std::string time_or_none(ClockTime t) { return is_valid(t) ? format_time(t) : "none"; }

// gst_buffer_get_flags_string: the names of the set flags, each followed by
// a space. Bits 0-3 are GstMiniObject's own flags, never set here.
std::string flag_names(BufferFlags flags) {
  static const char* const kNames[] = {
      "live", "decode-only", "discont",    "resync",     "corrupted",  "marker",       "header",
      "gap",  "droppable",   "delta-unit", "tag-memory", "sync-after", "non-droppable"};
  const auto bits = static_cast<std::uint32_t>(flags);
  std::string out;
  for (unsigned i = 0; i < sizeof kNames / sizeof kNames[0]; ++i)
    if (bits & (1u << (i + 4))) out += std::string(kNames[i]) + " ";
  return out;
}

std::string pointer(const void* p) {
  char text[32];
  std::snprintf(text, sizeof text, "%p", p);
  return text;
}

}  // namespace

std::string buffer_last_message(const char* what, const std::string& pad, const Buffer& buffer) {
  char numbers[128];
  std::snprintf(numbers, sizeof numbers,
                ", offset: %" PRId64 ", offset_end: %" PRId64 ", flags: %08" PRIx32 " ",
                static_cast<std::int64_t>(buffer.offset),
                static_cast<std::int64_t>(buffer.offset_end),
                static_cast<std::uint32_t>(buffer.flags()));
  return std::string(what) + "   ******* (" + pad + ") (" + std::to_string(buffer.size()) +
         " bytes, dts: " + time_or_none(buffer.dts) + ", pts: " + time_or_none(buffer.pts) +
         ", duration: " + time_or_none(buffer.duration) + numbers + flag_names(buffer.flags()) +
         ", meta: none) " + pointer(&buffer);
}

unsigned gst_event_type_number(EventType type) {
  // GST_EVENT_MAKE_TYPE (num, flags) = num << 8 | flags; the flags are
  // UPSTREAM 1, DOWNSTREAM 2, SERIALIZED 4, STICKY 8, STICKY_MULTI 16.
  switch (type) {
    case EventType::FlushStart:
      return 10u << 8 | 3;
    case EventType::FlushStop:
      return 20u << 8 | 7;
    case EventType::StreamStart:
      return 40u << 8 | 14;
    case EventType::Caps:
      return 50u << 8 | 14;
    case EventType::Segment:
      return 70u << 8 | 14;
    case EventType::Eos:
      return 110u << 8 | 14;
    case EventType::Gap:
      return 160u << 8 | 6;
    case EventType::Qos:
      return 190u << 8 | 1;
    case EventType::Seek:
      return 200u << 8 | 1;
    case EventType::Latency:
      return 220u << 8 | 1;
    case EventType::CustomUpstream:
      return 256u << 8 | 1;
    case EventType::CustomDownstream:
      return 260u << 8 | 6;
  }
  return 0;
}

std::string event_last_message(const std::string& pad, const Event& event) {
  std::string structure;
  if (event.type() == EventType::Caps)
    structure = "GstEventCaps, caps=(GstCaps)\"" + event.parsed_caps().to_string() + "\";";
  return "event   ******* (" + pad + ") E (type: " + to_string(event.type()) + " (" +
         std::to_string(gst_event_type_number(event.type())) + "), " + structure + ") " +
         pointer(&event);
}

}  // namespace gstmini
