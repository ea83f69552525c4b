// Flow statistics: the report counts what really crossed each link, for
// lock-step links, pipelined links and queues; drops match the queue's own
// count; the files parse back; the chart has an <svg> per series.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "elements/fakesink.hpp"
#include "runtime/registry/registry.hpp"
#include "runtime/stats/flow_chart.hpp"
#include "runtime/stats/flow_counters.hpp"
#include "runtime/stats/flow_recorder.hpp"
#include "runtime/stats/flow_stats.hpp"
#include "runtime/stats/flow_stats_reader.hpp"
#include "test_util.hpp"

using namespace gstmini;

namespace {

constexpr int kBuffers = 200;
constexpr int kSize = 100;

ElementPtr sized_fakesrc(int buffers = kBuffers) {
  ElementPtr src = make_element("fakesrc", "src");
  src->set("num-buffers", buffers);
  src->set_property_from_string("sizetype", "fixed");
  src->set("sizemax", kSize);
  return src;
}

PipelineOptions stats_options(std::uint32_t window, const std::string& file = {},
                              StatsFormat format = StatsFormat::Csv) {
  PipelineOptions options;  // not from_env: the test decides
  options.window = window;
  options.stats.enabled = true;
  options.stats.print_table = false;
  options.stats.file = file;
  options.stats.format = format;
  return options;
}

const LinkStats* find_link(const StatsSnapshot& s, const std::string& src) {
  for (const LinkStats& l : s.links)
    if (l.src == src) return &l;
  return nullptr;
}

const ElementStats* find_element(const StatsSnapshot& s, const std::string& name) {
  for (const ElementStats& e : s.elements)
    if (e.name == name) return &e;
  return nullptr;
}

std::uint64_t bytes_of(const std::vector<Buffer>& buffers) {
  std::uint64_t bytes = 0;
  for (const Buffer& b : buffers) bytes += b.size();
  return bytes;
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("gstmini_" + name)).string();
}

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("the stats report counts the buffers and bytes the sink saw, lock-step and pipelined",
          "[stats]") {
  const std::uint32_t window = GENERATE(1u, 8u);
  Pipeline pipeline("p", stats_options(window));
  auto sink = test::make<FakeSink>("sink");
  sink->set("sync", false);
  auto rendered = test::record_renders(*sink);
  auto msg =
      test::play_until_end(pipeline, {sized_fakesrc(), make_element("identity", "id"), sink});
  REQUIRE(msg);
  REQUIRE(msg->type == MessageType::Eos);

  const StatsSnapshot s = pipeline.stats();
  const auto buffers = rendered->get().buffers;
  REQUIRE(buffers.size() == kBuffers);
  for (const char* src : {"src:src", "id:src"}) {
    const LinkStats* link = find_link(s, src);
    REQUIRE(link);
    CHECK(link->window == window);
    CHECK(link->kind() == (window == 1 ? "lock-step" : "window 8"));
    CHECK(link->buffers == buffers.size());
    CHECK(link->bytes == bytes_of(buffers));
    CHECK(link->received == buffers.size());
    CHECK(link->dropped == 0);
    // A fixed window is the credit, from the first push to the last.
    CHECK(link->credit == window);
    CHECK(link->max_credit == window);
    CHECK(link->messages >= buffers.size() / window);
    CHECK(link->messages <= buffers.size());
  }
  // Lock-step: every buffer travels alone.
  if (window == 1) CHECK(find_link(s, "src:src")->messages == kBuffers);
  CHECK(find_link(s, "id:src")->sink == "sink:sink");
  REQUIRE(find_element(s, "sink"));
  CHECK(find_element(s, "sink")->processed == kBuffers);
  CHECK(find_element(s, "id")->processed == kBuffers);
  CHECK(find_element(s, "src")->processed == kBuffers);
  CHECK(find_element(s, "sink")->factory == "fakesink");
}

