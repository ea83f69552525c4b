// A plugin that loads next to the broken ones: one element, registered
// through the same macro an application's plugin uses.
#include "runtime/base_transform.hpp"
#include "runtime/registry/plugin.hpp"
#include "runtime/registry/registry.hpp"

namespace {

class TestPassthrough : public gstmini::Transform {
 public:
  explicit TestPassthrough(std::string name) : Transform(element_class(), std::move(name)) {}
  static const gstmini::ElementClass& element_class() {
    static const gstmini::ElementClass klass{"testpassthrough",
                                             "Test passthrough",
                                             "Filter",
                                             "Passes buffers on (a test plugin's element)",
                                             "gstmini tests",
                                             gstmini::transform_pad_templates(),
                                             {}};
    return klass;
  }
};

void plugin_init(gstmini::Registry& registry) { registry.add<TestPassthrough>(); }

}  // namespace

GSTMINI_PLUGIN_DEFINE_FULL(goodplugin, "A test plugin that loads", plugin_init, "1.2.3", "MIT",
                           "gstmini-tests", "gstmini test package", "https://example.org/tests")
