// gstmini-launch: runs a pipeline from the command line, like gst-launch-1.0.
//
//   gstmini-launch [-v] [-q] [-e] [-m] [-t] [--stats] PIPELINE-DESCRIPTION
//   gstmini-launch fakesrc num-buffers=3 ! fakesink
//
// The flow is gst-launch's: set PAUSED, wait on the bus until the pipeline
// prerolled (a live one does not), set PLAYING, run until EOS, an ERROR or an
// interrupt, then set NULL. Everything the pipeline says arrives as a bus
// message and is handled on the main thread; SIGINT and SIGHUP are taken by a
// signal thread (sigwait) that posts to the bus, so no handler touches state.
// Exit code: 0 after EOS or an interrupt, 1 after an error or a parse error.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "runtime/dot.hpp"
#include "runtime/parse_launch.hpp"
#include "runtime/pipeline.hpp"

using namespace gstmini;

namespace {

struct Options {
  bool verbose = false, quiet = false, eos_on_shutdown = false, messages = false, tags = false,
       stats = false, no_position = false, force_position = false;
  std::vector<std::string> pipeline;
};

constexpr const char* kProgram = "gstmini-launch";
constexpr const char* kInterrupt = "GstLaunchInterrupt";
constexpr ClockTime kPollPeriod = 50 * kMillisecond;  // position line and -v caps

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
      "  --version                 Print version information and exit\n"
      "  -h, --help                Show help options\n",
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

// "0:00:01.002000000" (GST_TIME_FORMAT).
std::string time_text(std::chrono::nanoseconds d) {
  auto ns = static_cast<unsigned long long>(d.count());
  unsigned long long s = ns / 1000000000ull;
  char text[64];
  std::snprintf(text, sizeof text, "%llu:%02llu:%02llu.%09llu", s / 3600, (s / 60) % 60, s % 60,
                ns % 1000000000ull);
  return text;
}

// GStreamer's type name for an element class: "fakesrc" -> "GstFakeSrc".
std::string type_name(const std::string& factory) {
  static const std::pair<const char*, const char*> kKnown[] = {
      {"fakesrc", "GstFakeSrc"},       {"fakesink", "GstFakeSink"}, {"identity", "GstIdentity"},
      {"queue", "GstQueue"},           {"tee", "GstTee"},           {"funnel", "GstFunnel"},
      {"valve", "GstValve"},           {"appsrc", "GstAppSrc"},     {"appsink", "GstAppSink"},
      {"capsfilter", "GstCapsFilter"}, {"livesrc", "GstLiveSrc"}};
  for (const auto& [name, type] : kKnown)
    if (factory == name) return type;
  std::string type = "Gst" + factory;
  type[3] = static_cast<char>(std::toupper(static_cast<unsigned char>(type[3])));
  return type;
}

// gst_object_get_path_string: "/GstPipeline:pipeline0/GstFakeSrc:fakesrc0".
std::string object_path(const Pipeline& pipeline, const std::string& source) {
  std::string path = "/GstPipeline:" + pipeline.name();
  if (source == pipeline.name()) return path;
  ElementPtr element = pipeline.get_by_name(source);
  std::string type = element ? type_name(element->element_class().factory_name) : "GstElement";
  return path + "/" + type + ":" + source;
}

// What -m prints after the header: the message's structure as GStreamer
// serializes it, or "no message details".
std::string message_details(const Message& m) {
  auto state = [](State s) {
    std::string text = to_string(s);
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s == State::VoidPending ? std::string("void-pending") : text;
  };
  switch (m.type) {
    case MessageType::StateChanged:
      return "GstMessageStateChanged, old-state=(GstState)" + state(m.old_state) +
             ", new-state=(GstState)" + state(m.new_state) + ", pending-state=(GstState)" +
             state(m.pending_state) + ";";
    case MessageType::NewClock:
      return "GstMessageNewClock, clock=(GstClock)\"" + m.text + "\";";
    case MessageType::Error:
    case MessageType::Warning:
    case MessageType::Info:
      return describe(m);
    case MessageType::Element:
    case MessageType::Application:
      return to_string(m.structure);
    default:
      return "no message details";
  }
}

// -v: gst-launch prints GStreamer's deep-notify of each pad's caps:
// "/GstPipeline:pipeline0/GstFakeSrc:fakesrc0.GstPad:src: caps = ...". The
// runtime posts no notifications, so the launcher looks at the pads' caps
// after each bus message and every 50 ms and prints what changed. Other
// property notifications would come here too (none are posted yet).
class CapsWatcher {
 public:
  void print_changes(const Pipeline& pipeline) {
    for (const ElementPtr& element : pipeline.elements()) {
      for (const Pad& pad : element->pads_snapshot()) {
        if (pad.caps.is_empty()) continue;
        std::string caps = pad.caps.to_string();
        std::string& seen = seen_[element->name() + ":" + pad.name];
        if (seen == caps) continue;
        seen = caps;
        std::printf("%s.GstPad:%s: caps = %s\n", object_path(pipeline, element->name()).c_str(),
                    pad.name.c_str(), caps.c_str());
      }
    }
    std::fflush(stdout);
  }

