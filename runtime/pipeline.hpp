// Pipeline: the application's handle on a running graph of elements
// (GstPipeline + GstBin).
//
//   gstmini::Pipeline pipeline("demo");
//   auto src = gstmini::make_element("fakesrc"), sink = gstmini::make_element("fakesink");
//   pipeline.add(src);  pipeline.add(sink);
//   pipeline.link(src, sink);
//   pipeline.set_state(gstmini::State::Playing);
//   auto msg = pipeline.bus().timed_pop_filtered(gstmini::kClockTimeNone,
//                                                gstmini::MessageType::Eos |
//                                                gstmini::MessageType::Error);
//   pipeline.set_state(gstmini::State::Null);
//
// Behind the handle each element runs in its own actor and the pipeline actor
// owns the clock and base time, walks state changes one step at a time (sinks
// first, then upstream) and gathers EOS. Every method may be called from any
// application thread that is not running an element callback (see
// runtime/runtime.hpp for which threads those are). No call times out (as
// in GStreamer); one slower than 30 s is reported on the log while it
// waits. Destroying the Pipeline sets it to NULL and waits until every
// actor of the pipeline has gone; the last Pipeline of the process also
// stops the shared runtime.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/bus.hpp"
#include "runtime/clock.hpp"
#include "runtime/element.hpp"
#include "runtime/event.hpp"
#include "runtime/query.hpp"
#include "runtime/runtime.hpp"
#include "runtime/state.hpp"
#include "runtime/stats/flow_stats.hpp"

namespace gstmini {

class LinkError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One link of the graph, with the pads that were actually chosen.
struct LinkInfo {
  std::string src;
  std::string src_pad;
  std::string sink;
  std::string sink_pad;
  std::uint32_t window = 0;  // 0: credit granted by the receiver
};

// The largest window a link accepts (buffers in flight).
constexpr std::uint32_t kMaxWindow = 65536;
// The most a receiver grants on a credit link (window 0): a queue with more
// room, a leaky queue, a sync=false sink in PLAYING. A sink grants no more
// items than kSinkAheadBytes of its buffers.
constexpr std::uint32_t kMaxCredit = 64;
constexpr std::uint64_t kSinkAheadBytes = 1024 * 1024;

struct PipelineOptions {
  // Buffers in flight per link. 0, the default: as the receiver grants
  // (actors/messages.hpp): lock-step into a plain element, as GStreamer's
  // push; up to a queue's free room into a queue, and more than one into a
  // sync=false sink in PLAYING, where GStreamer answers OK until full too.
  // N > 0: a fixed window of N on every link (N > 1 pipelines even plain
  // elements: the FlowReturn comes back with a later push).
  std::uint32_t window = 0;
  // Every link lock-step (window 1), for studying GStreamer's exact call
  // stack; wins over `window`.
  bool strict = false;
  // A clock to use whatever elements provide (use_clock); nullptr: select
  // one as GStreamer does. Tests pass a TestClock.
  std::shared_ptr<Clock> clock;
  // The process's runtime (runtime/runtime.hpp): worker threads and how many
  // messages one actor may handle before yielding its worker. All pipelines
  // share one runtime, so these count only if this Pipeline is the one that
  // starts it (none alive before); otherwise a difference is logged as a
  // warning and the running runtime's values apply. 0: the runtime's
  // (set_runtime_options(), GSTMINI_THREADS / GSTMINI_MAX_THROUGHPUT, or
  // one worker per core and 32).
  unsigned threads = 0;
  unsigned max_throughput = 0;
  // Names the graphs dumped at each state change when
  // GSTMINI_DEBUG_DUMP_DOT_DIR is set: "<prefix>.PAUSED_PLAYING"; empty: the
  // pipeline's name (gstmini-launch passes "gstmini-launch").
  std::string dot_dump_prefix;
  // Flow statistics (runtime/stats/flow_stats.hpp); off unless enabled.
  StatsOptions stats;

  // Defaults, overridden by GSTMINI_WINDOW (0..kMaxWindow), GSTMINI_STRICT
  // (0 or 1) and GSTMINI_TRACERS (stats); a bad value is reported once and
  // ignored (runtime/env.hpp).
  static PipelineOptions from_env();
};

namespace detail {
class PipelineImpl;
}

class Pipeline {
 public:
  explicit Pipeline(std::string name = "pipeline0",
                    PipelineOptions options = PipelineOptions::from_env());
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  const std::string& name() const;