TEST_CASE("the stats report the credit each receiver granted and the batches it allowed",
          "[stats]") {
  Pipeline pipeline("p", stats_options(0));  // receiver-granted credit
  auto sink = test::make<FakeSink>("sink");
  sink->set("sync", false);
  auto msg =
      test::play_until_end(pipeline, {sized_fakesrc(), make_element("identity", "id"), sink});
  REQUIRE(msg);
  REQUIRE(msg->type == MessageType::Eos);

  const StatsSnapshot s = pipeline.stats();
  const LinkStats* into_identity = find_link(s, "src:src");
  const LinkStats* into_sink = find_link(s, "id:src");
  REQUIRE(into_identity);
  REQUIRE(into_sink);
  CHECK(into_identity->kind() == "credit");
  // A plain element grants 1: lock-step, one buffer per message.
  CHECK(into_identity->max_credit == 1);
  CHECK(into_identity->messages == kBuffers);
  // A sync=false sink in PLAYING grants more, never past the cap.
  CHECK(into_sink->max_credit > 1);
  CHECK(into_sink->max_credit <= kMaxCredit);
  CHECK(into_sink->messages >= 1);
  CHECK(into_sink->messages <= kBuffers);
}

TEST_CASE("the stats report counts both sides of a queue and its level", "[stats]") {
  Pipeline pipeline("p", stats_options(1));
  auto queue = make_element("queue", "q");
  queue->set("max-size-buffers", 4);
  auto sink = test::make<FakeSink>("sink");
  sink->set("sync", false);
  auto rendered = test::record_renders(*sink);
  auto msg = test::play_until_end(pipeline, {sized_fakesrc(), queue, sink});
  REQUIRE(msg);
  REQUIRE(msg->type == MessageType::Eos);

  const StatsSnapshot s = pipeline.stats();
  const auto buffers = rendered->get().buffers;
  REQUIRE(buffers.size() == kBuffers);
  const LinkStats* in = find_link(s, "src:src");
  const LinkStats* out = find_link(s, "q:src");
  REQUIRE(in);
  REQUIRE(out);
  CHECK_FALSE(in->queue);
  CHECK(out->queue);
  CHECK(out->kind() == "queue");
  CHECK(out->limit_buffers == 4);
  CHECK(out->max_level_buffers <= 4);
  CHECK(out->level_buffers == 0);  // drained at EOS
  for (const LinkStats* link : {in, out}) {
    CHECK(link->buffers == kBuffers);
    CHECK(link->bytes == bytes_of(buffers));
  }
}

TEST_CASE("the stats report counts a leaky queue's drops as its dropped property does", "[stats]") {
  auto src = test::make<test::CountingSrc>("src");
  src->set("num-buffers", 10);
  src->set("buffer-duration", kSecond);
  auto queue = make_element("queue", "q");
  queue->set("max-size-buffers", 2);
  queue->set("max-size-bytes", 0);
  queue->set("max-size-time", 0);
  queue->set("leaky", "downstream");
  test::ClockedPipeline p({src, queue});
  // Elements exist already: enabling now attaches counters to them.
  StatsOptions options;
  options.print_table = false;
  REQUIRE(p.pipeline->enable_stats(options));
  CHECK_FALSE(p.pipeline->enable_stats(options));  // on already
  p.pipeline->set_state(State::Playing);
  REQUIRE(p.clock->wait_for_pending(1));  // the sink holds a buffer: the queue fills
  REQUIRE(src->created.wait_until([](std::uint64_t n) { return n >= 10; }));
  p.clock->set_time(p.pipeline->base_time() + 100 * kSecond);
  auto msg = test::wait_eos_or_error(*p.pipeline);
  REQUIRE(msg);
  REQUIRE(msg->type == MessageType::Eos);

  const StatsSnapshot s = p.pipeline->stats();
  const std::uint64_t dropped = queue->get<std::uint64_t>("dropped");
  CHECK(dropped > 0);
  REQUIRE(find_link(s, "q:src"));
  CHECK(find_link(s, "q:src")->dropped == dropped);
  CHECK(find_element(s, "q")->dropped == dropped);
  CHECK(find_link(s, "src:src")->buffers == 10);  // drops happen past the source
  CHECK(find_link(s, "q:src")->buffers == test::rendered_count(*p.rendered));
  CHECK(find_link(s, "q:src")->buffers + dropped == 10);
}

TEST_CASE("a run without statistics records nothing", "[stats]") {
  Pipeline pipeline("p", PipelineOptions{});
  auto msg = test::play_until_end(pipeline, {sized_fakesrc(), make_element("fakesink", "sink")});
  REQUIRE(msg);
  const StatsSnapshot s = pipeline.stats();
  CHECK(s.links.empty());
  CHECK(s.elements.empty());
  CHECK(s.elapsed == 0);
}

