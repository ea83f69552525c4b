// The registry cache (runtime/registry/registry_cache.hpp): a process loads a plugin
// only when one of its elements is used; a plugin file that changed is
// loaded and recorded again; a cache that cannot be written costs only
// start-up time. The registry is one per process, so the launcher runs in
// a process of its own for each step, with a cache file of its own, and
// says what it loads in the "registry" debug category.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/registry/registry_cache.hpp"
#include "subprocess.hpp"

using namespace gstmini;
namespace fs = std::filesystem;

namespace {

struct TempFolder {
  fs::path path;
  TempFolder() {
    std::string templ = (fs::temp_directory_path() / "gstmini-registry-XXXXXX").string();
    path = mkdtemp(templ.data());
  }
  ~TempFolder() {
    std::error_code error;
    fs::remove_all(path, error);
  }
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Runs gstmini-launch on `line` with the cache at `cache`: its debug log.
std::string launch(const std::vector<std::string>& line, const std::string& cache,
                   std::vector<std::string> env = {}) {
  std::vector<std::string> argv{GSTMINI_LAUNCH_PATH};
  argv.insert(argv.end(), line.begin(), line.end());
  env.push_back("GSTMINI_REGISTRY=" + cache);
  env.push_back("GSTMINI_DEBUG=registry:5");
  env.push_back("GSTMINI_DEBUG_NO_COLOR=1");
  test::Subprocess run(argv, env);
  REQUIRE(run.started());
  CHECK(run.finish() == 0);
  return run.err();
}

const std::vector<std::string> kCoreLine{"fakesrc", "num-buffers=1", "!", "fakesink"};

}  // namespace

TEST_CASE("a plugin known from the registry cache loads only when its element is used",
          "[plugin][registry]") {
  TempFolder dir;
  const std::string cache = (dir.path / "registry.txt").string();
  // Cold: every plugin loads, and the cache records what each registered.
  const std::string cold = launch(kCoreLine, cache);
  CHECK(count(cold, "loading plugin") >= 2);
  CHECK(cold.find("libgstminivideoelements.so") != std::string::npos);
  CHECK(read_file(cache).find("feature\tvideotestsrc\n") != std::string::npos);
  // Warm, core elements only: no plugin loads.
  const std::string warm = launch(kCoreLine, cache);
  CHECK(count(warm, "loading plugin") == 0);
  CHECK(warm.find("libgstminivideoelements.so from the cache, not loaded") != std::string::npos);
  // videotestsrc is made: its plugin loads, and no other.
  const std::string video = launch({"videotestsrc", "num-buffers=1", "!", "fakesink"}, cache);
  CHECK(count(video, "loading plugin") == 1);
  CHECK(video.find("loading plugin " GSTMINI_PLUGIN_BUILD_DIR "/libgstminivideoelements.so") !=
        std::string::npos);
}

TEST_CASE("a plugin file that changed is loaded again and recorded anew", "[plugin][registry]") {
  TempFolder dir;
  const std::string cache = (dir.path / "registry.txt").string();
  const fs::path folder = dir.path / "plugins";
  fs::create_directories(folder);
  const fs::path plugin = folder / "libgstminihls.so";
  fs::copy_file(GSTMINI_PLUGIN_BUILD_DIR "/libgstminihls.so", plugin);
  // Only this folder: the build's plugins stay out of it.
  const std::vector<std::string> env{"GSTMINI_PLUGIN_PATH=" + folder.string(),
                                     "GSTMINI_PLUGIN_SYSTEM_PATH="};
  CHECK(count(launch(kCoreLine, cache, env), "loading plugin " + plugin.string()) == 1);
  CHECK(count(launch(kCoreLine, cache, env), "loading plugin") == 0);
  fs::last_write_time(plugin, fs::last_write_time(plugin) + std::chrono::seconds(5));
  CHECK(count(launch(kCoreLine, cache, env), "loading plugin " + plugin.string()) == 1);
  CHECK(count(launch(kCoreLine, cache, env), "loading plugin") == 0);
  // Removed: its record goes too.
  fs::remove(plugin);
  launch(kCoreLine, cache, env);
  CHECK(read_file(cache).find("libgstminihls.so") == std::string::npos);
}

TEST_CASE("a registry cache that cannot be written only costs start-up time",
          "[plugin][registry]") {
  const std::string cache = "/proc/gstmini-no-such-folder/registry.txt";
  for (int run = 0; run < 2; ++run) {
    const std::string log = launch({"videotestsrc", "num-buffers=1", "!", "fakesink"}, cache);
    CHECK(count(log, "loading plugin") >= 2);  // every plugin, every time
    CHECK(log.find("cannot write the registry cache") != std::string::npos);
  }
}

TEST_CASE("the registry cache keeps any text, and a damaged or foreign one is ignored",
          "[plugin][registry]") {
  TempFolder dir;
  const std::string path = (dir.path / "registry.txt").string();
  RegistryCache cache;
  CachedPlugin plugin;
  plugin.stamp = PluginStamp{12345, 1700000000123456789};
  plugin.info = Registry::PluginInfo{"odd",        "tab\there, newline\nthere, back\\slash",
                                     "1.0",        "MIT",
                                     "src",        "pkg",
                                     "origin",     "/some/libgstminiodd.so",
                                     {"a", "b\tc"}};
  cache[plugin.info.filename] = plugin;
  REQUIRE(write_registry_cache(path, cache));
  const RegistryCache back = read_registry_cache(path);
  REQUIRE(back.size() == 1);
  const CachedPlugin& read = back.begin()->second;
  CHECK(read.stamp == plugin.stamp);
  CHECK(read.info.description == plugin.info.description);
  CHECK(read.info.features == plugin.info.features);
  CHECK(read.info.filename == "/some/libgstminiodd.so");
  // Damaged: a line that is not a record.
  std::ofstream(path, std::ios::app) << "garbage\n";
  CHECK(read_registry_cache(path).empty());
  // Another gstmini's cache.
  std::ofstream(path) << "gstmini-registry\t0\t0.0.0\n";
  CHECK(read_registry_cache(path).empty());
  CHECK(read_registry_cache((dir.path / "missing.txt").string()).empty());
}
