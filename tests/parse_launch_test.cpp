// parse_launch: gst-launch lines build the elements, properties and links
// they say; wrong lines are refused with GStreamer's wording and the place
// in the line marked.
#include <catch2/catch.hpp>

#include <map>

#include "elements/capsfilter.hpp"
#include "runtime/launch/launch_syntax.hpp"
#include "runtime/launch/parse_launch.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {

// Element names as a fresh process would give them: the registry's counters
// are per process, so "fakesrc17" here is the line's first fakesrc, "fakesrc0".
std::map<std::string, std::string> fresh_names(const Pipeline& pipeline) {
  std::map<std::string, std::string> names;
  std::map<std::string, int> next;
  for (const ElementPtr& e : pipeline.elements()) {
    const std::string& factory = e->element_class().factory_name;
    const std::string& name = e->name();
    bool automatic = name.size() > factory.size() &&
                     name.compare(0, factory.size(), factory) == 0 &&
                     name.find_first_not_of("0123456789", factory.size()) == std::string::npos;
    names[name] = automatic ? factory + std::to_string(next[factory]++) : name;
  }
  return names;
}

struct Built {
  std::vector<std::string> elements;    // "factory name"
  std::vector<std::string> links;       // "src:pad ! sink:pad"
  std::map<std::string, Value> values;  // by fresh name
};

Built describe(const Pipeline& pipeline) {
  auto names = fresh_names(pipeline);
  Built built;
  for (const ElementPtr& e : pipeline.elements())
    built.elements.push_back(e->element_class().factory_name + " " + names[e->name()]);
  for (const LinkInfo& l : pipeline.links())
    built.links.push_back(names[l.src] + ":" + l.src_pad + " ! " + names[l.sink] + ":" +
                          l.sink_pad);
  return built;
}

std::string property(const Pipeline& pipeline, const std::string& element_dot_property) {
  auto names = fresh_names(pipeline);
  const auto dot = element_dot_property.find('.');
  const std::string element = element_dot_property.substr(0, dot);
  for (const auto& [actual, fresh] : names)
    if (fresh == element)
      return to_string(
          pipeline.get_by_name(actual)->get_property(element_dot_property.substr(dot + 1)));
  return "<no element " + element + ">";
}

struct ValidLine {
  std::string line;
  std::vector<std::string> elements;
  std::vector<std::string> links;       // in the order made
  std::vector<std::string> properties;  // "element.property=value"
};

// The name the next unnamed element of `factory` will get, plus `ahead`.
std::string next_auto_name(const std::string& factory, int ahead = 0) {
  const std::string probe = make_element(factory)->name();
  return factory + std::to_string(std::stoi(probe.substr(factory.size())) + 1 + ahead);
}

// "{fakesrc}" / "{fakesrc+1}" in an expected message: the auto names this
// process will give.
std::string expand_auto_names(std::string text) {
  for (std::size_t open; (open = text.find('{')) != std::string::npos;) {
    const std::size_t close = text.find('}', open);
    std::string inside = text.substr(open + 1, close - open - 1);
    int ahead = 0;
    if (auto plus = inside.find('+'); plus != std::string::npos) {
      ahead = std::stoi(inside.substr(plus + 1));
      inside.resize(plus);
    }
    text.replace(open, close - open + 1, next_auto_name(inside, ahead));
  }
  return text;
}

}  // namespace

