// Pads and pad templates (GstPad, GstPadTemplate), as data.
//
// A pad is an element's named connection point. Which pad is linked to which
// lives in the actor layer: a link is a typed mailbox between two element
// actors, and the element itself only names its pads.
#pragma once

#include <string>

#include "runtime/caps/caps.hpp"

namespace gstmini {

enum class PadDirection { Unknown, Src, Sink };
enum class PadPresence { Always, Sometimes, Request };

struct PadTemplate {
  std::string name_template;  // "src", "sink", "src_%u"
  PadDirection direction = PadDirection::Unknown;
  PadPresence presence = PadPresence::Always;
  std::string caps = "ANY";  // GStreamer's caps string form (see template_caps)
};

struct Pad {
  std::string name;
  PadDirection direction = PadDirection::Unknown;
  const PadTemplate* templ = nullptr;
  unsigned index = 0;  // position in Element::pads()
  // Negotiated: the CAPS a sink pad accepted or a src pad pushed; EMPTY
  // until then. Written by the element's actor only (Element::set_current_caps).
  Caps caps;
};

// The template's caps, parsed (throws CapsParseError for a malformed template).
Caps template_caps(const PadTemplate& templ);

const char* to_string(PadDirection direction);  // "SRC", "SINK", "UNKNOWN"
const char* to_string(PadPresence presence);    // "Always", "Sometimes", "On request"

}  // namespace gstmini