TEST_CASE("the stats file parses back as CSV and as JSON lines, with final totals", "[stats]") {
  const bool json = GENERATE(false, true);
  const std::string path = temp_path(json ? "stats.jsonl" : "stats.csv");
  std::remove(path.c_str());
  {
    PipelineOptions options = stats_options(1, path, json ? StatsFormat::Json : StatsFormat::Csv);
    options.stats.interval = kMillisecond;
    Pipeline pipeline("p", options);
    auto msg =
        test::play_until_end(pipeline, {sized_fakesrc(kBuffers * 10), make_element("queue", "q"),
                                        make_element("fakesink", "sink")});
    REQUIRE(msg);
    REQUIRE(msg->type == MessageType::Eos);
    pipeline.set_state(State::Null);
  }
  const std::string text = read_all(path);
  REQUIRE_FALSE(text.empty());
  CHECK((text[0] == '{') == json);
  if (!json) CHECK(text.rfind(stats_csv_header(), 0) == 0);
  const auto rows = read_stats_file(path);
  std::vector<const StatsRow*> finals;
  for (const StatsRow& r : rows) {
    CHECK((r.text("row") == "sample" || r.text("row") == "final"));
    CHECK((r.text("type") == "link" || r.text("type") == "element"));
    if (r.text("row") == "final") finals.push_back(&r);
  }
  REQUIRE(finals.size() == 2 + 3);  // two links, three elements, once
  for (const StatsRow* r : finals) {
    if (r->text("type") != "link") continue;
    CHECK(r->number("buffers") == kBuffers * 10);
    CHECK(r->number("bytes") == kBuffers * 10 * kSize);
  }
  CHECK(finals[1]->text("name") == "q:src -> sink:sink");
  CHECK(finals[1]->text("kind") == "queue");
  std::remove(path.c_str());
}

TEST_CASE("malformed statistics are refused naming the file and line", "[stats]") {
  CHECK_THROWS_WITH(parse_stats_text("a,b\n1,2,3\n", "run.csv"),
                    "run.csv:2: 3 cells, the header has 2");
  CHECK_THROWS_WITH(parse_stats_text("{\"a\":1}\n{\"a\" 2}\n", "run.jsonl"),
                    "run.jsonl:2: expected ':'");
  CHECK_THROWS_WITH(parse_stats_text("", "empty.csv"), "empty.csv: no statistics in it");
}