TEST_CASE("launch lines build the elements, properties and links they describe", "[parse]") {
  const std::vector<ValidLine> table = {
      {"fakesrc num-buffers=10 ! fakesink",
       {"fakesrc fakesrc0", "fakesink fakesink0"},
       {"fakesrc0:src ! fakesink0:sink"},
       {"fakesrc0.num-buffers=10", "fakesink0.sync=false"}},
      // typed values: hex int, enum by nick and by value, bool words, uint64
      {"fakesrc name=src num-buffers=0x10 sizetype=fixed silent=no buffer-duration=1000 ! "
       "fakesink name=s sync=true num-buffers=3",
       {"fakesrc src", "fakesink s"},
       {"src:src ! s:sink"},
       {"src.num-buffers=16", "src.sizetype=2", "src.silent=false", "src.buffer-duration=1000",
        "s.sync=true", "s.num-buffers=3"}},
      {"queue name=q leaky=downstream max-size-buffers=2  fakesrc sizetype=3",
       {"queue q", "fakesrc fakesrc0"},
       {},
       {"q.leaky=2", "q.max-size-buffers=2", "fakesrc0.sizetype=3"}},
      // spaces around '=', tabs and newlines between words
      {"  fakesrc\tnum-buffers = 3\n!\nfakesink  ",
       {"fakesrc fakesrc0", "fakesink fakesink0"},
       {"fakesrc0:src ! fakesink0:sink"},
       {"fakesrc0.num-buffers=3"}},
      // quoting and escapes
      {"fakesrc name=\"a b\" ! fakesink name='c d'  fakesrc name=e\\ f ! fakesink name=\"x "
       "\\\"y\\\"\"",
       {"fakesrc a b", "fakesink c d", "fakesrc e f", "fakesink x \"y\""},
       {"a b:src ! c d:sink", "e f:src ! x \"y\":sink"},
       {}},
      // a tee: unnamed request pads, a reference to its name; references link last
      {"fakesrc ! tee name=t ! queue ! fakesink  t. ! queue ! fakesink",
       {"fakesrc fakesrc0", "tee t", "queue queue0", "fakesink fakesink0", "queue queue1",
        "fakesink fakesink1"},
       {"fakesrc0:src ! t:sink", "t:src_0 ! queue0:sink", "queue0:src ! fakesink0:sink",
        "queue1:src ! fakesink1:sink", "t:src_1 ! queue1:sink"},
       {}},
      // named request pads, and a link to an element defined later in the line
      {"t.src_1 ! fakesink name=a  t.src_0 ! fakesink name=b  fakesrc ! t.  tee name=t",
       {"fakesink a", "fakesink b", "fakesrc fakesrc0", "tee t"},
       {"t:src_1 ! a:sink", "t:src_0 ! b:sink", "fakesrc0:src ! t:sink"},
       {}},
      {"fakesrc ! s.  fakesink name=s",
       {"fakesrc fakesrc0", "fakesink s"},
       {"fakesrc0:src ! s:sink"},
       {}},
      // pads named on both sides of a link
      {"fakesrc .src ! .sink fakesink",
       {"fakesrc fakesrc0", "fakesink fakesink0"},
       {"fakesrc0:src ! fakesink0:sink"},
       {}},
      // funnel: request sink pads, unnamed and named
      {"fakesrc ! funnel name=f  fakesrc ! f.sink_5  f. ! fakesink",
       {"fakesrc fakesrc0", "funnel f", "fakesrc fakesrc1", "fakesink fakesink0"},
       {"fakesrc0:src ! f:sink_0", "fakesrc1:src ! f:sink_5", "f:src ! fakesink0:sink"},
       {}},
      // pad lists link pairwise
      {"tee name=t  funnel name=f  t.src_0,src_1 ! f.sink_0,sink_1  fakesrc ! t.  f. ! fakesink",
       {"tee t", "funnel f", "fakesrc fakesrc0", "fakesink fakesink0"},
       {"t:src_0 ! f:sink_0", "t:src_1 ! f:sink_1", "fakesrc0:src ! t:sink",
        "f:src ! fakesink0:sink"},
       {}},
      // several chains, not linked to each other
      {"fakesrc ! fakesink fakesrc ! fakesink",
       {"fakesrc fakesrc0", "fakesink fakesink0", "fakesrc fakesrc1", "fakesink fakesink1"},
       {"fakesrc0:src ! fakesink0:sink", "fakesrc1:src ! fakesink1:sink"},
       {}},
      // caps filters: bare, quoted, escaped as gst_parse_launchv escapes
      {"fakesrc ! video/x-raw ! fakesink",
       {"fakesrc fakesrc0", "capsfilter capsfilter0", "fakesink fakesink0"},
       {"fakesrc0:src ! capsfilter0:sink", "capsfilter0:src ! fakesink0:sink"},
       {"capsfilter0.caps=video/x-raw"}},
      {"fakesrc ! \"video/x-raw, width=(int)320\" ! fakesink",
       {"fakesrc fakesrc0", "capsfilter capsfilter0", "fakesink fakesink0"},
       {"fakesrc0:src ! capsfilter0:sink", "capsfilter0:src ! fakesink0:sink"},
       {"capsfilter0.caps=video/x-raw, width=(int)320"}},
      {"fakesrc ! video/x-raw,\\ width=(int)320 ! t.  tee name=t",
       {"fakesrc fakesrc0", "capsfilter capsfilter0", "tee t"},
       {"fakesrc0:src ! capsfilter0:sink", "capsfilter0:src ! t:sink"},
       {"capsfilter0.caps=video/x-raw, width=(int)320"}},
      {"tee name=t  t.src_3 ! audio/x-raw ! .sink fakesink",
       {"tee t", "capsfilter capsfilter0", "fakesink fakesink0"},
       {"capsfilter0:src ! fakesink0:sink", "t:src_3 ! capsfilter0:sink"},
       {}},
  };
  for (const ValidLine& row : table) {
    INFO("line: " << row.line);
    auto pipeline = parse_launch(row.line);
    REQUIRE(pipeline);
    Built built = describe(*pipeline);
    CHECK(built.elements == row.elements);
    CHECK(built.links == row.links);
    for (const std::string& expected : row.properties) {
      const auto eq = expected.find('=');
      CHECK(property(*pipeline, expected.substr(0, eq)) == expected.substr(eq + 1));
    }
    CHECK(pipeline->current_state() == State::Null);  // built, not started
  }
}

