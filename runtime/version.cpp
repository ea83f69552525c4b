// The library's side of include/gstmini/version.hpp: compiled into
// libgstmini, so an application learns which library it actually runs with.
#include "gstmini/version.hpp"

namespace gstmini {

const char* version() { return GSTMINI_VERSION_STRING; }

void version(unsigned* major, unsigned* minor, unsigned* micro) {
  if (major) *major = GSTMINI_VERSION_MAJOR;
  if (minor) *minor = GSTMINI_VERSION_MINOR;
  if (micro) *micro = GSTMINI_VERSION_MICRO;
}

}  // namespace gstmini
