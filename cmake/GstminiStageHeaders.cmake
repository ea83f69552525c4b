# cmake -DIN=runtime/pad.hpp -DOUT=.../staged-include/gstmini/runtime/pad.hpp -P this
#
# Copies one public header for installation, turning the tree's
# `#include "runtime/x.hpp"` (and "elements/", "gstmini/") into
# `#include "gstmini/runtime/x.hpp"`: installed, <prefix>/include is the root.
file(READ "${IN}" content)
string(REGEX REPLACE "#include \"(runtime|elements)/" "#include \"gstmini/\\1/" content "${content}")
file(WRITE "${OUT}.tmp" "${content}")
file(RENAME "${OUT}.tmp" "${OUT}")
