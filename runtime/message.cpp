#include "runtime/message.hpp"

#include <utility>

namespace gstmini {

Message Message::eos(std::string source) {
  Message m;
  m.type = MessageType::Eos;
  m.source = std::move(source);
  return m;
}

Message Message::error(std::string source, std::string text, std::string debug) {
  Message m;
  m.type = MessageType::Error;
  m.source = std::move(source);
  m.text = std::move(text);
  m.debug = std::move(debug);
  return m;
}

Message Message::warning(std::string source, std::string text, std::string debug) {
  Message m = error(std::move(source), std::move(text), std::move(debug));
  m.type = MessageType::Warning;
  return m;
}

Message Message::state_changed(std::string source, State old_state, State new_state,
                               State pending) {
  Message m;
  m.type = MessageType::StateChanged;
  m.source = std::move(source);
  m.old_state = old_state;
  m.new_state = new_state;
  m.pending_state = pending;
  return m;
}

Message Message::async_done(std::string source) {
  Message m;
  m.type = MessageType::AsyncDone;
  m.source = std::move(source);
  return m;
}

Message Message::element(std::string source, Structure structure) {
  Message m;
  m.type = MessageType::Element;
  m.source = std::move(source);
  m.structure = std::move(structure);
  return m;
}

Message Message::property_notify(std::string source, std::string object, std::string property,
                                 std::string value) {
  Message m;
  m.type = MessageType::PropertyNotify;
  m.source = std::move(source);
  m.structure = Structure("property-notify");
  m.structure.set("object", std::move(object));
  m.structure.set("property-name", std::move(property));
  m.structure.set("value", std::move(value));
  return m;
}

Message Message::new_clock(std::string source, std::string clock_name) {
  Message m;
  m.type = MessageType::NewClock;
  m.source = std::move(source);
  m.text = std::move(clock_name);
  return m;
}

const char* to_string(MessageType type) {
  switch (type) {
    case MessageType::Eos:
      return "eos";
    case MessageType::Error:
      return "error";
    case MessageType::Warning:
      return "warning";
    case MessageType::Info:
      return "info";
    case MessageType::StateChanged:
      return "state-changed";
    case MessageType::NewClock:
      return "new-clock";
    case MessageType::Application:
      return "application";
    case MessageType::Element:
      return "element";
    case MessageType::Latency:
      return "latency";
    case MessageType::AsyncStart:
      return "async-start";
    case MessageType::AsyncDone:
      return "async-done";
    case MessageType::StreamStart:
      return "stream-start";
    case MessageType::PropertyNotify:
      return "property-notify";
    default:
      return "unknown";
  }
}

std::string describe(const Message& m) {
  switch (m.type) {
    case MessageType::Error:
    case MessageType::Warning:
    case MessageType::Info: {
      std::string kind = m.type == MessageType::Error     ? "ERROR"
                         : m.type == MessageType::Warning ? "WARNING"
                                                          : "INFO";
      std::string text = kind + " from element " + m.source + ": " + m.text;
      if (!m.debug.empty()) text += "\nAdditional debug info:\n" + m.debug;
      return text;
    }
    case MessageType::StateChanged:
      return m.source + ": state changed from " + to_string(m.old_state) + " to " +
             to_string(m.new_state) + " (pending " + to_string(m.pending_state) + ")";
    case MessageType::Element:
    case MessageType::Application:
      return std::string(to_string(m.type)) + " message from " + m.source + ": " +
             to_string(m.structure);
    case MessageType::PropertyNotify: {
      auto field = [&](const char* name) {
        return m.structure.get_as<std::string>(name).value_or(std::string());
      };
      return field("object") + ": " + field("property-name") + " = " + field("value");
    }
    default:
      return std::string(to_string(m.type)) + " from " + m.source;
  }
}

}  // namespace gstmini
