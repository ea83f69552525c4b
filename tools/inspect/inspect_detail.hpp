// One "label value" line of gst-inspect's detail blocks (Factory Details,
// Plugin Details), in its "  %-25s" column.
#pragma once

#include <algorithm>
#include <string>

namespace gstmini::inspect {

inline std::string detail(const std::string& label, const std::string& value) {
  std::string line = "  " + label;
  line.resize(std::max<std::size_t>(line.size() + 1, 27), ' ');
  return line + value + "\n";
}

}  // namespace gstmini::inspect