  // Throws ElementError if an element of that name is already in the pipeline.
  void add(ElementPtr element);
  template <class... E>
  void add_many(E&&... elements) {
    (add(std::forward<E>(elements)), ...);
  }
  ElementPtr get_by_name(const std::string& name) const;
  std::vector<ElementPtr> elements() const;

  // Links the first unlinked src pad of `src` to the first unlinked sink pad
  // of `sink`; window 0 uses the pipeline's default. Throws LinkError with
  // both names and the reason.
  void link(const ElementPtr& src, const ElementPtr& sink, std::uint32_t window = 0);
  void link_pads(const ElementPtr& src, const std::string& src_pad, const ElementPtr& sink,
                 const std::string& sink_pad, std::uint32_t window = 0);
  void link_many(const std::vector<ElementPtr>& chain, std::uint32_t window = 0);
  // Removes the link from `src` to `sink`; throws LinkError if none.
  void unlink(const ElementPtr& src, const ElementPtr& sink);
  // Brings an element added later to the pipeline's state, one step at a
  // time (gst_element_sync_state_with_parent).
  StateChangeReturn sync_state_with_parent(const ElementPtr& element);
  // Every link made so far, in the order they were made.
  std::vector<LinkInfo> links() const;

  // Walks to `state` one step at a time; returns ASYNC while sinks preroll
  // (the change then completes in the background), NO_PREROLL for live
  // pipelines, FAILURE if an element refused.
  StateChangeReturn set_state(State state);
  // Waits up to `timeout` for a pending (ASYNC) change to finish.
  StateChangeReturn get_state(State* state, State* pending, ClockTime timeout);
  State current_state() const;

  // gst_element_send_event on the pipeline: upstream events (SEEK) go to
  // every sink, downstream ones (EOS) to every source. True if handled.
  bool send_event(Event event);
  // A SEEK: a flushing one empties the pipeline and restarts running time
  // at 0 (the sinks preroll again, then get a new base time).
  bool seek(double rate, SeekFlags flags, SeekType start_type, ClockTime start,
            SeekType stop_type = SeekType::None, ClockTime stop = kClockTimeNone);
  bool seek_simple(SeekFlags flags, ClockTime position) {
    return seek(1.0, flags, SeekType::Set, position);
  }

  // gst_element_query on the pipeline: asks every sink (they forward what
  // is not theirs to answer); LATENCY combines the branches.
  bool query(Query& query);
  bool query_position(ClockTime* position);
  bool query_duration(ClockTime* duration);
  bool query_latency(bool* live, ClockTime* min_latency, ClockTime* max_latency);
  // The latency the pipeline configured on its sinks at the last PLAYING.
  ClockTime latency() const;

  Bus& bus();
  // Elements post PROPERTY_NOTIFY on the bus from now on: pad caps as they
  // are negotiated, fakesink's last-message (what gst-launch -v prints).
  void add_property_deep_notify_watch() { bus().set_property_notify(true); }
  std::shared_ptr<Bus> bus_ptr() const;
  // Forces this clock (gst_pipeline_use_clock); must be called in NULL or
  // READY. Otherwise the pipeline picks at PAUSED->PLAYING the clock of the
  // most upstream element that provides one, else the system clock, and
  // posts NEW_CLOCK.
  void use_clock(std::shared_ptr<Clock> clock);
  std::shared_ptr<Clock> clock() const;
  // Clock time at which running time 0 happens; kClockTimeNone before PLAYING.
  ClockTime base_time() const;

  // The graph as Graphviz dot (GST_DEBUG_BIN_TO_DOT_FILE's content): a
  // cluster per element with its state and pads, an edge per link.
  std::string to_dot() const;
  // Writes to_dot() to $GSTMINI_DEBUG_DUMP_DOT_DIR/<timestamp>-<name>.dot
  // (GST_DEBUG_BIN_TO_DOT_FILE_WITH_TS); returns the path, or "" when the
  // variable is unset or the file could not be written. With the variable
  // set the pipeline also dumps itself at every state change.
  std::string dump_dot(const std::string& name) const;
  // Flow statistics: turns them on (options.enabled is implied) for every
  // element, from now on; false if they were on already. Best called before
  // PLAYING so the run is counted from its start.
  bool enable_stats(StatsOptions options = {});
  // What was counted so far; empty (no links, no elements) while off.
  StatsSnapshot stats() const;

 private:
  std::unique_ptr<detail::PipelineImpl> impl_;
};

}  // namespace gstmini
