// gstmini-launch, run as a subprocess: its output and exit codes are the
// ones gst-launch-1.0 gives for the same lines.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <stdlib.h>

#include <cstdio>
#include <sstream>

#include "subprocess.hpp"

using gstmini::test::Subprocess;

namespace {

std::vector<std::string> launch_args(std::vector<std::string> args) {
  args.insert(args.begin(), GSTMINI_LAUNCH_PATH);
  return args;
}

// True if `lines` appear in `text` in this order, each as a whole line.
bool has_lines_in_order(const std::string& text, const std::vector<std::string>& lines) {
  std::size_t at = 0;
  for (const std::string& line : lines) {
    std::size_t found = text.find(line + "\n", at);
    if (found == std::string::npos || (found > 0 && text[found - 1] != '\n')) {
      UNSCOPED_INFO("missing line (in order): " << line);
      return false;
    }
    at = found + line.size() + 1;
  }
  return true;
}

}  // namespace

TEST_CASE("gstmini-launch runs a pipeline to EOS and exits 0", "[tools]") {
  Subprocess run(launch_args({"fakesrc", "num-buffers=3", "!", "fakesink"}));
  REQUIRE(run.started());
  CHECK(run.finish() == 0);
  INFO(run.out() << run.err());
  CHECK(has_lines_in_order(run.out(),
                           {"Setting pipeline to PAUSED ...", "Pipeline is PREROLLING ...",
                            "Pipeline is PREROLLED ...", "Setting pipeline to PLAYING ...",
                            "New clock: GstSystemClock", "Got EOS from element \"pipeline0\"."}));
  CHECK(run.out().find("Execution ended after 0:00:") != std::string::npos);
  CHECK(has_lines_in_order(run.out(), {"Setting pipeline to NULL ...", "Freeing pipeline ..."}));
  CHECK(run.err().empty());
}

TEST_CASE("gstmini-launch prints an element's ERROR with its path and exits 1", "[tools]") {
  Subprocess run(launch_args({"fakesrc", "!", "identity", "error-after=3", "!", "fakesink"}));
  REQUIRE(run.started());
  CHECK(run.finish() == 1);
  INFO(run.out() << run.err());
  CHECK(run.err().find("ERROR: from element /GstPipeline:pipeline0/GstIdentity:identity0: ") !=
        std::string::npos);
  CHECK(has_lines_in_order(run.out(), {"Setting pipeline to NULL ...", "Freeing pipeline ..."}));
}

TEST_CASE("gstmini-launch shows a parse error with a caret and exits 1", "[tools]") {
  Subprocess run(launch_args({"fakesrc", "!", "fakesnk"}));
  REQUIRE(run.started());
  CHECK(run.finish() == 1);
  CHECK(run.err() ==
        "WARNING: erroneous pipeline: no element \"fakesnk\"\n"
        "  fakesrc ! fakesnk\n"
        "            ^~~~~~~\n");
  CHECK(run.out().empty());
}

TEST_CASE("gstmini-launch refuses an empty pipeline and unknown options", "[tools]") {
  Subprocess empty(launch_args({}));
  CHECK(empty.finish() == 1);
  CHECK(empty.err() == "ERROR: pipeline could not be constructed: empty pipeline not allowed.\n");
  Subprocess bad(launch_args({"--bogus", "fakesrc", "!", "fakesink"}));
  CHECK(bad.finish() == 1);
  CHECK(bad.err() == "Error initializing: Unknown option --bogus\n");
}

TEST_CASE("gstmini-launch -e turns SIGINT on a live pipeline into EOS and exits 0", "[tools]") {
  Subprocess run(launch_args({"-e", "livesrc", "!", "fakesink", "sync=true"}));
  REQUIRE(run.started());
  REQUIRE(run.wait_for_stdout("Setting pipeline to PLAYING ...\n"));
  run.signal_child(SIGINT);
  CHECK(run.finish() == 0);
  INFO(run.out() << run.err());
  CHECK(has_lines_in_order(
      run.out(),
      {"Pipeline is live and does not need PREROLL ...", "Pipeline is PREROLLED ...",
       "Setting pipeline to PLAYING ...", "handling interrupt.", "Interrupt: Stopping pipeline ...",
       "EOS on shutdown enabled -- Forcing EOS on the pipeline", "Waiting for EOS...",
       "Got EOS from element \"pipeline0\".", "EOS received - stopping pipeline...",
       "Setting pipeline to NULL ...", "Freeing pipeline ..."}));
}

