// Xvfb: a virtual X server for tests that open windows. Xvfb picks a free
// display number itself (-displayfd: it writes the number once it accepts
// connections, so there is no race between tests running in parallel and
// no polling); the server is killed and reaped when the object goes.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

#include "subprocess.hpp"

namespace gstmini::test {

class Xvfb {
 public:
  explicit Xvfb(const std::string& screen = "640x480x24") {
    if (access("/usr/bin/Xvfb", X_OK) != 0) return;
    server_ = std::make_unique<Subprocess>(std::vector<std::string>{
        "/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", screen, "-nolisten", "tcp"});
    if (!server_->wait_for_stdout("\n", std::chrono::seconds(20))) {
      server_.reset();
      return;
    }
    display_ = ":" + std::to_string(std::atoi(server_->out().c_str()));
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
