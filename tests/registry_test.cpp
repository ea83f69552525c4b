#include <catch2/catch.hpp>

#include <algorithm>

#include "runtime/base_sink.hpp"
#include "runtime/registry/registry.hpp"

using namespace gstmini;

namespace {
// An application's own element: a sink that counts bytes.
struct ByteCounter : Sink {
  static const ElementClass& element_class() {
    static const ElementClass klass{"bytecounter",
                                    "Byte Counter",
                                    "Sink",
                                    "Counts bytes",
                                    "test",
                                    {{"sink", PadDirection::Sink, PadPresence::Always, "ANY"}},
                                    Sink::base_properties(false)};
    return klass;
  }
  explicit ByteCounter(std::string name) : Sink(element_class(), std::move(name)) {}
  FlowReturn render(const Buffer& buffer) override {
    bytes += buffer.size();
    return FlowReturn::Ok;
  }
  std::size_t bytes = 0;
};
}  // namespace

TEST_CASE("the registry lists the built-in elements", "[registry]") {
  std::vector<std::string> names;
  for (const ElementClass* k : Registry::get().list()) names.push_back(k->factory_name);
  for (const char* expected : {"fakesink", "fakesrc", "identity", "livesrc", "queue"})
    CHECK(std::find(names.begin(), names.end(), expected) != names.end());
}

TEST_CASE("elements without a name are numbered per factory", "[registry]") {
  auto a = make_element("identity");
  auto b = make_element("identity");
  CHECK(a->name().rfind("identity", 0) == 0);
  CHECK(a->name() != b->name());
}

TEST_CASE("an application registers its own element type", "[registry]") {
  Registry::get().add<ByteCounter>();
  auto sink = make_element("bytecounter", "mine");
  CHECK(sink->name() == "mine");
  CHECK(dynamic_cast<ByteCounter*>(sink.get()) != nullptr);
  CHECK(sink->element_class().long_name == "Byte Counter");
  CHECK(sink->get<bool>("sync") == false);
}

TEST_CASE("elements expose their pads from the templates", "[registry]") {
  auto queue = make_element("queue", "q");
  REQUIRE(queue->find_pad("sink"));
  REQUIRE(queue->find_pad("src"));
  CHECK(queue->find_pad("sink")->direction == PadDirection::Sink);
  CHECK(queue->count_pads(PadDirection::Src) == 1);
}
