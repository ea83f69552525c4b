// A plugin that cannot load: it calls a function no library defines, so
// dlopen(RTLD_NOW) fails with "undefined symbol: ...". The registry must
// report it and carry on (tests/plugin_test.cpp).
#include "runtime/registry/plugin.hpp"
#include "runtime/registry/registry.hpp"

void gstmini_test_function_nobody_defines();

namespace {
void plugin_init(gstmini::Registry&) { gstmini_test_function_nobody_defines(); }
}  // namespace

GSTMINI_PLUGIN_DEFINE(missingsymbol, "A plugin with an unresolved symbol", plugin_init, "0.0.1",
                      "LGPL")
