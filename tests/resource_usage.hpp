// What a process holds right now (threads, open files, memory), for tests
// that repeat a lifecycle many times and check that nothing grows.
//
// Heap in use is the sharp measure of a leak: RSS also holds freed memory
// that glibc keeps in its arenas, and under ASan the quarantine of freed
// blocks (up to 256 MB) grows it by design.
#pragma once

#include <dirent.h>
#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define GSTMINI_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define GSTMINI_TEST_SANITIZED 1
#endif
#endif

#ifdef GSTMINI_TEST_SANITIZED
// From the sanitizer runtime (ASan's and TSan's allocator). Declared here:
// GCC 12 does not ship <sanitizer/allocator_interface.h>, only clang does.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

#include "runtime/env.hpp"

namespace gstmini::test {

struct ResourceUsage {
  std::size_t threads = 0;
  std::size_t fds = 0;
  std::size_t rss_kb = 0;
  std::size_t heap_bytes = 0;  // allocated and not yet freed

  static ResourceUsage now() {
    ResourceUsage u;
    u.threads = entries("/proc/self/task");
    u.fds = entries("/proc/self/fd") - 1;  // the directory being read
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
      unsigned long size = 0, resident = 0;
      if (std::fscanf(f, "%lu %lu", &size, &resident) == 2)
        u.rss_kb = resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) / 1024;
      std::fclose(f);
    }
#ifdef GSTMINI_TEST_SANITIZED
    u.heap_bytes = __sanitizer_get_current_allocated_bytes();
#else
    u.heap_bytes = mallinfo2().uordblks;
#endif
    return u;
  }

  // Now, or as soon as at most `threads` threads are listed (within a few
  // seconds): the kernel lists a thread in /proc a moment after a join
  // returns, and longer on a loaded machine, so a thread that is leaving is
  // not counted as kept. gstmini's own threads are gone when the runtime has
  // stopped (actors/actor_runtime.cpp); this covers a reaper's and the
  // application's.
  static ResourceUsage settled(std::size_t threads) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    ResourceUsage usage = now();
    while (usage.threads > threads && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      usage = now();
    }
    return usage;
  }

  // The names of the process's threads ("gstmini_tests caf.clock ..."), for
  // a failure message.
  static std::string thread_names() {
    std::string names;
    if (DIR* dir = opendir("/proc/self/task")) {
      while (dirent* entry = readdir(dir)) {
        if (entry->d_name[0] == '.') continue;
        const std::string path = std::string("/proc/self/task/") + entry->d_name + "/comm";
        char name[32] = {};
        if (FILE* f = std::fopen(path.c_str(), "r")) {
          if (std::fgets(name, sizeof name, f))
            names += std::string(name, strcspn(name, "\n")) + " ";
          std::fclose(f);
        }
      }
      closedir(dir);
    }
    return names;
  }

  std::string describe() const {
    return std::to_string(threads) + " threads, " + std::to_string(fds) + " fds, " +
           std::to_string(rss_kb / 1024) + " MB RSS, " + std::to_string(heap_bytes / 1024) +
           " KB heap";
  }

 private:
  static std::size_t entries(const char* path) {
    std::size_t n = 0;
    if (DIR* dir = opendir(path)) {
      while (dirent* entry = readdir(dir))
        if (entry->d_name[0] != '.') ++n;
      closedir(dir);
    }
    return n;
  }
};

// RSS is only meaningful without a sanitizer (see the header comment).
constexpr bool kRssIsMeaningful =
#ifdef GSTMINI_TEST_SANITIZED
    false;
#else
    true;
#endif

// A test's repetition count: `fallback`, or the variable `name` when set in
// [1, max] (the soak script raises them; bad values are reported).
inline std::int64_t test_count(const char* name, std::int64_t fallback, std::int64_t max) {
  return env_integer(name, 1, max).value_or(fallback);
}

}  // namespace gstmini::test
