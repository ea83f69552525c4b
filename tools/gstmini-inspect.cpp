// gstmini-inspect: like gst-inspect-1.0.
//
//   gstmini-inspect            every registered element, then the count
//   gstmini-inspect fakesrc    factory details, pad templates, properties
#include <cstring>
#include <iostream>

#include "runtime/inspect.hpp"
#include "runtime/registry.hpp"

int main(int argc, char** argv) {
  using namespace gstmini;
  if (argc > 1 && (std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0)) {
    std::cout << "Usage:\n  " << argv[0] << " [ELEMENT-NAME]\n\n"
              << "Without arguments, lists every element; with a name, describes it.\n";
    return 0;
  }
  if (argc < 2) {
    std::cout << list_elements();
    return 0;
  }
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    const ElementClass* klass = Registry::get().find(argv[i]);
    if (!klass) {
      std::cerr << "No such element or plugin '" << argv[i] << "'\n";
      status = 1;
      continue;
    }
    std::cout << inspect_element(*klass);
  }
  return status;
}
