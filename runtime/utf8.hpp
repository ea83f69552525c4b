// UTF-8 checks for names: GStreamer refuses an element name that is not
// valid UTF-8 (g_utf8_validate in gst_object_set_name's path), so do we.
#pragma once

#include <string>
#include <string_view>

namespace gstmini {

// Well-formed UTF-8 as RFC 3629 defines it: no overlong forms, no
// surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// `text` with every byte that is not part of a valid UTF-8 sequence written
// as \xNN, for error messages that must stay printable.
std::string escape_invalid_utf8(std::string_view text);

}  // namespace gstmini
