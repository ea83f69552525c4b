// gstmini-launch: runs a pipeline from the command line, like gst-launch-1.0.
//
//   gstmini-launch [-v] [-q] [-e] [-m] [-t] [--stats] [--gstmini-debug=LIST]
//                  PIPELINE-DESCRIPTION
//   gstmini-launch fakesrc num-buffers=3 ! fakesink
//
// The flow is gst-launch's: set PAUSED, wait on the bus until the pipeline
// prerolled (a live one does not), set PLAYING, run until EOS, an ERROR or an
// interrupt, then set NULL. Everything the pipeline says arrives as a bus
// message and is handled on the main thread; SIGINT and SIGHUP are taken by a
// signal thread (sigwait) that posts to the bus, so no handler touches state.
// Exit code: 0 after EOS or an interrupt, 1 after an error or a parse error.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "runtime/launch/parse_launch.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/stats/flow_stats.hpp"
#include "tools/launch/debug_options.hpp"
#include "tools/launch/launch_text.hpp"
#include "tools/launch/signal_thread.hpp"

using namespace gstmini;
using namespace gstmini::launch;

namespace {

struct Options {
  bool verbose = false, quiet = false, eos_on_shutdown = false, messages = false, tags = false,
       stats = false, no_position = false, force_position = false;
  DebugOptions debug;
  std::vector<std::string> pipeline;
};

constexpr const char* kProgram = "gstmini-launch";
constexpr ClockTime kPollPeriod = 50 * kMillisecond;  // the position line

void usage(std::FILE* to) {
  std::fprintf(
      to,
      "Usage:\n  %s [OPTION...] PIPELINE-DESCRIPTION\n\n"
      "Application Options:\n"
      "  -t, --tags                Output tags (accepted; gstmini has no tags yet)\n"
      "  -v, --verbose             Output status information and property notifications (pad "
      "caps)\n"
      "  -q, --quiet               Do not print any progress information\n"
      "  -m, --messages            Output messages\n"
      "  -e, --eos-on-shutdown     Force EOS on sources before shutting the pipeline down\n"
      "  --stats                   Print flow statistics at the end\n"
      "  --no-position             Do not print current position of pipeline. If this option is "
      "unspecified, the position will be printed when stdout is a TTY. To enable printing "
      "position when stdout is not a TTY, use \"force-position\" option\n"
      "  --force-position          Allow printing current position of pipeline even if stdout "
      "is not a TTY. This option has no effect if the \"no-position\" option is specified\n"
      "  --version                 Print version information and exit\n"
      "  -h, --help                Show help options\n\n"
      "gstmini Options:\n"
      "  --gstmini-debug-help      Print available debug categories and exit\n"
      "  --gstmini-debug-level=LEVEL\n"
      "                            Default debug level from 1 (only error) to 9 (anything) or "
      "0 for no output\n"
      "  --gstmini-debug=LIST      Comma-separated list of category_name:level pairs to set "
      "specific levels for the individual categories. Example: queue:5,fake*:3\n"
      "  --gstmini-debug-no-color  Disable colored debugging output\n",
      kProgram);
}

// Returns -1 to go on, else the exit code.
int parse_options(int argc, char** argv, Options* options) {
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      options->pipeline.push_back(arg);
    } else if (arg == "--") {
      options_done = true;
    } else if (std::string error; take_debug_option(argc, argv, &i, &options->debug, &error)) {
      if (!error.empty()) {
        std::fprintf(stderr, "Error initializing: %s\n", error.c_str());
        return 1;
      }
    } else if (arg == "-h" || arg == "--help") {
      usage(stdout);
      return 0;
    } else if (arg == "--version") {
      std::printf("%s version 0.1.0\n", kProgram);
      return 0;
    } else if (arg == "--verbose") {
      options->verbose = true;
    } else if (arg == "--quiet") {
      options->quiet = true;
    } else if (arg == "--eos-on-shutdown") {
      options->eos_on_shutdown = true;
    } else if (arg == "--messages") {
      options->messages = true;
    } else if (arg == "--tags") {
      options->tags = true;
    } else if (arg == "--stats") {
      options->stats = true;
    } else if (arg == "--no-position") {
      options->no_position = true;
    } else if (arg == "--force-position") {
      options->force_position = true;
    } else if (arg[1] != '-' && arg.find_first_not_of("vqemt", 1) == std::string::npos) {
      for (char c : arg.substr(1)) {
        if (c == 'v') options->verbose = true;
        if (c == 'q') options->quiet = true;
        if (c == 'e') options->eos_on_shutdown = true;
        if (c == 'm') options->messages = true;
        if (c == 't') options->tags = true;
      }
    } else {
      std::fprintf(stderr, "Error initializing: Unknown option %s\n", arg.c_str());
      return 1;
    }
  }
  return -1;
}
// --stats: the flow statistics table of the run (runtime/stats/flow_stats.hpp).
void print_flow_statistics(const Pipeline& pipeline) {
  std::printf("%s", format_stats_table(pipeline.stats()).c_str());
}

