// S3rver: a real S3-compatible server (s3rver, Node.js) for the aws plugin's
// tests, started on a free loopback port with its own temporary directory
// and stopped (SIGKILL, then the directory removed) when the fixture dies.
// stop() and restart() let a test take the server away mid-stream and bring
// it back on the same port with the same data.
//
// Objects are read back with s3cmd (Debian's; the AWS CLI works too but
// starts three times slower).
//
// s3rver is installed by scripts/s3rver-setup.sh (called from
// scripts/setup.sh) into <source>/build/node; GSTMINI_S3RVER may name
// another s3rver.js. A missing install fails the test with that advice: the
// S3 tests are never skipped silently.
//
// What s3rver checks: the access key (S3RVER) and the x-amz-content-sha256
// header; it does NOT verify SigV4 signatures (a wrong secret is accepted).
// With Signatures::Verified, tests/sigv4_proxy.py stands in front of it and
// recomputes every signature with botocore's S3 signer (the AWS CLI's),
// answering a mismatch with S3's 403 SignatureDoesNotMatch; endpoint() is
// then the proxy's.
// The bucket is reachable path-style at http://127.0.0.1:PORT and
// virtual-hosted style at http://BUCKET.s3.localhost:PORT (endpoint
// http://s3.localhost:PORT; curl resolves *.localhost to loopback).
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "tests/subprocess.hpp"

namespace gstmini::test {

inline std::string s3rver_script() {
  if (const char* path = std::getenv("GSTMINI_S3RVER")) return path;
  return std::string(GSTMINI_SOURCE_DIR) + "/build/node/node_modules/s3rver/bin/s3rver.js";
}

inline std::string find_program(const std::string& name) {
  for (const char* dir : {"/usr/local/bin", "/usr/bin", "/bin"}) {
    std::string path = std::string(dir) + "/" + name;
    if (access(path.c_str(), X_OK) == 0) return path;
  }
  return {};
}

// Debian's python3, which sees Debian's awscli (and its botocore): a python3
// earlier on PATH (pyenv, a venv) may not.
inline std::string debian_python3() {
  return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : find_program("python3");
}

// Empty if the S3 tests can run, else the reason and the script to run.
inline std::string s3rver_missing() {
  if (find_program("node").empty()) return "node not found: run scripts/setup.sh";
  if (access(s3rver_script().c_str(), R_OK) != 0)
    return "s3rver not installed at " + s3rver_script() + ": run scripts/s3rver-setup.sh";
  if (find_program("s3cmd").empty()) return "s3cmd not found: run scripts/setup.sh";
  if (debian_python3().empty() || access("/usr/lib/python3/dist-packages/awscli", R_OK) != 0)
    return "python3 with awscli (for tests/sigv4_proxy.py) not found: run scripts/setup.sh";
  return {};
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class S3rver {
 public:
  static constexpr const char* kAccessKey = "S3RVER";  // s3rver's built-in account
  static constexpr const char* kSecretKey = "S3RVER";

  enum class Signatures { Unchecked, Verified };

  explicit S3rver(Signatures signatures = Signatures::Unchecked, std::string bucket = "media")
      : bucket_(std::move(bucket)) {
    char dir[] = "/tmp/gstmini-s3rver-XXXXXX";
    if (mkdtemp(dir)) dir_ = dir;
    if (start(0) && signatures == Signatures::Verified) start_proxy();
  }
  ~S3rver() {
    proxy_.reset();
    server_.reset();
    if (!dir_.empty()) std::system(("rm -rf '" + dir_ + "'").c_str());
  }
  S3rver(const S3rver&) = delete;
  S3rver& operator=(const S3rver&) = delete;

  bool running() const { return port_ != 0 && server_; }
  // The port clients use: the proxy's when signatures are verified.
  int port() const { return proxy_port_ ? proxy_port_ : port_; }
  const std::string& bucket() const { return bucket_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port()); }
  std::string vhost_endpoint() const { return "http://s3.localhost:" + std::to_string(port()); }
  // The server's log so far (for failure messages).
  std::string log() const {
    return (server_ ? server_->out() + server_->err() : std::string()) +
           (proxy_ ? proxy_->out() + proxy_->err() : std::string());
  }

  // Kills the server; the data directory stays.
  void stop() { server_.reset(); }
  // Starts it again on the same port with the same data.
  bool restart() { return start(port_); }

  // Reads an object back with s3cmd (a real S3 client; path-style); false
  // with its message in *error when it failed.
  bool get_object(const std::string& key, std::string* data, std::string* error = nullptr) const {
    std::string out = dir_ + "/get-object.out";
    std::remove(out.c_str());
    const std::string host = "127.0.0.1:" + std::to_string(port());
    Subprocess s3cmd({find_program("s3cmd"), "-c", "/dev/null", "--access_key=S3RVER",
                      "--secret_key=S3RVER", "--host=" + host, "--host-bucket=" + host, "--no-ssl",
                      "--region=us-east-1", "--force", "get", "s3://" + bucket_ + "/" + key, out});
    int rc = s3cmd.finish(std::chrono::seconds(60));
    if (rc != 0) {
      if (error) *error = s3cmd.err() + s3cmd.out();
      return false;
    }
    *data = read_file(out);
    return true;
  }

 private:
  bool start(int port) {
    port_ = 0;
    server_ = std::make_unique<Subprocess>(std::vector<std::string>{
        find_program("node"), s3rver_script(), "-d", dir_, "-a", "127.0.0.1", "-p",
        std::to_string(port), "--service-endpoint", "localhost", "--configure-bucket", bucket_});
    const std::string marker = "S3rver listening on 127.0.0.1:";
    if (!server_->started() || !server_->wait_for_stdout(marker, std::chrono::seconds(30))) {
      return false;
    }
    const std::string& out = server_->out();
    port_ = std::atoi(out.c_str() + out.find(marker) + marker.size());
    return port_ != 0;
  }

  bool start_proxy() {
    proxy_ = std::make_unique<Subprocess>(std::vector<std::string>{
        debian_python3(), std::string(GSTMINI_SOURCE_DIR) + "/tests/sigv4_proxy.py",
        std::to_string(port_)});
    const std::string marker = "sigv4-proxy listening on 127.0.0.1:";
    if (!proxy_->started() || !proxy_->wait_for_stdout(marker, std::chrono::seconds(30))) {
      port_ = 0;  // not running() as asked
      return false;
    }
    const std::string& out = proxy_->out();
    proxy_port_ = std::atoi(out.c_str() + out.find(marker) + marker.size());
    return proxy_port_ != 0;
  }

  std::string bucket_;
  std::string dir_;
  int port_ = 0;
  int proxy_port_ = 0;
  std::unique_ptr<Subprocess> server_;
  std::unique_ptr<Subprocess> proxy_;
};

}  // namespace gstmini::test
