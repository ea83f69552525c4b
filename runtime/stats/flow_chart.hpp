// The flow chart: one self-contained HTML page (inline SVG, no script, no
// external CSS) from the samples the stats tracer wrote. Rows share one
// time axis: queue fill levels, throughput per link, back-pressure per link
// (the share of each interval the link was blocked), so a reader sees where
// back-pressure starts and how far upstream it reaches.
#pragma once

#include <string>
#include <vector>

#include "runtime/stats/flow_stats_reader.hpp"

namespace gstmini {

// `rows` as read_stats_file returns them; `title` heads the page. Throws
// StatsParseError if there is no link or element in them.
std::string render_flow_chart(const std::vector<StatsRow>& rows, const std::string& title);

}  // namespace gstmini
