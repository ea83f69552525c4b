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
// That form is for gstmini's own plugins (source module and binary package
// "gstmini"). A plugin from another project names its own, as
// GST_PLUGIN_DEFINE does:
//
//   GSTMINI_PLUGIN_DEFINE_FULL(myelements, "My elements", plugin_init, "1.0",
//                              "MIT", "myapp", "myapp", "https://example.org/myapp")
//
// The registry loads every `libgstmini*.so` found in GSTMINI_PLUGIN_PATH
// (colon-separated folders) and in the system folder (the build tree's
// plugins/ when running uninstalled, <libdir>/gstmini-0.1/ once installed;
// GSTMINI_PLUGIN_SYSTEM_PATH replaces it), the first time it is used, and
// calls each plugin's init with itself.
#pragma once

namespace gstmini {

class Registry;

// Bumped whenever PluginDesc or the element ABI changes; a plugin built
// against another value is refused with a reason, not loaded.
constexpr int kPluginAbiVersion = 2;

struct PluginDesc {
  int abi_version;
  const char* name;
  const char* description;
  const char* version;
  const char* license;
  const char* source;   // source module, e.g. "gstmini"
  const char* package;  // binary package, e.g. "gstmini"
  const char* origin;   // origin URL
  void (*init)(Registry& registry);
};

}  // namespace gstmini

// The one symbol every plugin exports; the loader looks it up with dlsym.
#define GSTMINI_PLUGIN_DESC_SYMBOL "gstmini_plugin_desc"

#define GSTMINI_PLUGIN_DEFINE_FULL(name, description, init, version, license, source, package, \
                                   origin)                                                     \
  extern "C" __attribute__((visibility("default"))) const ::gstmini::PluginDesc*               \
  gstmini_plugin_desc() {                                                                      \
    static const ::gstmini::PluginDesc desc{::gstmini::kPluginAbiVersion,                      \
                                            #name,                                             \
                                            description,                                       \
                                            version,                                           \
                                            license,                                           \
                                            source,                                            \
                                            package,                                           \
                                            origin,                                            \
                                            init};                                             \
    return &desc;                                                                              \
  }

#define GSTMINI_PLUGIN_DEFINE(name, description, init, version, license)                      \
  GSTMINI_PLUGIN_DEFINE_FULL(name, description, init, version, license, "gstmini", "gstmini", \
                             "https://github.com/gstmini/gstmini")
