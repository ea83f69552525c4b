#include "runtime/query.hpp"

#include <algorithm>

namespace gstmini {

void combine_latency(Query& total, const Query& branch) {
  if (!branch.live) return;
  if (!total.live) {
    total.live = true;
    total.min_latency = branch.min_latency;
    total.max_latency = branch.max_latency;
    return;
  }
  total.min_latency = std::max(total.min_latency, branch.min_latency);
  total.max_latency = std::min(total.max_latency, branch.max_latency);  // NONE is the largest
}

void QueryCombiner::add(bool handled, const Query& answer) {
  if (!handled) return;
  if (answer.type == QueryType::Latency) {
    if (!handled_) result_.live = false;
    combine_latency(result_, answer);
  } else if (answer.type == QueryType::Caps) {
    result_.caps = handled_ ? result_.caps.intersect(answer.caps) : answer.caps;
  } else if (answer.type == QueryType::AcceptCaps) {
    result_.accepted = (!handled_ || result_.accepted) && answer.accepted;
  } else if (!handled_) {
    result_ = answer;
  }
  handled_ = true;
}

const char* to_string(QueryType type) {
  switch (type) {
    case QueryType::Position:
      return "position";
    case QueryType::Duration:
      return "duration";
    case QueryType::Latency:
      return "latency";
    case QueryType::Seeking:
      return "seeking";
    case QueryType::Segment:
      return "segment";
    case QueryType::Caps:
      return "caps";
    case QueryType::AcceptCaps:
      return "accept-caps";
    case QueryType::Custom:
      return "custom";
  }
  return "?";
}

}  // namespace gstmini