TEST_CASE("gstmini-launch stops a live pipeline on SIGINT without -e", "[tools]") {
  Subprocess run(launch_args({"livesrc", "!", "fakesink", "sync=true"}));
  REQUIRE(run.started());
  REQUIRE(run.wait_for_stdout("Setting pipeline to PLAYING ...\n"));
  run.signal_child(SIGINT);
  CHECK(run.finish() == 0);
  INFO(run.out());
  CHECK(has_lines_in_order(run.out(), {"handling interrupt.", "Interrupt: Stopping pipeline ...",
                                       "Setting pipeline to NULL ...", "Freeing pipeline ..."}));
  CHECK(run.out().find("Got EOS") == std::string::npos);
}

TEST_CASE("gstmini-launch -m prints every bus message, -q prints nothing", "[tools]") {
  Subprocess messages(launch_args({"-m", "fakesrc", "num-buffers=1", "!", "fakesink"}));
  CHECK(messages.finish() == 0);
  INFO(messages.out());
  CHECK(has_lines_in_order(
      messages.out(),
      {"Got message #1 from element \"pipeline0\" (state-changed): GstMessageStateChanged, "
       "old-state=(GstState)null, new-state=(GstState)ready, pending-state=(GstState)paused;",
       "Got message #2 from element \"pipeline0\" (state-changed): GstMessageStateChanged, "
       "old-state=(GstState)ready, new-state=(GstState)paused, "
       "pending-state=(GstState)void-pending;"}));
  CHECK(messages.out().find("(eos): no message details\nGot EOS from element") !=
        std::string::npos);

  Subprocess quiet(launch_args({"-q", "fakesrc", "num-buffers=1", "!", "fakesink"}));
  CHECK(quiet.finish() == 0);
  CHECK(quiet.out().empty());
}

TEST_CASE("gstmini-launch -v prints the caps each pad negotiated", "[tools]") {
  Subprocess run(launch_args(
      {"-v", "livesrc", "num-buffers=2", "!", "video/x-raw,format=GRAY8", "!", "fakesink"}));
  CHECK(run.finish() == 0);
  INFO(run.out());
  const std::string caps =
      ": caps = video/x-raw, format=(string)GRAY8, width=(int)320, height=(int)240, "
      "framerate=(fraction)30/1";
  CHECK(has_lines_in_order(run.out(),
                           {"/GstPipeline:pipeline0/GstLiveSrc:livesrc0.GstPad:src" + caps}));
  CHECK(has_lines_in_order(run.out(),
                           {"/GstPipeline:pipeline0/GstFakeSink:fakesink0.GstPad:sink" + caps}));
}

TEST_CASE("gstmini-launch --stats prints the flow statistics of the run", "[tools]") {
  Subprocess run(launch_args({"--stats", "fakesrc", "num-buffers=7", "!", "fakesink"}));
  CHECK(run.finish() == 0);
  const std::string& out = run.out();
  CHECK(out.find("flow statistics of pipeline \"pipeline0\"") != std::string::npos);
  // The link row: its name, its rule (credit), the credit the sync=false
  // sink granted (now/max), the batch size, then the 7 buffers the sink got.
  const auto row = out.find("fakesrc0:src -> fakesink0:sink");
  REQUIRE(row != std::string::npos);
  std::istringstream fields(out.substr(row, out.find('\n', row) - row));
  std::string src, arrow, sink, kind, credit, batch, buffers;
  fields >> src >> arrow >> sink >> kind >> credit >> batch >> buffers;
  CHECK(kind == "credit");
  CHECK(credit.substr(credit.find('/')) == "/64");
  CHECK(std::stod(batch) >= 1.0);
  CHECK(buffers == "7");
}

TEST_CASE("gstmini-launch names its graph dumps like gst-launch", "[tools][dot]") {
  char templ[] = "/tmp/gstmini-launch-dot-XXXXXX";
  std::string dir = mkdtemp(templ);
  Subprocess run(launch_args({"-q", "fakesrc", "num-buffers=1", "!", "fakesink"}),
                 {"GSTMINI_DEBUG_DUMP_DOT_DIR=" + dir});
  CHECK(run.finish() == 0);
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d))
      if (e->d_name[0] != '.') names.push_back(e->d_name);
    closedir(d);
  }
  for (const std::string& n : names) std::remove((dir + "/" + n).c_str());
  std::remove(dir.c_str());
  bool found = false;
  for (const std::string& n : names)
    found |= n.find("-gstmini-launch.PAUSED_PLAYING.dot") != std::string::npos;
  INFO(names.size() << " files");
  CHECK(found);
}
