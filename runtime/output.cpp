#include "runtime/output.hpp"

#include <utility>

#include "runtime/element.hpp"

namespace gstmini {

unsigned Output::first_src() const {
  const Pad* pad = element_->first_pad(PadDirection::Src);
  return pad ? pad->index : ~0u;  // ~0u: "no src pad", reported as NOT_LINKED
}

void Output::push(Buffer buffer) { items_.push_back({first_src(), std::move(buffer)}); }
void Output::push(const Pad& src, Buffer buffer) {
  items_.push_back({src.index, std::move(buffer)});
}
void Output::push_list(BufferList list) { items_.push_back({first_src(), std::move(list)}); }
void Output::push_list(const Pad& src, BufferList list) {
  items_.push_back({src.index, std::move(list)});
}
void Output::push_event(Event event) {
  for (const Pad& pad : element_->pads())
    if (pad.direction == PadDirection::Src) items_.push_back({pad.index, event});
}
void Output::push_event(const Pad& src, Event event) {
  items_.push_back({src.index, std::move(event)});
}
void Output::push_upstream(Event event) {
  for (const Pad& pad : element_->pads())
    if (pad.direction == PadDirection::Sink) items_.push_back({pad.index, event});
}
void Output::push_upstream(const Pad& sink, Event event) {
  items_.push_back({sink.index, std::move(event)});
}

}  // namespace gstmini