// The bus loop of gst-launch: returns when the run is over.
class Launcher {
 public:
  Launcher(Pipeline& pipeline, const Options& options) : p_(pipeline), o_(options) {}

  int run() {
    // -v: pads' caps and fakesink's last-message as PROPERTY_NOTIFY messages
    // (gst_element_add_property_deep_notify_watch in gst-launch).
    if (verbose()) p_.add_property_deep_notify_watch();
    say("Setting pipeline to PAUSED ...");
    switch (p_.set_state(State::Paused)) {
      case StateChangeReturn::Failure:
        // As gst-launch-1.0: first the ERRORs that say why (elements post
        // them on the bus before the change returns), then this line.
        while (auto message = p_.bus().timed_pop(0)) handle(*message);
        std::fprintf(stderr, "Failed to set pipeline to PAUSED.\n");
        return finish(1);
      case StateChangeReturn::NoPreroll:
        say("Pipeline is live and does not need PREROLL ...");
        break;
      case StateChangeReturn::Async:
        say("Pipeline is PREROLLING ...");
        break;
      default:
        break;
    }
    const bool tty = isatty(STDOUT_FILENO) != 0;
    const bool position = !o_.no_position && !o_.quiet && (tty || o_.force_position);
    while (!done_) {
      auto message = p_.bus().timed_pop(position ? kPollPeriod : kClockTimeNone);
      if (message) handle(*message);
      if (position && !done_) print_position(tty);
    }
    return finish(code_);
  }

 private:
  bool verbose() const { return o_.verbose && !o_.quiet; }

  void say(const std::string& line) const {
    if (o_.quiet) return;
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  }

  int finish(int code) {
    if (started_)
      say("Execution ended after " + time_text(std::chrono::steady_clock::now() - started_at_));
    if (o_.stats) print_flow_statistics(p_);
    say("Setting pipeline to NULL ...");
    p_.set_state(State::Null);
    say("Freeing pipeline ...");
    return code;
  }

  // gst-launch's query_pipeline_position, every 100 ms: "0:00:01.0 / 0:00:05.0 (20.0 %)".
  void print_position(bool tty) {
    auto now = std::chrono::steady_clock::now();
    if (target_ != State::Playing || now - last_position_ < std::chrono::milliseconds(100)) return;
    last_position_ = now;
    ClockTime pos = kClockTimeNone, dur = kClockTimeNone;
    if (!p_.query_position(&pos) || !is_valid(pos)) return;
    p_.query_duration(&dur);
    auto shorten = [](ClockTime t) {
      std::string text = is_valid(t) ? time_text(std::chrono::nanoseconds(t)) : "99:99:99.";
      return text.substr(0, 9);
    };
    std::string line = shorten(pos) + " / " + shorten(dur);
    if (is_valid(dur) && dur > 0 && dur >= pos) {
      char percent[32];
      std::snprintf(percent, sizeof percent, " (%.1f %%)",
                    100.0 * static_cast<double>(pos) / static_cast<double>(dur));
      line += percent;
    }
    std::printf("%s%c", line.c_str(), tty ? '\r' : '\n');
    std::fflush(stdout);
  }

  void initial_play() {
    say("Setting pipeline to PLAYING ...");
    started_ = true;
    started_at_ = std::chrono::steady_clock::now();
    if (p_.set_state(State::Playing) == StateChangeReturn::Failure) {
      std::fprintf(stderr, "ERROR: pipeline doesn't want to play.\n");
      code_ = 1;
      return;  // the error message follows on the bus
    }
    target_ = State::Playing;
  }

  // "/GstPipeline:pipeline0/GstCapsFilter:capsfilter0.GstPad:src: caps = video/x-raw, ..."
  void print_property(const Message& m) const {
    auto field = [&](const char* name) {
      return m.structure.get_as<std::string>(name).value_or(std::string());
    };
    const std::string object = field("object");
    const auto dot = object.find('.');
    std::string path = object_path(p_, m.source);
    if (dot != std::string::npos) path += ".GstPad:" + object.substr(dot + 1);
    say(path + ": " + field("property-name") + " = " + field("value"));
  }