struct InvalidLine {
  std::string line;
  std::string message;  // "{factory}" = the next automatic name of that factory
  std::size_t position;
  std::size_t length;
};

TEST_CASE("wrong launch lines are refused with the error and its place in the line", "[parse]") {
  const std::vector<InvalidLine> table = {
      {"", "empty pipeline not allowed", 0, 0},
      {"   ", "empty pipeline not allowed", 0, 3},
      {"fakesrc ! foo ! fakesink", "no element \"foo\"", 10, 3},
      {"fakesrc bar=1", "no property \"bar\" in element \"{fakesrc}\"", 8, 3},
      {"fakesrc name=src ! fakesink bar=1 name=s", "no property \"bar\" in element \"s\"", 28, 3},
      {"fakesrc name=src num-buffers=abc",
       "could not set property \"num-buffers\" in element \"src\" to \"abc\": expects Integer64 "
       "in [-1, 2147483647], got 'abc'",
       29, 3},
      {"fakesrc name=src num-buffers=-5",
       "could not set property \"num-buffers\" in element \"src\" to \"-5\": expects Integer64 in "
       "[-1, 2147483647], got int64 -5",
       29, 2},
      {"fakesrc name=src sizetype=\"huge\"",
       "could not set property \"sizetype\" in element \"src\" to \"huge\": expects one of "
       "empty(1) fixed(2) random(3), got 'huge'",
       26, 6},
      {"fakesink name=s sync=maybe",
       "could not set property \"sync\" in element \"s\" to \"maybe\": expects Boolean, got "
       "'maybe'",
       21, 5},
      {"fakesink name=s last-message=x",
       "property \"last-message\" in element \"s\" is not writable", 16, 12},
      {"fakesrc ! ! fakesink", "syntax error: empty link, no element between the two '!'", 8, 3},
      {"fakesrc !", "syntax error: '!' at the end, with nothing to link to", 8, 1},
      {"! fakesink", "syntax error: nothing to link from before '!'", 0, 1},
      {"fakesrc ! t. ! fakesink", "syntax error: nothing to link from before '!'", 13, 1},
      {"fakesrc name=\"src ! fakesink", "unterminated quoted string", 13, 15},
      {"fakesrc ! \"video/x-raw", "unterminated quoted string", 10, 12},
      {"fakesrc num-buffers= ! fakesink", "no value for property \"num-buffers\"", 8, 12},
      {"fakesrc num-buffers=", "no value for property \"num-buffers\"", 8, 12},
      {"fakesrc ! = fakesink", "syntax error: '=' without a property name", 10, 1},
      {"fakesrc ! name=x",
       "syntax error: expected an element after '!', got the property \"name=x\"", 10, 6},
      {"name=x ! fakesink", "syntax error: \"name=x\" sets a property but follows no element", 0,
       6},
      {"fakesrc ; fakesink", "syntax error: unexpected ';'", 8, 1},
      {"fakesrc . ! fakesink", "syntax error: '.' must be followed by a pad name", 8, 1},
      {"fakesrc ! 'fakesink'",
       "syntax error: expected caps (\"media/type, field=value\") in the quotes after '!'", 10, 10},
      {"fakesrc name=a name=b", "element name given twice (\"a\", then \"b\")", 15, 4},
      {"fakesrc name=", "no value for property \"name\"", 8, 5},
      {"fakesrc name=\"\"", "an element name cannot be empty", 13, 2},
      {"fakesrc name=a ! fakesink name=a", "there is already an element named \"a\"", 31, 1},
      {"fakesrc ! t.", "no element named \"t\"", 10, 2},
      {"t.", "unexpected reference \"t.\": nothing links to or from it", 0, 2},
      {"fakesrc .src", "unexpected pad reference \".src\": nothing links from it", 8, 4},
      {"fakesrc .a .b ! fakesink", "syntax error: several pads are written \".a,b\", not \".a .b\"",
       11, 2},
      {"tee name=t t.src_0, ! fakesink", "syntax error: expected a pad name after ','", 18, 1},
      {"tee name=t t.foo ! fakesink", "no pad \"foo\" in element \"t\"", 11, 5},
      {"fakesrc name=a .foo ! fakesink", "no pad \"foo\" in element \"a\"", 15, 4},
      {"tee name=t t.src_0,src_1 ! fakesink name=s",
       "could not link t to s: 2 src pads but 0 sink pads", 25, 1},
      {"fakesrc name=a ! fakesink name=b ! fakesink name=c",
       "could not link b to c: b has no src pad", 33, 1},
      {"fakesrc name=a ! fakesrc name=b", "could not link a to b: b has no sink pad", 15, 1},
      {"fakesrc name=a ! fakesink name=b  fakesrc name=c ! b.",
       "could not link c to b: all sink pads of b are linked", 49, 1},
      {"fakesrc name=a .sink ! fakesink", "no pad \"sink\" in element \"a\"", 15, 5},
      {"identity name=a .sink ! fakesink", "a:sink is not a src pad", 16, 5},
      {"fakesrc ! .src identity", "{identity}:src is not a sink pad", 10, 4},
      {"identity name=a ! b.sink_0  funnel name=b  fakesrc ! b.sink_0",
       "could not link {fakesrc} to b:sink_0: b:sink_0 is already linked", 51, 1},
      {"fakesrc ! video/x-raw,width=320 fakesink",
       "syntax error: caps \"video/x-raw,width=320 fakesink\" must be followed by '!' and an "
       "element",
       10, 30},
      {"fakesrc ! video/x-raw,width=(int)abc ! fakesink",
       "could not parse caps \"video/x-raw,width=(int)abc\": 'abc' is not an int", 33, 3},
      {"fakesrc ! \"video/x-raw, width=[\" ! fakesink",
       "could not parse caps \"video/x-raw, width=[\": expected a value", 31, 0},
      {"fakesrc ! video/x-raw,\\ width=[ ! fakesink",
       "could not parse caps \"video/x-raw, width=[\": expected a value", 10, 21},
      {"appsrc name=a caps=\"video/x-raw,width=(int)x\"",
       "could not set property \"caps\" in element \"a\" to \"video/x-raw,width=(int)x\": 'x' is "
       "not an int",
       43, 1},
      {"video/x-raw ! fakesink",
       "syntax error: caps go between two links (\"a ! video/x-raw ! b\")", 0, 11},
      {"fakesrc ! ( fakesink )", "bins are not supported: a gstmini pipeline has no sub-bins", 10,
       1},
      {"fakesrc ! bin.( fakesink )", "bins are not supported: a gstmini pipeline has no sub-bins",
       10, 5},
      {"file:///tmp/x ! fakesink",
       "URIs are not supported as elements (gstmini has no URI handlers)", 0, 13},
      {std::string("fakesrc num-buffers=1\0", 22) + "2", "syntax error: unexpected byte 0x00", 21,
       1},
  };
  for (const InvalidLine& row : table) {
    INFO("line: " << row.line);
    const std::string expected = expand_auto_names(row.message);
    try {
      parse_launch(row.line);
      FAIL("no ParseError");
    } catch (const ParseError& error) {
      CHECK(error.message() == expected);
      CHECK(error.line() == row.line);
      CHECK(error.position() == row.position);
      CHECK(error.length() == row.length);
    }
  }
}

