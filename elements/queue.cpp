#include "elements/queue.hpp"

#include <limits>

namespace gstmini {

const ElementClass& Queue::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{
        "queue", "Queue", "Generic", "Simple data queue", "gstmini", transform_pad_templates(), {}};
    const auto max_u32 = std::numeric_limits<std::uint32_t>::max();
    k.properties.push_back(PropertySpec::uint64("max-size-buffers", 200, 0, max_u32,
                                                "Max. number of buffers in the queue (0=disable)"));
    k.properties.push_back(PropertySpec::uint64("current-level-buffers", 0, 0, max_u32,
                                                "Current number of buffers in the queue")
                               .read_only());
    return k;
  }();
  return klass;
}

Queue::Queue(std::string name)
    : Transform(element_class(), std::move(name)),
      level_index_(stat_index("current-level-buffers")) {}

std::uint32_t Queue::staging_capacity() const {
  auto max = get<std::uint64_t>("max-size-buffers");
  return max == 0 ? std::numeric_limits<std::uint32_t>::max() : static_cast<std::uint32_t>(max);
}

void Queue::staging_level_changed(std::size_t level) {
  set_stat(level_index_, static_cast<std::uint64_t>(level));
}

}  // namespace gstmini
