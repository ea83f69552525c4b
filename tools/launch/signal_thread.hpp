// gstmini-launch's signal handling: SIGINT and SIGHUP are blocked in every
// thread and taken by one thread with sigwait, which posts to the bus (the
// "GstLaunchInterrupt" application message) or dumps the graph, so no signal
// handler ever touches the pipeline. Header-only: tools/*.cpp are programs.
#pragma once

#include <pthread.h>
#include <signal.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "runtime/pipeline.hpp"

namespace gstmini::launch {

constexpr const char* kInterrupt = "GstLaunchInterrupt";

// SIGINT/SIGHUP arrive here (blocked in every other thread) and become bus
// messages, like gst-launch's g_unix_signal_add handlers.
class SignalThread {
 public:
  SignalThread(std::string program, bool quiet) : program_(std::move(program)), quiet_(quiet) {}
  // Must run before any other thread exists, so every thread inherits the mask.
  static void block_signals() {
    // An inherited SIG_IGN would discard the signal before sigwait sees it.
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGHUP, SIG_DFL);
    sigset_t set = signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }
  // Starts taking signals at once: an interrupt before attach() (while the
  // pipeline is built) ends the process.
  void start() {
    std::thread([this] { run(); }).detach();  // ends with the process
  }
  // From now on an interrupt goes to this pipeline's bus.
  void attach(Pipeline* pipeline) {
    std::lock_guard<std::mutex> lock(mutex_);
    pipeline_ = pipeline;
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
      if (!pipeline_ && sig == SIGINT) terminate_by_interrupt();
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
  // No bus loop runs (the pipeline is being built or torn down): nothing
  // would handle the interrupt, so it ends the process as an unhandled
  // SIGINT does (gst-launch has no handler then either).
  [[noreturn]] static void terminate_by_interrupt() {
    std::signal(SIGINT, SIG_DFL);
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &interrupt, nullptr);
    raise(SIGINT);
    std::_Exit(130);  // not reached: SIGINT's default action ends the process
  }
  void dump_snapshot() {
    if (!quiet_)
      std::printf(std::getenv("GSTMINI_DEBUG_DUMP_DOT_DIR")
                      ? "SIGHUP: dumping dot file snapshot ...\n"
                      : "SIGHUP: not dumping dot file snapshot, GSTMINI_DEBUG_DUMP_DOT_DIR "
                        "environment variable not set.\n");
    std::fflush(stdout);
    pipeline_->dump_dot(program_ + ".snapshot");
  }

  std::string program_;
  bool quiet_;
  std::mutex mutex_;
  Pipeline* pipeline_ = nullptr;
};

}  // namespace gstmini::launch
