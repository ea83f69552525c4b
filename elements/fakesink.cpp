#include "elements/fakesink.hpp"

#include <cstdio>
#include <limits>

#include "runtime/last_message.hpp"

namespace gstmini {

const ElementClass& FakeSink::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"fakesink",
                   "Fake Sink",
                   "Sink",
                   "Black hole for data",
                   "gstmini",
                   {{"sink", PadDirection::Sink, PadPresence::Always, "ANY"}},
                   Sink::base_properties(false)};
    k.properties.push_back(
        PropertySpec::boolean("silent", true, "Don't produce last-message events"));
    k.properties.push_back(PropertySpec::boolean("dump", false, "Dump buffer contents to stdout"));
    k.properties.push_back(PropertySpec::integer("num-buffers", -1, -1,
                                                 std::numeric_limits<std::int32_t>::max(),
                                                 "Number of buffers to accept going EOS"));
    k.properties.push_back(
        PropertySpec::string("last-message", "", "The message describing current status")
            .read_only());
    return k;
  }();
  return klass;
}

FakeSink::FakeSink(std::string name)
    : Sink(element_class(), std::move(name)), last_message_index_(stat_index("last-message")) {}

void FakeSink::refresh_settings() {
  if (settings_changed(&settings_seen_))
    settings_ = Settings{get<bool>("silent"), get<bool>("dump"), get<std::int64_t>("num-buffers")};
}

void FakeSink::set_handoff(Handoff handoff) {
  std::lock_guard<std::mutex> lock(handoff_mutex_);
  handoff_ = std::move(handoff);
  has_handoff_ = handoff_ || preroll_handoff_;
}

void FakeSink::set_preroll_handoff(Handoff handoff) {
  std::lock_guard<std::mutex> lock(handoff_mutex_);
  preroll_handoff_ = std::move(handoff);
  has_handoff_ = handoff_ || preroll_handoff_;
}

bool FakeSink::start() {
  accepted_ = 0;
  return true;
}

void FakeSink::set_last_message(const std::string& message) {
  set_stat(last_message_index_, message);
  notify_property({}, "last-message", message);
  GSTMINI_INFO_OBJECT(*this, "{}", message);
}

FlowReturn FakeSink::preroll(const Buffer& buffer) {
  refresh_settings();
  // GStreamer's fakesink says only this at preroll; the buffer's details
  // follow when it is rendered.
  if (!settings_.silent) set_last_message("preroll   ******* ");
  return preroll_handoff(buffer);
}

FlowReturn FakeSink::preroll_handoff(const Buffer& buffer) {
  if (!has_handoff_.load(std::memory_order_acquire)) return FlowReturn::Ok;
  std::lock_guard<std::mutex> lock(handoff_mutex_);
  if (preroll_handoff_) preroll_handoff_(buffer, *this);
  return FlowReturn::Ok;
}

FlowReturn FakeSink::render(const Buffer& buffer) {
  refresh_settings();
  if (settings_.num_buffers >= 0 && accepted_ >= settings_.num_buffers) return FlowReturn::Eos;
  ++accepted_;
  if (!settings_.silent) set_last_message(buffer_last_message("chain", name() + ":sink", buffer));
  if (settings_.dump && buffer.size()) {
    for (std::size_t i = 0; i < buffer.size(); i += 16) {
      std::printf("%08zx: ", i);
      for (std::size_t j = i; j < i + 16 && j < buffer.size(); ++j)
        std::printf("%02x ", buffer.data()[j]);
      std::printf("\n");
    }
  }
  if (!has_handoff_.load(std::memory_order_acquire)) return FlowReturn::Ok;
  std::lock_guard<std::mutex> lock(handoff_mutex_);
  if (handoff_) handoff_(buffer, *this);
  return FlowReturn::Ok;
}

void FakeSink::on_event(const Event& event) {
  refresh_settings();
  if (!settings_.silent) set_last_message(event_last_message(name() + ":sink", event));
}

}  // namespace gstmini
