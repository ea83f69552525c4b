// Caps vectors: parse/print round trips, intersect, is_subset and fixate.
// Expected strings are GStreamer's gst_caps_to_string() output for the same
// caps (checked against Debian's GStreamer 1.22 by hand, e.g.
// `gst-launch-1.0 -v videotestsrc ! "video/x-raw,width=[1,100]" ! fakesink`).
#include <catch2/catch.hpp>

#include <string>

#include "runtime/caps/caps.hpp"

using namespace gstmini;

namespace {

Caps caps(const std::string& text) { return Caps::from_string(text); }

}  // namespace

TEST_CASE("caps strings print as GStreamer prints them", "[caps]") {
  struct Vector {
    const char* in;
    const char* out;
  };
  const Vector vectors[] = {
      {"ANY", "ANY"},
      {"EMPTY", "EMPTY"},
      {"NONE", "EMPTY"},
      {"", "EMPTY"},
      {"video/x-raw", "video/x-raw"},
      {"video/x-raw,width=320", "video/x-raw, width=(int)320"},
      {"video/x-raw, format=(string)RGB, width=(int)320, framerate=(fraction)30/1",
       "video/x-raw, format=(string)RGB, width=(int)320, framerate=(fraction)30/1"},
      {"video/x-raw,framerate=60/2", "video/x-raw, framerate=(fraction)30/1"},
      {"video/x-raw,width=[1,100]", "video/x-raw, width=(int)[ 1, 100 ]"},
      {"video/x-raw,width=(int)[ 0, 100, 4 ]", "video/x-raw, width=(int)[ 0, 100, 4 ]"},
      {"video/x-raw,format={RGB,I420}", "video/x-raw, format=(string){ RGB, I420 }"},
      {"video/x-raw,framerate=[0/1,2147483647/1]",
       "video/x-raw, framerate=(fraction)[ 0/1, 2147483647/1 ]"},
      {"audio/x-raw,rate=(double)[0.5,2.5]", "audio/x-raw, rate=(double)[ 0.5, 2.5 ]"},
      {"audio/x-raw,volume=0.25", "audio/x-raw, volume=(double)0.25"},
      {"text/x-raw,interlaced=false", "text/x-raw, interlaced=(boolean)false"},
      {"text/x-raw,flag=(boolean)yes", "text/x-raw, flag=(boolean)true"},
      {"text/x-raw,title=\"a \\\"b\\\" c\"", "text/x-raw, title=(string)\"a \\\"b\\\" c\""},
      {"text/x-raw,n=(string)320", "text/x-raw, n=(string)320"},
      {"video/x-raw(memory:GLMemory),width=2", "video/x-raw(memory:GLMemory), width=(int)2"},
      {"video/x-raw(memory:SystemMemory)", "video/x-raw"},
      {"video/x-raw;audio/x-raw", "video/x-raw; audio/x-raw"},
      {"video/x-raw; video/x-raw", "video/x-raw"},  // merged: the second adds nothing
      {"video/x-raw;", "video/x-raw"},
      {"video/x-raw,width=[5,5]", "video/x-raw, width=(int)5"},
      {"video/x-raw,format={RGB,RGB}", "video/x-raw, format=(string)RGB"},
  };
  for (const Vector& v : vectors) {
    INFO(v.in);
    Caps parsed = caps(v.in);
    CHECK(parsed.to_string() == v.out);
    // Printing is stable: what we print parses back to the same caps.
    CHECK(caps(parsed.to_string()).to_string() == v.out);
    CHECK(caps(parsed.to_string()) == parsed);
  }
}