TEST_CASE("the flow chart draws an svg per series, with units", "[stats]") {
  std::string text = stats_csv_header();
  // Two samples and the totals of one queue link and one plain link.
  for (const char* t : {"0.1", "0.2"}) {
    text += std::string(t) +
            ",sample,link,q:src -> sink:sink,queue,1,10,1000,0.05,10,0,3,300,0,4,5,0,0,0,5,5,4\n";
    text += std::string(t) +
            ",sample,link,src:src -> q:sink,lock-step,1,20,2000,0.1,20,0,0,0,0,0,0,0,0,0,1,1,20\n";
  }
  text += "0.2,final,link,q:src -> sink:sink,queue,1,10,1000,0.05,10,0,3,300,0,4,5,0,0,0,5,5,4\n";
  const std::string html = render_flow_chart(parse_stats_text(text), "run");
  std::size_t svgs = 0;
  for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++svgs;
  CHECK(svgs == 1 + 2 + 2);  // one queue level, throughput and back-pressure per link
  CHECK(html.find("queue level (buffers)") != std::string::npos);
  CHECK(html.find("throughput (buffers/s)") != std::string::npos);
  CHECK(html.find("back-pressure (% of time)") != std::string::npos);
  CHECK(html.find("limit 5") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://www.w3.org/2000/svg") != std::string::npos);
  CHECK(html.find("src=\"http") == std::string::npos);
}

TEST_CASE("GSTMINI_TRACERS values parse like GST_TRACERS, and bad ones name the problem",
          "[stats]") {
  StatsOptions o;
  CHECK(StatsOptions::parse("stats(file=run.csv,format=json,interval=250us,table=false)", &o) ==
        "");
  CHECK(o.enabled);
  CHECK(o.file == "run.csv");
  CHECK(o.format == StatsFormat::Json);
  CHECK(o.interval == 250 * kMicrosecond);
  CHECK_FALSE(o.print_table);
  StatsOptions plain;
  CHECK(StatsOptions::parse("stats", &plain) == "");
  CHECK(plain.enabled);
  CHECK(plain.interval == 10 * kMillisecond);
  StatsOptions bad;
  CHECK(StatsOptions::parse("latency", &bad) == "unknown tracer \"latency\" (gstmini has: stats)");
  CHECK(StatsOptions::parse("stats(format=xml)", &bad) ==
        "stats: format must be csv or json, not \"xml\"");
  CHECK(StatsOptions::parse("stats(interval=fast)", &bad) ==
        "stats: interval \"fast\" is not a duration like 10ms, 500us or 1s (accepted: 1us..3600s)");
  // Beyond the range the conversion to nanoseconds would overflow.
  CHECK_FALSE(StatsOptions::parse("stats(interval=1e30s)", &bad).empty());
  CHECK_FALSE(StatsOptions::parse("stats(interval=nan)", &bad).empty());
  CHECK_FALSE(StatsOptions::parse("stats(interval=100ns)", &bad).empty());
  CHECK(StatsOptions::parse("stats(colour=red)", &bad) ==
        "stats: unknown parameter \"colour\" (known: file, format, interval, table)");
}

TEST_CASE("the stats table names every link and element", "[stats]") {
  Pipeline pipeline("p", stats_options(8));
  auto msg = test::play_until_end(pipeline, {sized_fakesrc(), make_element("fakesink", "sink")});
  REQUIRE(msg);
  const std::string table = format_stats_table(pipeline.stats());
  CHECK(table.find("flow statistics of pipeline \"p\"") != std::string::npos);
  CHECK(table.find("src:src -> sink:sink") != std::string::npos);
  CHECK(table.find("window 8") != std::string::npos);
  CHECK(table.find("fakesink") != std::string::npos);
  CHECK(table.find(" 200 ") != std::string::npos);
}

// No CAF here, so CI runs it under ThreadSanitizer: one writer per element
// (as each actor is), a sampler thread and an application thread reading.
TEST_CASE("counters are written by their owner while the sampler and the app read them",
          "[stats][tsan]") {
  const std::string path = temp_path("tsan_stats.csv");
  StatsOptions options;
  options.enabled = true;
  options.print_table = false;
  options.file = path;
  options.interval = kMillisecond;
  FlowRecorder recorder("p", options);
  auto src = recorder.counters().add(make_element("fakesrc", "src"));
  auto sink = recorder.counters().add(make_element("fakesink", "sink"));
  recorder.playing();
  constexpr std::uint64_t kCount = 20000;
  std::thread src_actor([&] {
    PadCounters& out = src->pad(0);
    src->describe_pad(out, "src:src", PadDirection::Src, "sink:sink", 1, false, 0);
    for (std::uint64_t i = 0; i < kCount; ++i) {
      out.buffers.add(1);
      out.bytes.add(kSize);
      out.blocked_since_ns.set(i % 2 ? stats_now_ns() : 0);
      src->processed.add(1);
    }
    out.blocked_since_ns.set(0);
  });
  std::thread sink_actor([&] {
    PadCounters& in = sink->pad(0);
    sink->describe_pad(in, "sink:sink", PadDirection::Sink, "src:src", 1, false, 0);
    for (std::uint64_t i = 0; i < kCount; ++i) {
      in.received.add(1);
      sink->processing_max_ns.raise_to(i);
    }
  });
  std::uint64_t seen = 0;
  for (int i = 0; i < 200; ++i) {
    const StatsSnapshot s = recorder.snapshot();
    for (const LinkStats& l : s.links) {
      CHECK(l.buffers >= seen);  // one writer: never goes back
      seen = l.buffers;
    }
  }
  src_actor.join();
  sink_actor.join();
  recorder.finished();
  const StatsSnapshot s = recorder.snapshot();
  REQUIRE(s.links.size() == 1);
  CHECK(s.links[0].buffers == kCount);
  CHECK(s.links[0].bytes == kCount * kSize);
  CHECK(s.links[0].received == kCount);
  CHECK(find_element(s, "src")->processed == kCount);
  const auto rows = read_stats_file(path);
  CHECK(rows.back().text("row") == "final");
  std::remove(path.c_str());
}