TEST_CASE("a ParseError shows the line with the error marked under it", "[parse]") {
  try {
    parse_launch("fakesrc ! fakesnk ! fakesink");
    FAIL("no ParseError");
  } catch (const ParseError& error) {
    CHECK(std::string(error.what()) ==
          "no element \"fakesnk\"\n"
          "  fakesrc ! fakesnk ! fakesink\n"
          "            ^~~~~~~");
  }
  // columns count characters, not bytes; tabs and newlines print as spaces
  CHECK(caret_line("é ! x", 4, 1) == "   ^");
  CHECK(caret_line("ab", 2, 0) == "  ^");
  CHECK(caret_line("ab", 7, 9) == "  ^");  // clamped to the line
  ParseError tab("m", "a\tb", 2, 1);
  CHECK(std::string(tab.what()) == "m\n  a b\n    ^");
}

TEST_CASE("parse_launchv joins argv as gst-launch does, one argument one word", "[parse]") {
  CHECK(join_launch_argv({"fakesrc", "!", "video/x-raw, width=(int)320", "!", "fakesink"}) ==
        "fakesrc ! video/x-raw,\\ width=(int)320 ! fakesink");
  CHECK(join_launch_argv({"name=\"a b\" c"}) == "name=\"a b\"\\ c");
  auto pipeline = parse_launchv({"fakesrc", "num-buffers=3", "!", "video/x-raw, width=(int)320",
                                 "!", "fakesink", "name=my sink"});
  REQUIRE(pipeline->get_by_name("my sink"));
  CHECK(describe(*pipeline).links == std::vector<std::string>{"fakesrc0:src ! capsfilter0:sink",
                                                              "capsfilter0:src ! my sink:sink"});
  CHECK(property(*pipeline, "capsfilter0.caps") == "video/x-raw, width=(int)320");
  CHECK_THROWS_AS(parse_launchv({"fakesrc", "!"}), ParseError);
}

