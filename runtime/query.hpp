// Query: a question an element asks its neighbours, answered in place
// (GstQuery).
//
// A query arriving on a src pad travels upstream, one arriving on a sink pad
// downstream. An element answers it (Handled), says it cannot (NotHandled)
// or lets it pass on (Forward, the default); a forwarded query comes back
// through query_answered() so the element can add its part, as a queue adds
// its latency. The pipeline asks its sinks: position and latency are theirs
// to answer, duration and seeking they forward to the source.
#pragma once

#include <utility>

#include "runtime/caps/caps.hpp"
#include "runtime/clock_time.hpp"
#include "runtime/segment.hpp"
#include "runtime/value.hpp"

namespace gstmini {

enum class QueryType { Position, Duration, Latency, Seeking, Segment, Caps, AcceptCaps, Custom };

struct Query {
  explicit Query(QueryType query_type = QueryType::Custom) : type(query_type) {}
  static Query caps_query(Caps filter) {
    Query q(QueryType::Caps);
    q.filter = std::move(filter);
    return q;
  }
  static Query accept_caps(Caps caps) {
    Query q(QueryType::AcceptCaps);
    q.caps = std::move(caps);
    return q;
  }
  static Query custom(Structure s) {
    Query q(QueryType::Custom);
    q.structure = std::move(s);
    return q;
  }

  QueryType type;
  // POSITION, DURATION, SEEKING: the unit of the values (a filesrc answers
  // in BYTES only; asked in TIME it does not handle the query).
  Format format = Format::Time;
  ClockTime position = kClockTimeNone;  // POSITION (stream time)
  ClockTime duration = kClockTimeNone;  // DURATION
  // LATENCY: whether the stream is live, and the latency it adds at least
  // and at most (kClockTimeNone: no upper bound).
  bool live = false;
  ClockTime min_latency = 0;
  ClockTime max_latency = kClockTimeNone;
  // SEEKING: whether and in which range a seek is possible.
  bool seekable = false;
  ClockTime seek_start = kClockTimeNone;
  ClockTime seek_end = kClockTimeNone;
  Segment segment;  // SEGMENT: the segment in use
  // CAPS: the caps the pad's peer side can handle, limited to `filter`
  // (gst_pad_peer_query_caps). ACCEPT_CAPS: whether `caps` would be accepted.
  Caps filter = Caps::any();
  Caps caps = Caps::any();
  bool accepted = false;
  Structure structure;  // CUSTOM
};

enum class QueryResult { Handled, NotHandled, Forward };

// Latency of parallel branches (GstBin): live if any is live, the largest
// minimum, the smallest maximum.
void combine_latency(Query& total, const Query& branch);

// Answers to one query from several pads or sinks: LATENCY combines every
// branch that answered, CAPS intersects them (every branch must accept the
// format), ACCEPT_CAPS needs all to accept, any other query keeps the first answer.
class QueryCombiner {
 public:
  explicit QueryCombiner(Query query) : result_(std::move(query)) {}
  void add(bool handled, const Query& answer);
  bool handled() const { return handled_; }
  const Query& result() const { return result_; }
  Query& result() { return result_; }

 private:
  Query result_;
  bool handled_ = false;
};

const char* to_string(QueryType type);  // "position", "duration", ...

}  // namespace gstmini
