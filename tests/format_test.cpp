// gstmini::format, the "{}" formatting of the logging macros (fmt's grammar,
// the subset the tree uses, with no fmt in public headers).
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "gstmini/version.hpp"
#include "runtime/format.hpp"

using gstmini::format;

TEST_CASE("format replaces {} in order, with any streamable argument", "[format]") {
  CHECK(format("linked {} to {} ({} buffers)", "src", std::string("sink"), 4) ==
        "linked src to sink (4 buffers)");
  CHECK(format("no fields") == "no fields");
  CHECK(format("{} {}", true, 2.5) == "true 2.5");
  CHECK(format("{}", std::uint64_t{18446744073709551615u}) == "18446744073709551615");
}

TEST_CASE("format reads fmt's width, fill, alignment, precision and hex", "[format]") {
  CHECK(format("[{:>6}]", 42) == "[    42]");
  CHECK(format("[{:<5}]", "ab") == "[ab   ]");
  CHECK(format("[{:*^7}]", "mid") == "[**mid**]");
  CHECK(format("[{:6}]", 7) == "[     7]");
  CHECK(format("[{:6}]", "x") == "[x     ]");
  CHECK(format("{:.2f}", 3.14159) == "3.14");
  CHECK(format("{:08.3f}", -2.5) == "-002.500");
  CHECK(format("0x{:x}", 255) == "0xff");
}

TEST_CASE("format never throws: escapes, missing arguments and unknown specs stay as text",
          "[format]") {
  CHECK(format("{{}} {}", 1) == "{} 1");
  CHECK(format("{} and {}", 1) == "1 and {}");
  CHECK(format("{}", 1, 2) == "1");
  CHECK(format("{:q}", 1) == "{:q}");
  CHECK(format("open {", 1) == "open {");
}

TEST_CASE("version() is the library's version and matches the headers", "[format]") {
  CHECK(std::string(gstmini::version()) == GSTMINI_VERSION_STRING);
  unsigned major = 99, minor = 99, micro = 99;
  gstmini::version(&major, &minor, &micro);
  CHECK(major == GSTMINI_VERSION_MAJOR);
  CHECK(minor == GSTMINI_VERSION_MINOR);
  CHECK(micro == GSTMINI_VERSION_MICRO);
  CHECK(GSTMINI_CHECK_VERSION(0, 1, 0));
  CHECK_FALSE(GSTMINI_CHECK_VERSION(99, 0, 0));
}
