// Xvfb: a virtual X server for tests that open windows. Started on a free
// display number (no socket or lock file for it yet), waited for until its
// socket appears, killed and reaped when the object goes.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "subprocess.hpp"

namespace gstmini::test {

class Xvfb {
 public:
  explicit Xvfb(const std::string& screen = "640x480x24") {
    if (access("/usr/bin/Xvfb", X_OK) != 0) return;
    for (int n = 90 + static_cast<int>(getpid() % 100); n < 400; ++n) {
      const std::string socket = "/tmp/.X11-unix/X" + std::to_string(n);
      const std::string lock = "/tmp/.X" + std::to_string(n) + "-lock";
      if (exists(socket) || exists(lock)) continue;
      const std::string display = ":" + std::to_string(n);
      server_ = std::make_unique<Subprocess>(std::vector<std::string>{
          "/usr/bin/Xvfb", display, "-screen", "0", screen, "-nolisten", "tcp", "-noreset"});
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (!exists(socket) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (exists(socket)) {
        display_ = display;
        return;
      }
      server_.reset();  // lost a race for this number: try the next
    }
  }
  ~Xvfb() {
    if (server_) server_->signal_child(SIGTERM);
    if (server_) server_->finish(std::chrono::seconds(5));
  }
  Xvfb(const Xvfb&) = delete;
  Xvfb& operator=(const Xvfb&) = delete;

  bool running() const { return !display_.empty(); }
  const std::string& display() const { return display_; }  // ":93"

  // The screen as packed RGB rows (width x height x 3 bytes), through
  // `xwd -root` and ImageMagick's convert; empty if either failed.
  std::string screenshot_rgb() const {
    Subprocess shot(
        {"/bin/sh", "-c", "xwd -root -silent -display " + display_ + " | convert xwd:- rgb:-"});
    shot.finish();
    return shot.out();
  }

 private:
  static bool exists(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0;
  }

  std::unique_ptr<Subprocess> server_;
  std::string display_;
};

// Sets DISPLAY for the test's lifetime, restoring the old value after.
class DisplayEnv {
 public:
  explicit DisplayEnv(const std::string& display) {
    if (const char* old = std::getenv("DISPLAY")) old_ = old, had_ = true;
    if (display.empty())
      unsetenv("DISPLAY");
    else
      setenv("DISPLAY", display.c_str(), 1);
  }
  ~DisplayEnv() {
    if (had_)
      setenv("DISPLAY", old_.c_str(), 1);
    else
      unsetenv("DISPLAY");
  }

 private:
  std::string old_;
  bool had_ = false;
};

}  // namespace gstmini::test
