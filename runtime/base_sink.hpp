// Sink: the base class of elements that consume buffers (GstBaseSink).
//
// Synchronisation, as basesink does it: a buffer's pts is turned into running
// time with the current SEGMENT, and rendered when the pipeline clock reads
//     base_time + running_time              (DESIGN invariant 6)
// The hosting actor never sleeps for it: plan_sync() says when, the actor
// asks the clock for a wake-up message, then calls render_synced() with the
// measured jitter (now - target, positive = late). A buffer later than
// max-lateness (rstart + jitter > rstop + max-lateness, as basesink checks)
// is dropped and counted instead of rendered.
//
// In PAUSED the actor holds the first buffer without rendering it (preroll)
// and answers ASYNC on READY->PAUSED until then; PLAYING renders it.
#pragma once

#include <atomic>
#include <cstdint>
#include <variant>
#include <vector>

#include "runtime/element.hpp"
#include "runtime/segment.hpp"

namespace gstmini {

class Sink : public Element {
 public:
  Sink(const ElementClass& klass, std::string name);

  // sync, max-lateness, async, rendered (read-only), dropped (read-only).
  static std::vector<PropertySpec> base_properties(bool sync_default);

  virtual FlowReturn render(const Buffer& buffer) = 0;
  // False while the sink cannot take a buffer (appsink full): the buffer
  // stays held, unanswered, until the element calls wake().
  virtual bool ready_to_render() { return true; }
  // Default: render() each buffer.
  virtual FlowReturn render_list(const BufferList& list);
  // The first buffer, held in PAUSED (fakesink's preroll-handoff).
  virtual FlowReturn preroll(const Buffer& buffer) {
    (void)buffer;
    return FlowReturn::Ok;
  }
  // A serialized event reached the sink (after the base class handled it).
  virtual void on_event(const Event& event) { (void)event; }
  // True for a sink whose render() sends events upstream that must reach
  // upstream before the push that caused them returns (a segmenter's
  // keyframe request, as in GStreamer's one streaming thread). Such a sink
  // grants credit 1 even with sync=false, so upstream cannot run past it.
  virtual bool asks_upstream_while_rendering() const { return false; }

  // ---- called by the hosting actor ----
  struct SyncPlan {
    bool outside_segment = false;  // drop silently, as basesink does
    bool wait = false;             // ask the clock for a wake-up at clock_time
    ClockTime running_time = kClockTimeNone;
    ClockTime running_stop = kClockTimeNone;
    ClockTime clock_time = kClockTimeNone;
  };
  SyncPlan plan_sync(const Buffer& first) const;
  // Renders (or drops as too late) after the wait; updates the counters.
  FlowReturn render_synced(const Buffer& buffer, const SyncPlan& plan, ClockTimeDiff jitter);
  FlowReturn render_synced(const BufferList& list, const SyncPlan& plan, ClockTimeDiff jitter);
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  // LATENCY from the pipeline sets the latency added to every render time.
  bool send_event(Event event, Output& out) override;
  StateChangeReturn change_state(StateChange change) override;
  // POSITION is the sink's to answer; the rest goes upstream.
  QueryResult element_query(Query& query) override;
  void query_answered(Query& query) override;
  // The first buffer held in PAUSED: remembered for POSITION, then preroll().
  FlowReturn handle_preroll(const Buffer& buffer);
  ClockTime latency() const { return latency_; }

  const Segment& segment() const { return segment_; }
  // Upstream events render() asked for (a segmenter's GstForceKeyUnit); the
  // actor sends them out of the sink pad once the render returned.
  std::vector<Event> take_upstream_events() {
    std::vector<Event> events;
    events.swap(upstream_events_);
    return events;
  }
  std::uint64_t rendered() const { return rendered_.load(std::memory_order_relaxed); }
  std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

 protected:
  // While render() runs: clock time minus the buffer's target (positive =
  // late); 0 when the sink does not sync.
  ClockTimeDiff current_jitter() const { return jitter_; }
  const SyncPlan& current_plan() const { return plan_; }
  // From render(): send `event` upstream (render has no Output to push on).
  void push_upstream_event(Event event) { upstream_events_.push_back(std::move(event)); }

 private:
  bool too_late(const SyncPlan& plan, ClockTimeDiff jitter) const;
  void refresh_settings() const;
  template <class Data, class Render>
  FlowReturn render_counted(const Data& data, std::uint64_t count, const SyncPlan& plan,
                            ClockTimeDiff jitter, Render render);

  Segment segment_;
  // Written only by the sink's actor; read by anyone through the properties.
  std::atomic<std::uint64_t> rendered_{0};
  std::atomic<std::uint64_t> dropped_{0};
  ClockTimeDiff jitter_ = 0;
  SyncPlan plan_;
  std::vector<Event> upstream_events_;
  ClockTime latency_ = 0;
  ClockTime last_position_ = kClockTimeNone;  // pts of the last rendered/prerolled buffer
  // Cached settings (reloaded when the application sets a property).
  mutable std::uint64_t settings_seen_ = 0;
  mutable bool sync_ = false;
  mutable std::int64_t max_lateness_ = -1;
};

}  // namespace gstmini
