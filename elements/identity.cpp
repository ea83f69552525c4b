#include "elements/identity.hpp"

#include <chrono>
#include <limits>
#include <thread>

#include "runtime/last_message.hpp"

namespace gstmini {

const ElementClass& Identity::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"identity", "Identity",
                   "Generic",  "Pass data without modification",
                   "gstmini",  transform_pad_templates(),
                   {}};
    // guint in GStreamer: a larger value is refused, as gst-launch-1.0
    // refuses it ("could not set property"); microseconds up to 2^32 - 1
    // also keep sleep_for's nanoseconds and now() + work far from overflow.
    const std::uint64_t max_uint = std::numeric_limits<std::uint32_t>::max();
    k.properties.push_back(PropertySpec::boolean("silent", true, "silent"));
    k.properties.push_back(
        PropertySpec::uint64("sleep-time", 0, 0, max_uint,
                             "Microseconds to sleep between processing (blocks the worker)"));
    k.properties.push_back(PropertySpec::uint64("cpu-work", 0, 0, max_uint,
                                                "Microseconds of busy CPU work per buffer"));
    k.properties.push_back(PropertySpec::integer("error-after", -1, -1,
                                                 std::numeric_limits<std::int32_t>::max(),
                                                 "Error after N buffers (-1 = never)"));
    k.properties.push_back(PropertySpec::string("last-message", "", "last-message").read_only());
    return k;
  }();
  return klass;
}

Identity::Identity(std::string name)
    : Transform(element_class(), std::move(name)),
      last_message_index_(stat_index("last-message")) {}

void Identity::refresh_settings() {
  if (settings_changed(&settings_seen_))
    settings_ = Settings{get<bool>("silent"), get<std::uint64_t>("sleep-time"),
                         get<std::uint64_t>("cpu-work"), get<std::int64_t>("error-after")};
}

void Identity::set_last_message(const std::string& message) {
  set_stat(last_message_index_, message);
  notify_property({}, "last-message", message);
  GSTMINI_INFO_OBJECT(*this, "{}", message);
}

bool Identity::sink_event(const Pad& pad, Event event, Output& out) {
  refresh_settings();
  if (!settings_.silent) set_last_message(event_last_message(name() + ":" + pad.name, event));
  return Transform::sink_event(pad, std::move(event), out);
}

bool Identity::start() {
  seen_ = 0;
  return true;
}

FlowReturn Identity::transform_ip(Buffer& buffer) {
  refresh_settings();
  ++seen_;
  if (settings_.error_after >= 0 && seen_ > settings_.error_after) {
    post_error("Failed after iterations as requested.");
    return FlowReturn::Error;
  }
  if (settings_.sleep_us)
    std::this_thread::sleep_for(std::chrono::microseconds(settings_.sleep_us));
  if (settings_.work_us) {
    auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(settings_.work_us);
    volatile std::uint64_t spin = 0;
    while (std::chrono::steady_clock::now() < until) spin = spin + 1;
  }
  if (!settings_.silent) set_last_message(buffer_last_message("chain", name() + ":sink", buffer));
  return FlowReturn::Ok;
}

}  // namespace gstmini
