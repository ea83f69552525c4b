// valve: passes data through, or drops it while drop=true (GStreamer's
// valve). Dropped buffers answer OK, so upstream keeps running.
#pragma once

#include "runtime/base_transform.hpp"

namespace gstmini {

class Valve : public Transform {
 public:
  explicit Valve(std::string name);
  static const ElementClass& element_class();

  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;

 private:
  std::uint64_t settings_seen_ = 0;
  bool drop_ = false;
};

}  // namespace gstmini