 private:
  std::map<std::string, std::string> seen_;
};

// Hook: --stats prints the flow statistics table (written in parallel).
void print_flow_statistics(const Pipeline& pipeline) {
  (void)pipeline;
  std::printf("flow statistics not available\n");
}

// SIGINT/SIGHUP arrive here (blocked in every other thread) and become bus
// messages, like gst-launch's g_unix_signal_add handlers.
class SignalThread {
 public:
  explicit SignalThread(bool quiet) : quiet_(quiet) {}
  // Must run before any other thread exists, so every thread inherits the mask.
  static void block_signals() {
    // An inherited SIG_IGN would discard the signal before sigwait sees it.
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGHUP, SIG_DFL);
    sigset_t set = signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }
  void start(Pipeline* pipeline) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      pipeline_ = pipeline;
    }
    std::thread([this] { run(); }).detach();  // ends with the process
  }
  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    pipeline_ = nullptr;
  }

 private:
  static sigset_t signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    return set;
  }
  void run() {
    sigset_t set = signals();
    for (;;) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) return;
      std::lock_guard<std::mutex> lock(mutex_);
      if (!pipeline_) continue;
      if (sig == SIGHUP) {
        dump_snapshot();
        continue;
      }
      if (!quiet_) std::printf("handling interrupt.\n");
      std::fflush(stdout);
      Structure s(kInterrupt);
      s.set("message", std::string("Pipeline interrupted"));
      Message m;
      m.type = MessageType::Application;
      m.source = pipeline_->name();
      m.structure = std::move(s);
      pipeline_->bus().post(std::move(m));
      // Like gst-launch: the handler is gone after one interrupt, so a
      // second Ctrl-C terminates the process.
      sigset_t interrupt;
      sigemptyset(&interrupt);
      sigaddset(&interrupt, SIGINT);
      sigdelset(&set, SIGINT);
      pthread_sigmask(SIG_UNBLOCK, &interrupt, nullptr);
    }
  }
  void dump_snapshot() {
    if (!quiet_)
      std::printf(std::getenv("GSTMINI_DEBUG_DUMP_DOT_DIR")
                      ? "SIGHUP: dumping dot file snapshot ...\n"
                      : "SIGHUP: not dumping dot file snapshot, GSTMINI_DEBUG_DUMP_DOT_DIR "
                        "environment variable not set.\n");
    std::fflush(stdout);
    pipeline_->dump_dot(std::string(kProgram) + ".snapshot");
  }

  bool quiet_;
  std::mutex mutex_;
  Pipeline* pipeline_ = nullptr;
};

// The bus loop of gst-launch: returns when the run is over.
class Launcher {
 public:
  Launcher(Pipeline& pipeline, const Options& options) : p_(pipeline), o_(options) {}

  int run() {
    say("Setting pipeline to PAUSED ...");
    switch (p_.set_state(State::Paused)) {
      case StateChangeReturn::Failure:
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
    const bool poll = position || verbose();
    while (!done_) {
      auto message = p_.bus().timed_pop(poll ? kPollPeriod : kClockTimeNone);
      if (message) handle(*message);
      if (verbose()) caps_.print_changes(p_);
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
    if (verbose()) caps_.print_changes(p_);
    switch (m.type) {
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
  CapsWatcher caps_;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (int code = parse_options(argc, argv, &options); code >= 0) return code;
  if (options.pipeline.empty()) {
    std::fprintf(stderr, "ERROR: pipeline could not be constructed: empty pipeline not allowed.\n");
    return 1;
  }
  SignalThread::block_signals();
  SignalThread signals(options.quiet);

  std::unique_ptr<Pipeline> pipeline;
  try {
    PipelineOptions pipeline_options = PipelineOptions::from_env();
    pipeline_options.dot_dump_prefix = kProgram;
    pipeline = parse_launchv(options.pipeline, pipeline_options);
  } catch (const ParseError& e) {
    std::fprintf(stderr, "WARNING: erroneous pipeline: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ERROR: pipeline could not be constructed: %s.\n", e.what());
    return 1;
  }
  signals.start(pipeline.get());
  int code = Launcher(*pipeline, options).run();
  signals.stop();
  pipeline.reset();
  return code;
}
