// Flow statistics ("tracers"): what went over each link and through each
// element during a run, in the spirit of GST_TRACERS="stats".
//
// Turn them on with the environment
//     GSTMINI_TRACERS="stats(file=run.csv,format=csv,interval=10ms)"
// or from C++ (PipelineOptions::stats, Pipeline::enable_stats). A running
// pipeline then
//   * samples every link and element each `interval` and appends the samples
//     to `file` (CSV with a header, or JSON lines), then the final totals;
//   * prints a readable table (format_stats_table) to stderr at EOS, or when
//     it goes down to READY/NULL without an EOS (table=false turns it off).
// Pipeline::stats() returns the same numbers as a StatsSnapshot at any time.
//
// A launcher that wants the table at the end of a run whatever the
// environment says (a --stats flag):
//   PipelineOptions options = PipelineOptions::from_env();
//   options.stats.enabled = true;  // table to stderr at EOS / READY / NULL
//   Pipeline pipeline("pipeline0", options);
// or, to print it itself: options.stats.print_table = false, and at the end
//   std::fputs(format_stats_table(pipeline.stats()).c_str(), stderr);
//
// What a link counts (a link is src-element:pad -> sink-element:pad):
//   buffers, bytes   what was sent over it (after a leaky queue's drops);
//   blocked          back-pressure: time the sender's link had no room, from
//                    the push that filled it until an answer made room again.
//                    Lock-step (window 1): every push waits for the whole
//                    downstream chain. Window N: only while N are in flight.
//                    A queue's output: while the queue was full (its upstream
//                    push was held).
//   mailbox          time a buffer waited in the receiver's mailbox (stamped
//                    on send, measured on receive).
//   level            a queue's staging level (buffers, bytes, time) now, and
//                    the highest one seen; dropped: buffers a leaky queue dropped.
// What an element counts: buffers handled by its chain (create for sources,
// render for sinks), the time those hooks took, and the buffers it dropped
// (a sink's late buffers, a queue's leaky drops, a live source's missed frames).
//
// Cost: each actor owns its counters and publishes them as relaxed atomics
// that only it writes; a sampler thread reads them. With statistics off the
// hot path pays one null-pointer check per item.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/clock_time.hpp"

namespace gstmini {

enum class StatsFormat { Csv, Json };

struct StatsOptions {
  bool enabled = false;
  std::string file;  // empty: no time series, only the table / snapshot
  StatsFormat format = StatsFormat::Csv;
  ClockTime interval = 10 * kMillisecond;
  bool print_table = true;  // to stderr at EOS (or at READY/NULL without one)

  // Parses a GST_TRACERS-like list, e.g. "stats(file=run.csv,interval=10ms)".
  // Returns an error naming the bad part ("" if fine); other tracer names
  // are an error too, since gstmini has only "stats".
  static std::string parse(const std::string& text, StatsOptions* options);
  // From GSTMINI_TRACERS; a bad value prints its error to stderr and leaves
  // statistics off.
  static StatsOptions from_env();
};

struct LinkStats {
  std::string src;   // "camera:src"
  std::string sink;  // "t:sink"
  std::uint32_t window = 1;
  bool queue = false;  // the src pad is a queue's: it stages items
  std::uint64_t buffers = 0;
  std::uint64_t bytes = 0;
  std::uint64_t messages = 0;  // messages that carried them: buffers / messages = batch size
  std::uint32_t credit = 0;    // unanswered items the receiver allows now (a fixed window: N)
  std::uint32_t max_credit = 0;
  ClockTime blocked = 0;  // back-pressure, see above
  std::uint64_t received = 0;
  ClockTime mailbox = 0;  // summed over the buffers received
  std::uint64_t level_buffers = 0, level_bytes = 0;
  ClockTime level_time = 0;
  std::uint64_t max_level_buffers = 0;
  std::uint64_t limit_buffers = 0;  // the queue's max-size-buffers (0: unlimited)
  std::uint64_t dropped = 0;

  std::string name() const { return src + " -> " + sink; }
  // "lock-step", "window 8" or "queue".
  std::string kind() const;
};

struct ElementStats {
  std::string name;
  std::string factory;
  std::uint64_t processed = 0;  // buffers through chain / create / render
  ClockTime processing = 0;     // total time in those hooks
  ClockTime processing_max = 0;
  std::uint64_t dropped = 0;
};

struct StatsSnapshot {
  std::string pipeline;
  ClockTime elapsed = 0;  // since the pipeline went to PLAYING (wall clock)
  std::vector<LinkStats> links;
  std::vector<ElementStats> elements;
};

// A table per link and per element, ending in a newline.
std::string format_stats_table(const StatsSnapshot& snapshot);

// The machine-readable forms. One row / line per link and element:
//   CSV:  csv_header() once, then csv_rows(); `row` is "sample" or "final".
//   JSON: one object per line, the same fields as the CSV columns.
std::string stats_csv_header();
std::string stats_csv_rows(const StatsSnapshot& snapshot, const char* row);
std::string stats_json_lines(const StatsSnapshot& snapshot, const char* row);

}  // namespace gstmini