  void print_problem(const char* kind, const Message& m, std::FILE* to) const {
    std::fprintf(to, "%s: from element %s: %s\n", kind, object_path(p_, m.source).c_str(),
                 m.text.c_str());
    if (!m.debug.empty()) std::fprintf(to, "Additional debug info:\n%s\n", m.debug.c_str());
    std::fflush(to);
  }

  void handle(const Message& m) {
    ++seqnum_;
    if (o_.messages && !o_.quiet)
      say("Got message #" + std::to_string(seqnum_) + " from element \"" + m.source + "\" (" +
          to_string(m.type) + "): " + message_details(m));
    switch (m.type) {
      case MessageType::PropertyNotify:
        if (verbose()) print_property(m);
        break;
      case MessageType::NewClock:
        say("New clock: " + m.text);
        break;
      case MessageType::Eos:
        say("Got EOS from element \"" + m.source + "\".");
        if (o_.eos_on_shutdown) say("EOS received - stopping pipeline...");
        done_ = true;
        break;
      case MessageType::Warning:
        p_.dump_dot(std::string(kProgram) + ".warning");
        if (!o_.quiet) print_problem("WARNING", m, stdout);
        break;
      case MessageType::Error:
        p_.dump_dot(std::string(kProgram) + ".error");
        print_problem("ERROR", m, stderr);
        if (target_ == State::Paused)
          std::fprintf(stderr, "ERROR: pipeline doesn't want to preroll.\n");
        else if (interrupting_)
          say("An error happened while waiting for EOS");
        code_ = 1;
        done_ = true;
        break;
      case MessageType::StateChanged:
        if (m.source == p_.name() && target_ == State::Paused && m.new_state == State::Paused) {
          say("Pipeline is PREROLLED ...");
          initial_play();
        }
        break;
      case MessageType::Latency:
        say("Redistribute latency...");
        break;
      case MessageType::Application:
        if (m.structure.name() == kInterrupt) interrupt();
        break;
      default:
        break;
    }
  }

  void interrupt() {
    say("Interrupt: Stopping pipeline ...");
    interrupting_ = true;
    if (!o_.eos_on_shutdown) {
      done_ = true;
    } else if (waiting_eos_) {
      say("Interrupt while waiting for EOS - stopping pipeline...");
      done_ = true;
    } else {
      say("EOS on shutdown enabled -- Forcing EOS on the pipeline");
      p_.send_event(Event::eos());
      say("Waiting for EOS...");
      waiting_eos_ = true;
    }
  }

  Pipeline& p_;
  const Options& o_;
  State target_ = State::Paused;
  bool done_ = false, interrupting_ = false, waiting_eos_ = false, started_ = false;
  int code_ = 0;
  unsigned seqnum_ = 0;
  std::chrono::steady_clock::time_point started_at_, last_position_;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (int code = parse_options(argc, argv, &options); code >= 0) return code;
  if (std::string error; !apply_debug_options(options.debug, &error)) {
    std::fprintf(stderr, "Error initializing: %s\n", error.c_str());
    return 1;
  }
  if (options.debug.help) {
    print_debug_help();
    return 0;
  }
  if (options.pipeline.empty()) {
    std::fprintf(stderr, "ERROR: pipeline could not be constructed: empty pipeline not allowed.\n");
    return 1;
  }
  SignalThread::block_signals();
  SignalThread signals(kProgram, options.quiet);
  signals.start();

  std::unique_ptr<Pipeline> pipeline;
  try {
    PipelineOptions pipeline_options = PipelineOptions::from_env();
    pipeline_options.dot_dump_prefix = kProgram;
    if (options.stats) {  // counted from the start; printed by the launcher at the end
      pipeline_options.stats.enabled = true;
      pipeline_options.stats.print_table = false;
    }
    pipeline = parse_launchv(options.pipeline, pipeline_options);
  } catch (const ParseError& e) {
    std::fprintf(stderr, "WARNING: erroneous pipeline: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ERROR: pipeline could not be constructed: %s.\n", e.what());
    return 1;
  }
  signals.attach(pipeline.get());
  int code = Launcher(*pipeline, options).run();
  signals.stop();
  pipeline.reset();
  return code;
}
