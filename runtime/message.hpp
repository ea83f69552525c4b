// Message: what elements and the pipeline tell the application through the
// bus (GstMessage). Types are bit flags with GStreamer's values so they can be
// combined into a filter: MessageType::Eos | MessageType::Error.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/clock_time.hpp"
#include "runtime/state.hpp"
#include "runtime/value.hpp"

namespace gstmini {

enum class MessageType : std::uint32_t {
  Unknown = 0,
  Eos = 1u << 0,
  Error = 1u << 1,
  Warning = 1u << 2,
  Info = 1u << 3,
  StateChanged = 1u << 6,
  NewClock = 1u << 11,
  Application = 1u << 14,
  Element = 1u << 15,
  Latency = 1u << 19,
  AsyncStart = 1u << 20,
  AsyncDone = 1u << 21,
  StreamStart = 1u << 28,
  // GStreamer's GST_MESSAGE_PROPERTY_NOTIFY is an "extended" type; here it
  // takes the extended bit. Posted only while a deep-notify watch is on.
  PropertyNotify = 1u << 31,
  Any = ~0u,
};

constexpr MessageType operator|(MessageType a, MessageType b) {
  return static_cast<MessageType>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr bool matches(MessageType type, MessageType mask) {
  return (static_cast<std::uint32_t>(type) & static_cast<std::uint32_t>(mask)) != 0;
}

struct Message {
  MessageType type = MessageType::Unknown;
  std::string source;  // name of the element (or pipeline) that posted it

  // ERROR / WARNING / INFO: a readable reason and debug details.
  std::string text;
  std::string debug;

  // STATE_CHANGED
  State old_state = State::VoidPending;
  State new_state = State::VoidPending;
  State pending_state = State::VoidPending;

  // ELEMENT / APPLICATION payload.
  Structure structure;

  static Message eos(std::string source);
  static Message error(std::string source, std::string text, std::string debug = {});
  static Message warning(std::string source, std::string text, std::string debug = {});
  static Message state_changed(std::string source, State old_state, State new_state, State pending);
  static Message async_done(std::string source);
  static Message element(std::string source, Structure structure);
  // NEW_CLOCK: `text` names the clock.
  static Message new_clock(std::string source, std::string clock_name);
  // PROPERTY_NOTIFY: `object` is the element's name, or "element.pad" for a
  // pad property (a pad's "caps"); structure "property-notify" carries
  // object, property-name and value (as text).
  static Message property_notify(std::string source, std::string object, std::string property,
                                 std::string value);
};

const char* to_string(MessageType type);  // "eos", "error", "state-changed", ...
// One line for logs and tools: "ERROR from element sink0: boom (debug: ...)".
std::string describe(const Message& message);

}  // namespace gstmini
