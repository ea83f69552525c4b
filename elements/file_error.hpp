// The texts of GStreamer's RESOURCE errors, shared by the file elements so
// that every one of them says the same thing for the same failure.
#pragma once

#include <cerrno>
#include <cstring>
#include <string>

namespace gstmini {

// GST_ERROR_SYSTEM: the debug part of an error caused by a failed call.
inline std::string system_error(int err) {
  return "system error: " + std::string(std::strerror(err));
}

// The default messages of GstResourceError (gst_error_get_message).
inline constexpr const char* kResourceNotFound = "Resource not found.";
inline constexpr const char* kResourceRead = "Could not read from resource.";
inline constexpr const char* kResourceWrite = "Could not write to resource.";
inline constexpr const char* kResourceNoSpace = "No space left on the resource.";

}  // namespace gstmini