TEST_CASE("bad caps strings name the problem and where", "[caps]") {
  struct Vector {
    const char* in;
    const char* reason;
    std::size_t position;
  };
  const Vector vectors[] = {
      {"video/x-raw,width", "expected '=' after field name 'width'", 17},
      {"video/x-raw,width=", "expected a value", 18},
      {"video/x-raw,width=(int)abc", "'abc' is not an int", 23},
      {"video/x-raw,width=(integer)3", "unknown type 'integer'", 18},
      {"video/x-raw,width=[1,2", "expected ']' to close the range", 22},
      {"video/x-raw,width=[5,1]", "a range's minimum is larger than its maximum", 18},
      {"video/x-raw,width=[a,b]", "a range needs two ints, doubles or fractions", 18},
      {"video/x-raw,format={}", "an empty list is not a value", 19},
      {"video/x-raw,t=\"abc", "unterminated string", 14},
      {"video/x-raw,w=1,w=2", "field 'w' given twice", 16},
      {"video/x-raw width=1", "expected ',' or ';'", 12},
      {",width=1", "expected a media type such as video/x-raw", 0},
      {"ANY,width=1", "unexpected text after ANY", 3},
      {"video/x-raw,a=<1,2>", "arrays (< ... >) are not supported in caps here", 14},
      {"video/x-raw,f=(fraction)1/0", "'1/0' is not a fraction", 24},
      {"video/x-raw,f={{{{{{{{{{{{{{{{{1}}}}}}}}}}}}}}}}}", "values nested too deeply", 30},
  };
  for (const Vector& v : vectors) {
    INFO(v.in);
    try {
      caps(v.in);
      FAIL("parsed without error");
    } catch (const CapsParseError& e) {
      CHECK(e.reason() == v.reason);
      CHECK(e.position() == v.position);
    }
  }
}

TEST_CASE("caps intersect", "[caps]") {
  struct Vector {
    const char* a;
    const char* b;
    const char* out;
  };
  const Vector vectors[] = {
      {"ANY", "video/x-raw,width=3", "video/x-raw, width=(int)3"},
      {"video/x-raw", "ANY", "video/x-raw"},
      {"ANY", "ANY", "ANY"},
      {"EMPTY", "ANY", "EMPTY"},
      {"video/x-raw", "audio/x-raw", "EMPTY"},
      {"video/x-raw,width=320", "video/x-raw,width=[1,400]", "video/x-raw, width=(int)320"},
      {"video/x-raw,width=[1,400]", "video/x-raw,width=[300,1000]",
       "video/x-raw, width=(int)[ 300, 400 ]"},
      {"video/x-raw,width=[1,300]", "video/x-raw,width=[300,1000]", "video/x-raw, width=(int)300"},
      {"video/x-raw,width=[1,100]", "video/x-raw,width=[200,300]", "EMPTY"},
      {"video/x-raw,width=[0,100,4]", "video/x-raw,width=[3,20]",
       "video/x-raw, width=(int)[ 4, 20, 4 ]"},
      {"video/x-raw,width=[0,100,4]", "video/x-raw,width=6", "EMPTY"},
      // Fields only one side has are kept: the result is the more specific.
      {"video/x-raw,width=320", "video/x-raw,height=240",
       "video/x-raw, width=(int)320, height=(int)240"},
      {"video/x-raw,format={RGB,I420,NV12}", "video/x-raw,format={NV12,RGB}",
       "video/x-raw, format=(string){ RGB, NV12 }"},
      {"video/x-raw,format={RGB,I420}", "video/x-raw,format=I420",
       "video/x-raw, format=(string)I420"},
      {"video/x-raw,framerate=[0/1,60/1]", "video/x-raw,framerate=30/1",
       "video/x-raw, framerate=(fraction)30/1"},
      {"video/x-raw,framerate=[0/1,30/1]", "video/x-raw,framerate=[25/1,60/1]",
       "video/x-raw, framerate=(fraction)[ 25/1, 30/1 ]"},
      {"video/x-raw,framerate=[0/1,30/1]", "video/x-raw,framerate=60/1", "EMPTY"},
      {"audio/x-raw,rate=(double)[0.5,2.0]", "audio/x-raw,rate=1.5",
       "audio/x-raw, rate=(double)1.5"},
      // Different types never intersect (an int is not a double).
      {"audio/x-raw,rate=2", "audio/x-raw,rate=2.0", "EMPTY"},
      {"video/x-raw,width=320", "video/x-raw,width=(string)320", "EMPTY"},
      {"video/x-raw(memory:GLMemory)", "video/x-raw", "EMPTY"},
      // Several structures: every pair, in the first caps' order.
      {"video/x-raw,format=RGB; video/x-raw,format=I420", "video/x-raw,format={I420,RGB}",
       "video/x-raw, format=(string)RGB; video/x-raw, format=(string)I420"},
      {"video/x-raw; audio/x-raw", "audio/x-raw,rate=48000", "audio/x-raw, rate=(int)48000"},
  };
  for (const Vector& v : vectors) {
    INFO(v.a << "  ∩  " << v.b);
    CHECK(caps(v.a).intersect(caps(v.b)).to_string() == v.out);
    // Intersection is symmetric as a set (order of preference aside).
    CHECK(caps(v.b).intersect(caps(v.a)) == caps(v.out));
    CHECK(caps(v.a).can_intersect(caps(v.b)) == (std::string(v.out) != "EMPTY"));
  }
}