TEST_CASE("caps that the caps property refuses become a ParseError pointing at the caps",
          "[parse]") {
  static const ElementClass picky = [] {
    ElementClass k = CapsFilter::element_class();
    k.properties = {PropertySpec::fraction("caps", "1/1", "a fraction, to refuse caps text")};
    return k;
  }();
  // A capsfilter whose caps property refuses even caps that parse: whatever
  // the property says becomes the ParseError.
  Registry::get().add(
      picky, [](std::string name) { return std::make_shared<Transform>(picky, std::move(name)); });
  struct Restore {
    ~Restore() { Registry::get().add<CapsFilter>(); }
  } restore;
  try {
    parse_launch("fakesrc ! video/x-raw,width=320 ! fakesink");
    FAIL("no ParseError");
  } catch (const ParseError& error) {
    CHECK(error.message() ==
          "could not parse caps \"video/x-raw,width=320\": expects a fraction num/den with den "
          "> 0, got string video/x-raw,width=320");
    CHECK(error.position() == 10);
    CHECK(error.length() == 21);
  }
}

TEST_CASE("a launch line runs to EOS: fakesrc num-buffers=5 ! identity ! fakesink", "[parse]") {
  auto pipeline = parse_launch("fakesrc num-buffers=5 ! identity ! fakesink name=s");
  auto sink = std::dynamic_pointer_cast<FakeSink>(pipeline->get_by_name("s"));
  REQUIRE(sink);
  auto rendered = test::record_renders(*sink);
  pipeline->set_state(State::Playing);
  auto msg = test::wait_eos_or_error(*pipeline);
  REQUIRE(msg);
  CHECK(msg->type == MessageType::Eos);
  CHECK(test::rendered_count(*rendered) == 5);
  pipeline->set_state(State::Null);
}

TEST_CASE("the syntax stage reads the line into elements and links without making any", "[parse]") {
  // Unknown factories are the builder's business, not the grammar's.
  const auto tree =
      launch::parse_launch_syntax("src prop=\"a b\" .out ! caps/x ! .in sink  ref.p1,p2 ! sink2");
  REQUIRE(tree.elements.size() == 4);
  CHECK(tree.elements[0].factory == "src");
  REQUIRE(tree.elements[0].properties.size() == 1);
  const launch::Assignment& prop = tree.elements[0].properties[0];
  CHECK(prop.value == "a b");
  CHECK(prop.name_span.position == 4);
  CHECK(prop.value_span.position == 9);
  CHECK(prop.value_span.length == 5);
  CHECK(tree.elements[1].is_caps);
  CHECK(tree.elements[1].caps == "caps/x");
  REQUIRE(tree.links.size() == 3);
  CHECK(tree.links[0].src.pads == std::vector<std::string>{"out"});
  CHECK(tree.links[1].sink.pads == std::vector<std::string>{"in"});
  CHECK(tree.links[2].src.is_reference());
  CHECK(tree.links[2].src.name == "ref");
  CHECK(tree.links[2].src.pads == std::vector<std::string>{"p1", "p2"});
  CHECK(tree.links[2].sink.element == 3);
}
