// The last-message text of fakesink and identity, in GStreamer's words
// (gstfakesink.c / gstidentity.c), so `-v` prints what gst-launch-1.0 prints:
//
//   chain   ******* (fakesink0:sink) (0 bytes, dts: none, pts: 0:00:00.000000000,
//     duration: none, offset: 0, offset_end: -1, flags: 00000040 discont , meta: none) 0x55..
//   event   ******* (fakesink0:sink) E (type: eos (28174), ) 0x55..
//
// Offsets print as signed (GST_BUFFER_OFFSET_NONE is -1), flags as GstBuffer's
// mini-object flags in hex then their names each followed by a space
// (gst_buffer_get_flags_string); the pointer is the object's address.
#pragma once

#include <string>

#include "runtime/buffer.hpp"
#include "runtime/event.hpp"

namespace gstmini {

// `what` is "chain" (identity, fakesink) or "preroll"; `pad` "identity0:sink".
std::string buffer_last_message(const char* what, const std::string& pad, const Buffer& buffer);
std::string event_last_message(const std::string& pad, const Event& event);
// GST_EVENT_MAKE_TYPE's number of an event type: eos is 28174.
unsigned gst_event_type_number(EventType type);

}  // namespace gstmini
