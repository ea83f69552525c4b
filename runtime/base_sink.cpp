#include "runtime/base_sink.hpp"

#include <limits>

#include "runtime/debug/log.hpp"

namespace gstmini {

std::vector<PropertySpec> Sink::base_properties(bool sync_default) {
  return {
      PropertySpec::boolean("sync", sync_default, "Sync on the clock"),
      PropertySpec::integer("max-lateness", -1, -1, std::numeric_limits<std::int64_t>::max(),
                            "Maximum number of nanoseconds that a buffer can be late before it "
                            "is dropped (-1 unlimited)"),
      PropertySpec::boolean("async", true, "Go asynchronously to PAUSED"),
      PropertySpec::uint64("rendered", 0, 0, std::numeric_limits<std::uint64_t>::max(),
                           "Buffers rendered since READY->PAUSED")
          .read_only(),
      PropertySpec::uint64("dropped", 0, 0, std::numeric_limits<std::uint64_t>::max(),
                           "Buffers dropped as too late since READY->PAUSED")
          .read_only(),
  };
}

Sink::Sink(const ElementClass& klass, std::string name) : Element(klass, std::move(name)) {
  bind_counter("rendered", rendered_);
  bind_counter("dropped", dropped_);
}

void Sink::refresh_settings() const {
  if (!settings_changed(&settings_seen_)) return;
  sync_ = get<bool>("sync");
  max_lateness_ = get<std::int64_t>("max-lateness");
}

FlowReturn Sink::render_list(const BufferList& list) {
  for (const Buffer& buffer : list) {
    FlowReturn ret = render(buffer);
    if (ret != FlowReturn::Ok) return ret;
  }
  return FlowReturn::Ok;
}

Sink::SyncPlan Sink::plan_sync(const Buffer& first) const {
  SyncPlan plan;
  if (!is_valid(first.pts)) return plan;  // untimestamped: render at once
  // basesink syncs only TIME: a BYTES stream (filesrc ! filesink) renders at once.
  if (segment_.format != Format::Time) return plan;
  ClockTime stop = is_valid(first.duration) ? first.pts + first.duration : kClockTimeNone;
  ClockTime clip_start = first.pts, clip_stop = stop;
  if (!segment_.clip(first.pts, stop, &clip_start, &clip_stop)) {
    plan.outside_segment = true;
    return plan;
  }
  plan.running_time = segment_.to_running_time(clip_start);
  if (is_valid(clip_stop)) plan.running_stop = segment_.to_running_time(clip_stop);
  const ElementRuntime& rt = runtime();
  refresh_settings();
  if (!sync_ || !rt.clock || !is_valid(rt.base_time) || !is_valid(plan.running_time)) return plan;
  plan.wait = true;
  plan.clock_time = rt.base_time + plan.running_time + latency_;
  return plan;
}

bool Sink::too_late(const SyncPlan& plan, ClockTimeDiff jitter) const {
  refresh_settings();
  const std::int64_t max_lateness = max_lateness_;
  if (max_lateness < 0 || jitter <= 0 || !is_valid(plan.running_time)) return false;
  ClockTime end = is_valid(plan.running_stop) ? plan.running_stop : plan.running_time;
  return plan.running_time + static_cast<ClockTime>(jitter) >
         end + static_cast<ClockTime>(max_lateness);
}

namespace {
ClockTime first_pts(const Buffer& buffer) { return buffer.pts; }
ClockTime first_pts(const BufferList& list) {
  return list.empty() ? kClockTimeNone : list.front().pts;
}
}  // namespace

template <class Data, class Render>
FlowReturn Sink::render_counted(const Data& data, std::uint64_t count, const SyncPlan& plan,
                                ClockTimeDiff jitter, Render render) {
  if (too_late(plan, jitter)) {
    dropped_.fetch_add(count, std::memory_order_relaxed);
    GSTMINI_DEBUG_OBJECT(*this, "dropping buffer at running time {}: late by {}",
                         format_time(plan.running_time), format_time_diff(jitter));
    return FlowReturn::Ok;
  }
  jitter_ = jitter;
  plan_ = plan;
  last_position_ = first_pts(data);
  FlowReturn ret = render(data);
  if (ret == FlowReturn::Ok) {
    rendered_.fetch_add(count, std::memory_order_relaxed);
  }
  return ret;
}

FlowReturn Sink::render_synced(const Buffer& buffer, const SyncPlan& plan, ClockTimeDiff jitter) {
  return render_counted(buffer, 1, plan, jitter, [this](const Buffer& b) { return render(b); });
}

FlowReturn Sink::render_synced(const BufferList& list, const SyncPlan& plan, ClockTimeDiff jitter) {
  return render_counted(list, list.size(), plan, jitter,
                        [this](const BufferList& l) { return render_list(l); });
}

bool Sink::sink_event(const Pad&, Event event, Output&) {
  if (event.type() == EventType::Segment) segment_ = event.parsed_segment();
  on_event(event);
  return true;
}

bool Sink::send_event(Event event, Output& out) {
  if (event.type() == EventType::Latency) {
    latency_ = event.parsed_latency();
    GSTMINI_DEBUG_OBJECT(*this, "latency set to {}", format_time(latency_));
    return true;
  }
  return Element::send_event(std::move(event), out);
}

FlowReturn Sink::handle_preroll(const Buffer& buffer) {
  last_position_ = buffer.pts;
  return preroll(buffer);
}

QueryResult Sink::element_query(Query& q) {
  if (q.type != QueryType::Position) return QueryResult::Forward;
  // PLAYING: where the clock is now; PAUSED: the buffer on hold.
  ClockTime position = last_position_;
  ClockTime running = running_time_now();
  if (is_valid(running) && get<bool>("sync")) {
    running = running > latency_ ? running - latency_ : 0;
    ClockTime from_clock = segment_.position_from_running_time(running);
    if (is_valid(from_clock)) position = from_clock;
  }
  if (!is_valid(position)) return QueryResult::NotHandled;
  ClockTime stream = segment_.to_stream_time(position);
  q.position = is_valid(stream) ? stream : position;
  return QueryResult::Handled;
}

void Sink::query_answered(Query& q) {
  // basesink: the pipeline is live only if this sink syncs on the clock.
  if (q.type == QueryType::Latency) {
    refresh_settings();
    if (!sync_) q.live = false;
  }
}

StateChangeReturn Sink::change_state(StateChange change) {
  if (change == StateChange::ReadyToPaused) {
    last_position_ = kClockTimeNone;
    segment_ = Segment{};
    rendered_ = 0;
    dropped_ = 0;
  }
  StateChangeReturn ret = Element::change_state(change);
  if (ret == StateChangeReturn::Failure) return ret;
  if (change == StateChange::ReadyToPaused && get<bool>("async")) return StateChangeReturn::Async;
  return ret;
}

}  // namespace gstmini
