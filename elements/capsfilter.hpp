// capsfilter: restricts the caps that may flow through it (GStreamer's
// capsfilter); `! video/x-raw,width=320 !` in a launch line creates one.
#pragma once

#include "runtime/base_transform.hpp"

namespace gstmini {

class CapsFilter : public Transform {
 public:
  explicit CapsFilter(std::string name);
  static const ElementClass& element_class();
};

}  // namespace gstmini
