// Pads and pad templates (GstPad, GstPadTemplate), as data.
//
// A pad is an element's named connection point. Which pad is linked to which
// lives in the actor layer: a link is a typed mailbox between two element
// actors, and the element itself only names its pads.
#pragma once

#include <string>

namespace gstmini {

enum class PadDirection { Unknown, Src, Sink };
enum class PadPresence { Always, Sometimes, Request };

struct PadTemplate {
  std::string name_template;  // "src", "sink", "src_%u"
  PadDirection direction = PadDirection::Unknown;
  PadPresence presence = PadPresence::Always;
  std::string caps = "ANY";  // caps negotiation comes with the caps issue; printed by tools
};

struct Pad {
  std::string name;
  PadDirection direction = PadDirection::Unknown;
  const PadTemplate* templ = nullptr;
  unsigned index = 0;  // position in Element::pads()
};

const char* to_string(PadDirection direction);  // "SRC", "SINK", "UNKNOWN"
const char* to_string(PadPresence presence);    // "Always", "Sometimes", "On request"

}  // namespace gstmini
