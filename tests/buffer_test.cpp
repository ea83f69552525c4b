#include <catch2/catch.hpp>

#include "runtime/buffer.hpp"

using namespace gstmini;

TEST_CASE("copying a buffer shares its bytes instead of copying them", "[buffer]") {
  Buffer a(1024);
  a.pts = 5 * kSecond;
  Buffer b = a;
  CHECK(b.data() == a.data());
  CHECK(b.pts == 5 * kSecond);
  CHECK(a.is_payload_shared());
}

TEST_CASE("writing to a shared buffer copies the bytes first", "[buffer]") {
  Buffer a(4);
  a.map_writable()[0] = 7;
  const std::uint8_t* before = a.data();
  CHECK(a.map_writable() == before);  // not shared: written in place
  Buffer b = a;
  std::uint8_t* written = b.map_writable();
  written[0] = 9;
  CHECK(written != a.data());
  CHECK(a.data()[0] == 7);
  CHECK(b.data()[0] == 9);
  CHECK_FALSE(a.is_payload_shared());
}

TEST_CASE("buffer flags use GStreamer's names", "[buffer]") {
  Buffer b;
  CHECK(b.size() == 0);
  CHECK(b.data() == nullptr);
  b.set_flag(BufferFlags::Discont);
  b.set_flag(BufferFlags::DeltaUnit);
  CHECK(b.has_flag(BufferFlags::Discont));
  CHECK(flags_to_string(b.flags()) == "DISCONT DELTA_UNIT");
  b.unset_flag(BufferFlags::Discont);
  CHECK_FALSE(b.has_flag(BufferFlags::Discont));
  CHECK(to_string(b) == "buffer: pts none, dts none, dur none, size 0, flags DELTA_UNIT");
}
