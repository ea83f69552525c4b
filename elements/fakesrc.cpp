#include "elements/fakesrc.hpp"

#include <limits>

namespace gstmini {

const ElementClass& FakeSrc::element_class() {
  static const ElementClass klass = [] {
    ElementClass k{"fakesrc",
                   "Fake Source",
                   "Source",
                   "Push empty (no data) buffers around",
                   "gstmini",
                   {{"src", PadDirection::Src, PadPresence::Always, "ANY"}},
                   Source::base_properties()};
    const auto max_int = std::numeric_limits<std::int32_t>::max();
    k.properties.push_back(PropertySpec::enumeration(
        "sizetype", 1,
        {{1, "empty", "Send empty buffers"},
         {2, "fixed", "Fixed size buffers (sizemax sized)"},
         {3, "random", "Random sized buffers (sizemin <= size <= sizemax)"}},
        "How to determine buffer sizes"));
    k.properties.push_back(PropertySpec::integer("sizemin", 0, 0, max_int, "Minimum buffer size"));
    k.properties.push_back(
        PropertySpec::integer("sizemax", 4096, 0, max_int, "Maximum buffer size"));
    k.properties.push_back(
        PropertySpec::uint64("buffer-duration", 0, 0, std::numeric_limits<std::uint64_t>::max(),
                             "Timestamp buffers n * this many ns (0 = no timestamps)"));
    k.properties.push_back(
        PropertySpec::uint64("buffers-per-list", 1, 1, 65536,
                             "Push buffer lists of this many buffers (1 = single buffers)"));
    k.properties.push_back(
        PropertySpec::boolean("silent", true, "Don't produce last-message events"));
    return k;
  }();
  return klass;
}

FakeSrc::FakeSrc(std::string name) : Source(element_class(), std::move(name)) {}

bool FakeSrc::start() {
  settings_ =
      Settings{get<std::int64_t>("sizetype"),          get<std::int64_t>("sizemin"),
               get<std::int64_t>("sizemax"),           get<std::uint64_t>("buffer-duration"),
               get<std::uint64_t>("buffers-per-list"), get<std::int64_t>("num-buffers")};
  next_ = 0;
  return true;
}

ClockTime FakeSrc::next_due_time() {
  return settings_.duration ? next_ * settings_.duration : kClockTimeNone;
}

bool FakeSrc::do_seek(Segment& segment) {
  // Continue with the first buffer that starts at or after the new start.
  next_ = (segment.start + settings_.duration - 1) / settings_.duration;
  return true;
}

ClockTime FakeSrc::duration() const {
  auto n = get<std::int64_t>("num-buffers");
  return settings_.duration && n >= 0 ? static_cast<ClockTime>(n) * settings_.duration
                                      : kClockTimeNone;
}

FlowReturn FakeSrc::create(Buffer& buffer) {
  // A timestamped stream ends at its duration, also after a seek.
  if (settings_.duration && settings_.num_buffers >= 0 &&
      next_ >= static_cast<std::uint64_t>(settings_.num_buffers))
    return FlowReturn::Eos;
  std::size_t size = 0;
  if (settings_.sizetype == 2) size = static_cast<std::size_t>(settings_.sizemax);
  if (settings_.sizetype == 3) {
    std::uniform_int_distribution<std::int64_t> pick(
        settings_.sizemin, std::max(settings_.sizemin, settings_.sizemax));
    size = static_cast<std::size_t>(pick(random_));
  }
  buffer = Buffer(size);
  buffer.offset = next_;
  buffer.offset_end = next_ + 1;
  if (settings_.duration) {
    buffer.pts = next_ * settings_.duration;
    buffer.duration = settings_.duration;
  }
  ++next_;
  return FlowReturn::Ok;
}

FlowReturn FakeSrc::fill(Output& out) {
  if (settings_.per_list <= 1) return Source::fill(out);
  auto n = static_cast<std::uint64_t>(
      std::min<std::int64_t>(remaining(), static_cast<std::int64_t>(settings_.per_list)));
  BufferList list;
  list.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    Buffer buffer;
    FlowReturn ret = create(buffer);
    if (ret != FlowReturn::Ok) return ret;
    list.push_back(std::move(buffer));
  }
  if (buffers_produced() == 0 && !list.empty()) list.front().set_flag(BufferFlags::Discont);
  count_produced(n);
  out.push_list(std::move(list));
  return FlowReturn::Ok;
}

}  // namespace gstmini
