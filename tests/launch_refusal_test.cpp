// What gst-launch-1.0 refuses, gstmini refuses too, with an error that names
// the element, pad or property (issue 9 item 12): request pad indices beyond
// guint, property values beyond their range, names that are not UTF-8; and a
// state change that fails says why before "Failed to set pipeline to PAUSED.".
#include <catch2/catch.hpp>

#include <string>

#include "runtime/launch/parse_launch.hpp"
#include "runtime/registry/registry.hpp"
#include "runtime/utf8.hpp"
#include "subprocess.hpp"

using namespace gstmini;
using gstmini::test::Subprocess;

namespace {

std::vector<std::string> launch_args(std::vector<std::string> args) {
  args.insert(args.begin(), GSTMINI_LAUNCH_PATH);
  return args;
}

// The launcher's parse error for `args`: exit 1, nothing on stdout.
std::string refusal(std::vector<std::string> args) {
  Subprocess run(launch_args(std::move(args)));
  REQUIRE(run.started());
  CHECK(run.finish() == 1);
  CHECK(run.out().empty());
  return run.err();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("request pad indices beyond guint are refused", "[tools][launch-refusal]") {
  std::string err =
      refusal({"fakesrc", "!", "tee", "name=t", "t.src_99999999999999999999", "!", "fakesink"});
  INFO(err);
  CHECK(contains(err,
                 "WARNING: erroneous pipeline: no pad \"src_99999999999999999999\" in "
                 "element \"t\""));
  err = refusal({"fakesrc", "!", ".sink_4294967296", "funnel", "!", "fakesink"});
  INFO(err);
  CHECK(contains(err, "no pad \"sink_4294967296\" in element \"funnel0\""));
  // The largest guint is a valid index, as in GStreamer.
  auto tee = Registry::get().make("tee");
  CHECK(tee->request_template_for(PadDirection::Src, "src_4294967295"));
  CHECK(tee->request_template_for(PadDirection::Src, "src_004294967295"));
  CHECK_FALSE(tee->request_template_for(PadDirection::Src, "src_4294967296"));
  CHECK_NOTHROW(parse_launch("fakesrc ! tee name=t t.src_4294967295 ! fakesink"));
}

TEST_CASE("identity's sleep-time and cpu-work are guints: larger values are refused",
          "[tools][launch-refusal]") {
  // 2^64 - 1 used to wrap to a negative duration: no sleep at all.
  std::string err = refusal({"fakesrc", "num-buffers=1", "!", "identity",
                             "sleep-time=18446744073709551615", "!", "fakesink"});
  INFO(err);
  CHECK(contains(err,
                 "could not set property \"sleep-time\" in element \"identity0\" to "
                 "\"18446744073709551615\""));
  err = refusal({"fakesrc", "num-buffers=1", "!", "identity", "cpu-work=9223372036854775807", "!",
                 "fakesink"});
  INFO(err);
  CHECK(contains(err, "could not set property \"cpu-work\" in element \"identity0\""));
  auto identity = Registry::get().make("identity");
  CHECK_NOTHROW(identity->set_property_from_string("sleep-time", "4294967295"));
  CHECK(identity->get<std::uint64_t>("sleep-time") == 4294967295u);
  CHECK_THROWS(identity->set_property_from_string("sleep-time", "4294967296"));
}

TEST_CASE("element names must be valid UTF-8", "[tools][launch-refusal]") {
  std::string err = refusal({"fakesrc",
                             "name=a\xff"
                             "b",
                             "!", "fakesink"});
  INFO(err);
  CHECK(contains(err,
                 "could not set property \"name\" in element \"fakesrc\" to \"a\\xffb\": "
                 "not valid UTF-8"));
  CHECK_THROWS_AS(Registry::get().make("fakesrc", "x\xc0\xaf"), ElementError);  // overlong '/'
  CHECK_NOTHROW(parse_launch("fakesrc name=caméra ! fakesink name=出口"));

  CHECK(is_valid_utf8("caméra 出口 \xf0\x9f\x8e\xa5"));
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // a surrogate
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xe2\x82"));          // cut short
  CHECK(escape_invalid_utf8("a\xff\xc3\xa9") == "a\\xff\xc3\xa9");
}

TEST_CASE("a failed state change prints the ERROR that explains it", "[tools][launch-refusal]") {
  // gst-launch-1.0 prints the element's ERROR, "pipeline doesn't want to
  // preroll.", then "Failed to set pipeline to PAUSED." and frees the pipeline.
  Subprocess run(launch_args({"livesrc", "framerate=0/1", "!", "fakesink"}));
  REQUIRE(run.started());
  CHECK(run.finish() == 1);
  INFO(run.out() << run.err());
  const std::string& err = run.err();
  const auto why = err.find("ERROR: from element /GstPipeline:pipeline0/");
  const auto reason = err.find("livesrc0: framerate must be positive\n");
  const auto preroll = err.find("ERROR: pipeline doesn't want to preroll.\n");
  const auto failed = err.find("Failed to set pipeline to PAUSED.\n");
  CHECK(why != std::string::npos);
  CHECK(reason != std::string::npos);
  CHECK(preroll != std::string::npos);
  REQUIRE(failed != std::string::npos);
  CHECK(why < failed);
  CHECK(reason < preroll);
  CHECK(preroll < failed);
  CHECK(contains(run.out(), "Setting pipeline to PAUSED ...\n"));
  CHECK(contains(run.out(), "Setting pipeline to NULL ...\nFreeing pipeline ...\n"));
}
