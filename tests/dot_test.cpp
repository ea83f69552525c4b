#include <catch2/catch.hpp>

#include <dirent.h>
#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "runtime/debug/dot.hpp"
#include "test_util.hpp"

using namespace gstmini;
using namespace gstmini::test;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* entry = readdir(d))
      if (entry->d_name[0] != '.') names.push_back(entry->d_name);
    closedir(d);
  }
  return names;
}

// Sets GSTMINI_DEBUG_DUMP_DOT_DIR to a fresh directory for one test.
struct DumpDir {
  DumpDir() {
    char templ[] = "/tmp/gstmini-dot-XXXXXX";
    path = mkdtemp(templ);
    setenv("GSTMINI_DEBUG_DUMP_DOT_DIR", path.c_str(), 1);
  }
  ~DumpDir() {
    unsetenv("GSTMINI_DEBUG_DUMP_DOT_DIR");
    for (const std::string& f : files_in(path)) std::remove((path + "/" + f).c_str());
    std::remove(path.c_str());
  }
  std::string path;
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool dot_available() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

}  // namespace

TEST_CASE("the dot graph shows every element, its pads and every link", "[dot]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  src->set("num-buffers", 3);
  auto tee = make_element("tee", "split");
  auto queue = make_element("queue", "q");
  auto sink = make_element("fakesink", "out");
  pipeline.add_many(src, tee, queue, sink);
  pipeline.link_many({src, tee, queue});
  pipeline.link(queue, sink, 4);

  std::string dot = pipeline.to_dot();
  CHECK(contains(dot, "digraph pipeline {"));
  CHECK(contains(dot, "label=\"<Pipeline>\\np\\n[0]\""));
  CHECK(contains(dot, "label=\"fakesrc\\nsrc\\n[0]\\nparent=p\\nnum-buffers=3\""));
  CHECK(contains(dot, "label=\"tee\\nsplit\\n[0]"));
  CHECK(contains(dot, "label=\"src_0\\nOn request\""));  // the request pad the link made
  CHECK(contains(dot, "style=\"filled,dotted\""));
  CHECK(contains(dot, "label=\"sink\\nAlways\""));
  // src -> split, split:src_0 -> q, q -> out (window 4).
  CHECK(contains(dot, "element_0_pad_0 -> element_1_pad_0 [label=\"credit\"]"));
  CHECK(contains(dot, "-> element_2_pad_0 [label=\"credit\"]"));
  CHECK(contains(dot, "element_2_pad_1 -> element_3_pad_0 [label=\"window 4\"]"));
}

TEST_CASE("element states in the graph follow the pipeline", "[dot]") {
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  auto sink = make_element("fakesink", "sink");
  pipeline.add_many(src, sink);
  pipeline.link(src, sink);
  pipeline.set_state(State::Paused);
  State state;
  REQUIRE(pipeline.get_state(&state, nullptr, 10 * kSecond) == StateChangeReturn::Success);
  std::string dot = pipeline.to_dot();
  CHECK(contains(dot, "label=\"<Pipeline>\\np\\n[=]\""));
  CHECK(contains(dot, "label=\"fakesink\\nsink\\n[=]"));
  CHECK(contains(dot, "label=\"fakesrc\\nsrc\\n[=]"));
  pipeline.set_state(State::Null);
}

TEST_CASE("a negotiated link shows its caps on the edge", "[dot]") {
  Pipeline pipeline("p");
  auto src = make_element("livesrc", "cam");
  src->set("num-buffers", 1);
  auto msg = play_until_end(pipeline, {src, make_element("fakesink", "sink")});
  REQUIRE(msg);
  REQUIRE(msg->type == MessageType::Eos);
  std::string dot = pipeline.to_dot();
  INFO(dot);
  CHECK(contains(dot, "element_0_pad_0 -> element_1_pad_0 [label=\"video/x-raw\\nformat: "));
  CHECK(contains(dot, "\\nwidth: 320\\nheight: 240\\nframerate: 30/1\\ncredit\"]"));
  pipeline.set_state(State::Null);
}

TEST_CASE("state markers read like GStreamer's", "[dot]") {
  CHECK(state_marker(State::Playing, State::VoidPending) == "[>]");
  CHECK(state_marker(State::Ready, State::Paused) == "[-] -> [=]");
  CHECK(state_marker(State::Null, State::VoidPending) == "[0]");
}

TEST_CASE("names with quotes and odd characters stay valid dot", "[dot]") {
  GraphSnapshot g;
  g.pipeline = "a \"quoted\" \\ name";
  g.elements.push_back(GraphElement{"my-src.1",
                                    "fakesrc",
                                    State::Null,
                                    State::VoidPending,
                                    true,
                                    false,
                                    {{"src", PadDirection::Src, PadPresence::Always}},
                                    {}});
  std::string dot = to_dot(g);
  CHECK(contains(dot, "a \\\"quoted\\\" \\\\ name"));
  if (!dot_available()) {
    WARN("graphviz 'dot' is not installed: skipping the syntax check");
    return;
  }
  DumpDir dir;
  std::string path = write_dot_file("odd", dot);
  REQUIRE(!path.empty());
  CHECK(std::system(("dot -Tsvg '" + path + "' -o /dev/null").c_str()) == 0);
}

TEST_CASE("with GSTMINI_DEBUG_DUMP_DOT_DIR set the pipeline dumps every state change", "[dot]") {
  DumpDir dir;
  Pipeline pipeline("p");
  auto src = make_element("fakesrc", "src");
  src->set("num-buffers", 3);
  auto msg = play_until_end(pipeline, {src, make_element("fakesink", "sink")});
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  pipeline.set_state(State::Null);

  std::vector<std::string> files = files_in(dir.path);
  std::string playing;
  for (const char* step : {"NULL_READY", "READY_PAUSED", "PAUSED_PLAYING", "PLAYING_PAUSED",
                           "PAUSED_READY", "READY_NULL"}) {
    std::string suffix = std::string("-p.") + step + ".dot", found;
    for (const std::string& f : files)
      if (f.size() > suffix.size() &&
          f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0)
        found = f;
    INFO(step);
    CHECK(!found.empty());
    if (std::string(step) == "PAUSED_PLAYING") playing = found;
  }
  REQUIRE(!playing.empty());
  // "0.00.00.012345678-p.PAUSED_PLAYING.dot": GStreamer's timestamp in the name.
  CHECK(playing[1] == '.');
  CHECK(playing[4] == '.');
  CHECK(playing[7] == '.');
  CHECK(playing[17] == '-');
  std::string dot = read(dir.path + "/" + playing);
  INFO(dot);
  // PLAYING; "[>] -> [0]" if the test's set_state(NULL) already arrived (EOS
  // can come before the pipeline's own PAUSED->PLAYING step completed).
  CHECK(contains(dot, "label=\"<Pipeline>\\np\\n[>]"));
  CHECK(contains(dot, "element_0_pad_0 -> element_1_pad_0"));
  CHECK(!pipeline.dump_dot("by-hand").empty());
  if (!dot_available()) {
    WARN("graphviz 'dot' is not installed: skipping the syntax check");
    return;
  }
  CHECK(std::system(("dot -Tsvg '" + dir.path + "/" + playing + "' -o /dev/null").c_str()) == 0);
}

TEST_CASE("without GSTMINI_DEBUG_DUMP_DOT_DIR dump_dot writes nothing", "[dot]") {
  unsetenv("GSTMINI_DEBUG_DUMP_DOT_DIR");
  Pipeline pipeline("p");
  CHECK(pipeline.dump_dot("x").empty());
}
