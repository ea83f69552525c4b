#include "runtime/stats/flow_counters.hpp"

#include <chrono>
#include <map>
#include <utility>

#include "runtime/base_sink.hpp"

namespace gstmini {

std::uint64_t stats_now_ns() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::steady_clock::now().time_since_epoch())
                                        .count());
}

PadCounters& ElementCounters::pad(unsigned index) {
  std::lock_guard<std::mutex> lock(mutex);
  for (PadCounters& p : pads)
    if (p.index == index) return p;
  PadCounters& p = pads.emplace_back();
  p.index = index;
  return p;
}

void ElementCounters::describe_pad(PadCounters& pad, const std::string& name,
                                   PadDirection direction, const std::string& peer,
                                   std::uint32_t window, bool queue, std::uint64_t limit_buffers) {
  std::lock_guard<std::mutex> lock(mutex);
  pad.name = name;
  pad.direction = direction;
  pad.peer = peer;
  pad.window = window;
  pad.queue = queue;
  pad.limit_buffers = limit_buffers;
}

std::shared_ptr<ElementCounters> FlowCounters::add(ElementPtr element) {
  auto counters = std::make_shared<ElementCounters>(std::move(element));
  std::lock_guard<std::mutex> lock(mutex_);
  elements_.push_back(counters);
  return counters;
}

namespace {

// Drops the element itself counts: a sink's late buffers, a live source's
// missed capture slots (livesrc's frames-dropped).
std::uint64_t own_drops(const Element& element) {
  if (const auto* sink = dynamic_cast<const Sink*>(&element)) return sink->dropped();
  if (element.properties().find("frames-dropped"))
    return std::get<std::uint64_t>(element.get_property("frames-dropped"));
  return 0;
}

LinkStats link_from(const PadCounters& src, std::uint64_t now) {
  LinkStats link;
  link.src = src.name;
  link.sink = src.peer;
  link.window = src.window;
  link.queue = src.queue;
  link.limit_buffers = src.limit_buffers;
  link.buffers = src.buffers.get();
  link.messages = src.messages.get();
  link.credit = static_cast<std::uint32_t>(src.credit.get());
  link.max_credit = static_cast<std::uint32_t>(src.max_credit.get());
  link.bytes = src.bytes.get();
  // A block still going on counts up to now: samples see it grow.
  const std::uint64_t since = src.blocked_since_ns.get();
  link.blocked = src.blocked_ns.get() + (since && now > since ? now - since : 0);
  link.dropped = src.dropped.get();
  link.level_buffers = src.level_buffers.get();
  link.level_bytes = src.level_bytes.get();
  link.level_time = src.level_time.get();
  link.max_level_buffers = src.max_level_buffers.get();
  return link;
}

}  // namespace

StatsSnapshot FlowCounters::snapshot(ClockTime elapsed) const {
  StatsSnapshot snap;
  snap.pipeline = pipeline_;
  snap.elapsed = elapsed;
  const std::uint64_t now = stats_now_ns();
  std::lock_guard<std::mutex> lock(mutex_);
  // Receiver sides by the sender pad they are linked to ("camera:src").
  struct Receiver {
    std::string name;
    std::uint64_t received;
    ClockTime mailbox;
  };
  std::map<std::string, Receiver> receivers;
  for (const auto& element : elements_) {
    std::lock_guard<std::mutex> pads_lock(element->mutex);
    for (const PadCounters& pad : element->pads)
      if (pad.direction == PadDirection::Sink && !pad.peer.empty())
        receivers[pad.peer] = Receiver{pad.name, pad.received.get(), pad.mailbox_ns.get()};
  }
  for (const auto& element : elements_) {
    ElementStats e;
    e.name = element->element->name();
    e.factory = element->element->element_class().factory_name;
    e.processed = element->processed.get();
    e.processing = element->processing_ns.get();
    e.processing_max = element->processing_max_ns.get();
    e.dropped = own_drops(*element->element);
    std::lock_guard<std::mutex> pads_lock(element->mutex);
    for (const PadCounters& pad : element->pads) {
      if (pad.direction != PadDirection::Src || pad.peer.empty()) continue;
      LinkStats link = link_from(pad, now);
      e.dropped += link.dropped;
      auto it = receivers.find(pad.name);
      if (it != receivers.end() && it->second.name == pad.peer) {
        link.received = it->second.received;
        link.mailbox = it->second.mailbox;
      }
      snap.links.push_back(std::move(link));
    }
    snap.elements.push_back(std::move(e));
  }
  return snap;
}

}  // namespace gstmini
