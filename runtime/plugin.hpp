// A plugin: a shared library that registers elements (GstPlugin).
//
// A plugin file defines its description once, at file scope:
//
//   static void plugin_init(gstmini::Registry& registry) {
//     registry.add<PngDec>();
//     registry.add<PngEnc>();
//   }
//   GSTMINI_PLUGIN_DEFINE(png, "PNG image decoder and encoder", plugin_init,
//                         "0.1.0", "LGPL")
//
// The registry loads every `libgstmini*.so` found in GSTMINI_PLUGIN_PATH
// (colon-separated folders) and in the build tree's plugin folder, the first
// time it is used, and calls each plugin's init with itself.
#pragma once

namespace gstmini {

class Registry;

// Bumped whenever PluginDesc or the element ABI changes; a plugin built
// against another value is refused with a reason, not loaded.
constexpr int kPluginAbiVersion = 1;

struct PluginDesc {
  int abi_version;
  const char* name;
  const char* description;
  const char* version;
  const char* license;
  const char* source;
  const char* origin;
  void (*init)(Registry& registry);
};

}  // namespace gstmini

// The one symbol every plugin exports; the loader looks it up with dlsym.
#define GSTMINI_PLUGIN_DESC_SYMBOL "gstmini_plugin_desc"

#define GSTMINI_PLUGIN_DEFINE(name, description, init, version, license)                     \
  extern "C" __attribute__((visibility("default"))) const ::gstmini::PluginDesc*             \
  gstmini_plugin_desc() {                                                                     \
    static const ::gstmini::PluginDesc desc{::gstmini::kPluginAbiVersion,                     \
                                            #name,                                            \
                                            description,                                      \
                                            version,                                          \
                                            license,                                          \
                                            "gstmini",                                        \
                                            "https://github.com/gstmini/gstmini",             \
                                            init};                                            \
    return &desc;                                                                             \
  }
