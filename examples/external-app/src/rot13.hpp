// rot13: an element written by an application, not by gstmini. It rotates
// ASCII letters by `shift` places (13 by default: applying it twice gives
// the input back); other bytes pass unchanged.
#pragma once

#include <gstmini/gstmini.hpp>

namespace example {

class Rot13 : public gstmini::Transform {
 public:
  explicit Rot13(std::string name);
  static const gstmini::ElementClass& element_class();

  gstmini::FlowReturn transform_ip(gstmini::Buffer& buffer) override;
};

}  // namespace example
