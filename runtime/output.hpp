// Output: what an element pushes during one hook, collected in order; the
// hosting actor sends it down (or up) the links when the hook returns
// (runtime/element.hpp).
#pragma once

#include <variant>
#include <vector>

#include "runtime/buffer.hpp"
#include "runtime/event.hpp"
#include "runtime/pad.hpp"

namespace gstmini {

class Element;

// The items an element pushes during one hook, in order.
class Output {
 public:
  struct Item {
    unsigned pad;
    std::variant<Buffer, BufferList, Event> data;
  };

  explicit Output(const Element& element) : element_(&element) {}
  void push(Buffer buffer);  // on the element's first src pad
  void push(const Pad& src, Buffer buffer);
  void push_list(BufferList list);
  void push_list(const Pad& src, BufferList list);
  void push_event(Event event);  // on every src pad
  void push_event(const Pad& src, Event event);
  // An upstream event (SEEK, LATENCY, QOS, custom) out of a sink pad.
  void push_upstream(Event event);  // on every sink pad
  void push_upstream(const Pad& sink, Event event);

  std::vector<Item>& items() { return items_; }
  void clear() { items_.clear(); }

 private:
  unsigned first_src() const;
  const Element* element_;
  std::vector<Item> items_;
};

}  // namespace gstmini