TEST_CASE("caps is_subset", "[caps]") {
  struct Vector {
    const char* a;
    const char* b;
    bool subset;
  };
  const Vector vectors[] = {
      {"video/x-raw,width=320", "video/x-raw", true},
      {"video/x-raw", "video/x-raw,width=320", false},
      {"video/x-raw,width=320", "video/x-raw,width=[1,400]", true},
      {"video/x-raw,width=[1,400]", "video/x-raw,width=320", false},
      {"video/x-raw,width=[10,20]", "video/x-raw,width=[1,400]", true},
      {"video/x-raw,width=[10,500]", "video/x-raw,width=[1,400]", false},
      {"video/x-raw,format={RGB,I420}", "video/x-raw,format={I420,RGB,NV12}", true},
      {"video/x-raw,format={RGB,YUY2}", "video/x-raw,format={I420,RGB,NV12}", false},
      {"video/x-raw,framerate=30/1", "video/x-raw,framerate=[0/1,60/1]", true},
      {"video/x-raw", "ANY", true},
      {"ANY", "video/x-raw", false},
      {"EMPTY", "video/x-raw", true},
      {"video/x-raw; audio/x-raw", "audio/x-raw; video/x-raw", true},
      {"video/x-raw; audio/x-raw", "video/x-raw", false},
  };
  for (const Vector& v : vectors) {
    INFO(v.a << "  ⊆  " << v.b);
    CHECK(caps(v.a).is_subset(caps(v.b)) == v.subset);
  }
}

TEST_CASE("caps fixate picks the first structure and the lowest member", "[caps]") {
  Caps c = caps(
      "video/x-raw, format={I420,RGB}, width=[16,4096], framerate=[1/1,60/1], "
      "pixel-aspect-ratio=1/1; video/x-raw, format=NV12");
  CHECK_FALSE(c.is_fixed());
  Caps fixed = c.fixate();
  CHECK(fixed.is_fixed());
  CHECK(fixed.to_string() ==
        "video/x-raw, format=(string)I420, width=(int)16, framerate=(fraction)1/1, "
        "pixel-aspect-ratio=(fraction)1/1");
  CHECK(Caps::any().fixate().is_any());
  CHECK(Caps::empty().fixate().is_empty());
  CHECK(caps("video/x-raw").is_fixed());
}

TEST_CASE("fixating a field to the nearest value", "[caps]") {
  CapsStructure s = caps(
                        "video/x-raw, width=[16,4096,16], height=[1,100], "
                        "framerate={15/1,[20/1,25/1]}, format={RGB,I420}")
                        .structure(0);
  CHECK(s.fixate_field_nearest_int("width", 330));  // 320 and 336: 330 is nearer 336
  CHECK(s.get("width")->get_if<std::int64_t>());
  CHECK(*s.get("width")->get_if<std::int64_t>() == 336);
  CHECK(s.fixate_field_nearest_int("height", 240));  // clamped to the range
  CHECK(*s.get("height")->get_if<std::int64_t>() == 100);
  CHECK(s.fixate_field_nearest_fraction("framerate", Fraction{30, 1}));
  CHECK(serialize(*s.get("framerate")) == "(fraction)25/1");
  CHECK(s.fixate_field_string("format", "I420"));
  CHECK_FALSE(s.fixate_field_string("format", "NV12"));
  CHECK_FALSE(s.fixate_field_nearest_int("missing", 1));
  CHECK(s.is_fixed());
}
