#include "elements/identity.hpp"

#include <chrono>
#include <limits>
#include <thread>

namespace gstmini {

const ElementClass& Identity::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"identity", "Identity",
                   "Generic",  "Pass data without modification",
                   "gstmini",  transform_pad_templates(),
                   {}};
    const auto max_u64 = std::numeric_limits<std::uint64_t>::max();
    k.properties.push_back(PropertySpec::boolean("silent", true, "silent"));
    k.properties.push_back(
        PropertySpec::uint64("sleep-time", 0, 0, max_u64,
                             "Microseconds to sleep between processing (blocks the worker)"));
    k.properties.push_back(PropertySpec::uint64("cpu-work", 0, 0, max_u64,
                                                "Microseconds of busy CPU work per buffer"));
    k.properties.push_back(PropertySpec::integer("error-after", -1, -1,
                                                 std::numeric_limits<std::int32_t>::max(),
                                                 "Error after N buffers (-1 = never)"));
    return k;
  }();
  return klass;
}

Identity::Identity(std::string name) : Transform(element_class(), std::move(name)) {}

bool Identity::start() {
  seen_ = 0;
  return true;
}

FlowReturn Identity::transform_ip(Buffer& buffer) {
  if (settings_changed(&settings_seen_))
    settings_ = Settings{get<bool>("silent"), get<std::uint64_t>("sleep-time"),
                         get<std::uint64_t>("cpu-work"), get<std::int64_t>("error-after")};
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
  if (!settings_.silent)
    GSTMINI_INFO_OBJECT(*this, "chain   ******* ({}:sink) ({} bytes, pts: {})", name(),
                        buffer.size(), is_valid(buffer.pts) ? format_time(buffer.pts) : "none");
  return FlowReturn::Ok;
}

}  // namespace gstmini
