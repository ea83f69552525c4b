// awss3sink against a real S3-compatible server (s3rver on loopback, started
// by each test): what the sink uploads is read back with s3cmd and
// compared byte for byte; the faults (unknown key, missing bucket, no
// server, a server that dies mid-stream and comes back) end in a readable
// ERROR or in a complete object, never in a hang or a lost byte.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <thread>

#include "elements/appsrc.hpp"
#include "runtime/pipeline.hpp"
#include "runtime/registry/registry.hpp"
#include "tests/s3rver.hpp"
#include "tests/test_util.hpp"

using namespace gstmini;

namespace {

constexpr std::size_t kMiB = 1024 * 1024;

std::string random_bytes(std::size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(rng() & 0xff);
  return out;
}

Buffer slice(const std::string& data, std::size_t at, std::size_t size) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(data.data()) + at;
  return Buffer::wrap(std::vector<std::uint8_t>(p, p + size));
}

// appsrc "src" ! awss3sink "sink" pointing at `server`, path-style.
struct S3Pipeline {
  S3Pipeline(const test::S3rver& server, const std::string& key, std::size_t part_size = 5 * kMiB)
      : pipeline("p"), src(test::make<AppSrc>("src")), sink(make_element("awss3sink", "sink")) {
    src->set("max-buffers", std::uint64_t{4});
    src->set("block", true);
    sink->set("bucket", server.bucket());
    sink->set("key", key);
    sink->set("endpoint-uri", server.endpoint());
    sink->set("force-path-style", true);
    sink->set("region", std::string("us-east-1"));
    sink->set("access-key", std::string(test::S3rver::kAccessKey));
    sink->set("secret-access-key", std::string(test::S3rver::kSecretKey));
    sink->set("part-size", std::uint64_t{part_size});
    pipeline.add_many(src, sink);
    pipeline.link(src, sink);
  }
  // Pushes `data` in `chunk`-byte buffers (blocking while the sink is busy).
  void push(const std::string& data, std::size_t chunk = 256 * 1024) {
    for (std::size_t at = 0; at < data.size(); at += chunk)
      REQUIRE(src->push_buffer(slice(data, at, std::min(chunk, data.size() - at))) ==
              AppSrc::Push::Queued);
  }
  std::optional<Message> finish(ClockTime timeout = 60 * kSecond) {
    src->end_of_stream();
    return test::wait_eos_or_error(pipeline, timeout);
  }

  Pipeline pipeline;
  std::shared_ptr<AppSrc> src;
  ElementPtr sink;
};

std::string describe(const std::optional<Message>& m) {
  if (!m) return "no message";
  return std::string(m->type == MessageType::Eos ? "EOS" : "ERROR") + " " + m->text + " (" +
         m->debug + ")";
}

}  // namespace

#define REQUIRE_S3RVER(server)               \
  do {                                       \
    INFO(test::s3rver_missing());            \
    REQUIRE(test::s3rver_missing().empty()); \
    INFO("s3rver log: " << (server).log());  \
    REQUIRE((server).running());             \
  } while (false)

TEST_CASE("a stream past part-size is uploaded in parts and reads back byte for byte",
          "[s3][awss3sink]") {
  test::S3rver server(test::S3rver::Signatures::Verified);
  REQUIRE_S3RVER(server);
  const std::string data = random_bytes(12 * kMiB + 123, 1);  // 3 parts: 5 + 5 + 2 MiB
  S3Pipeline p(server, "streams/take 1.ts");
  p.pipeline.set_state(State::Playing);
  p.push(data);
  auto end = p.finish();
  INFO(describe(end));
  REQUIRE(end);
  REQUIRE(end->type == MessageType::Eos);
  p.pipeline.set_state(State::Null);
  std::string back, error;
  INFO(error);
  REQUIRE(server.get_object("streams/take 1.ts", &back, &error));
  CHECK(back.size() == data.size());
  CHECK(back == data);
}

TEST_CASE("a stream smaller than a part is one PutObject, virtual-hosted style",
          "[s3][awss3sink]") {
  test::S3rver server(test::S3rver::Signatures::Verified);
  REQUIRE_S3RVER(server);
  const std::string data = random_bytes(300 * 1024 + 7, 2);
  S3Pipeline p(server, "small.bin");
  p.sink->set("force-path-style", false);
  p.sink->set("endpoint-uri", server.vhost_endpoint());  // http://media.s3.localhost:PORT/small.bin
  p.sink->set("content-type", std::string("video/mp2t"));
  p.pipeline.set_state(State::Playing);
  p.push(data, 10000);
  auto end = p.finish();
  INFO(describe(end));
  REQUIRE(end);
  REQUIRE(end->type == MessageType::Eos);
  p.pipeline.set_state(State::Null);
  std::string back;
  REQUIRE(server.get_object("small.bin", &back));
  CHECK(back == data);
}

TEST_CASE("credentials and region come from the AWS environment variables", "[s3][awss3sink]") {
  test::S3rver server;
  REQUIRE_S3RVER(server);
  S3Pipeline p(server, "from-env.bin");
  p.sink->set("access-key", std::string());
  p.sink->set("secret-access-key", std::string());
  setenv("AWS_ACCESS_KEY_ID", test::S3rver::kAccessKey, 1);
  setenv("AWS_SECRET_ACCESS_KEY", test::S3rver::kSecretKey, 1);
  p.pipeline.set_state(State::Playing);
  p.push(random_bytes(1000, 3));
  auto end = p.finish();
  unsetenv("AWS_ACCESS_KEY_ID");
  unsetenv("AWS_SECRET_ACCESS_KEY");
  INFO(describe(end));
  REQUIRE(end);
  CHECK(end->type == MessageType::Eos);
  p.pipeline.set_state(State::Null);
  std::string back;
  CHECK(server.get_object("from-env.bin", &back));
  CHECK(back == random_bytes(1000, 3));
}

TEST_CASE("an unknown access key ends in an ERROR with the server's code and message",
          "[s3][awss3sink]") {
  test::S3rver server;
  REQUIRE_S3RVER(server);
  S3Pipeline p(server, "denied.bin");
  p.sink->set("access-key", std::string("NOT-A-KEY"));
  p.pipeline.set_state(State::Playing);
  p.push(random_bytes(1000, 4));
  auto end = p.finish();
  REQUIRE(end);
  REQUIRE(end->type == MessageType::Error);
  CHECK(end->source == "sink");
  CHECK(end->text ==
        "PutObject of s3://media/denied.bin failed: InvalidAccessKeyId: The AWS Access Key Id "
        "you provided does not exist in our records.");
  CHECK(end->debug.find("HTTP 403") != std::string::npos);
}

TEST_CASE("a wrong secret key ends in an ERROR with SignatureDoesNotMatch", "[s3][awss3sink]") {
  test::S3rver server(test::S3rver::Signatures::Verified);
  REQUIRE_S3RVER(server);
  S3Pipeline p(server, "forged.bin");
  p.sink->set("secret-access-key", std::string("not-the-secret"));
  p.pipeline.set_state(State::Playing);
  p.push(random_bytes(1000, 8));
  auto end = p.finish();
  REQUIRE(end);
  REQUIRE(end->type == MessageType::Error);
  CHECK(end->text ==
        "PutObject of s3://media/forged.bin failed: SignatureDoesNotMatch: The request signature "
        "we calculated does not match the signature you provided. Check your key and signing "
        "method.");
  std::string back;
  CHECK_FALSE(server.get_object("forged.bin", &back));
}

TEST_CASE("a bucket that does not exist ends in a NoSuchBucket ERROR", "[s3][awss3sink]") {
  test::S3rver server;
  REQUIRE_S3RVER(server);
  S3Pipeline p(server, "k.bin");
  p.sink->set("bucket", std::string("no-such-bucket"));
  p.pipeline.set_state(State::Playing);
  p.push(random_bytes(6 * kMiB, 5));  // past part-size: CreateMultipartUpload fails
  auto end = p.finish();
  REQUIRE(end);
  REQUIRE(end->type == MessageType::Error);
  CHECK(end->text ==
        "CreateMultipartUpload of s3://no-such-bucket/k.bin failed: NoSuchBucket: The specified "
        "bucket does not exist");
  CHECK(end->debug.find("HTTP 404") != std::string::npos);
}

TEST_CASE("an endpoint nobody listens on ends in an ERROR after the retries, not a hang",
          "[s3][awss3sink]") {
  test::S3rver server;
  REQUIRE_S3RVER(server);
  server.stop();  // its port is now closed
  S3Pipeline p(server, "k.bin");
  p.sink->set("retry-attempts", std::uint64_t{2});
  p.pipeline.set_state(State::Playing);
  p.push(random_bytes(1000, 6));
  p.src->end_of_stream();
  // One WARNING for the retry, then the ERROR.
  auto warning = p.pipeline.bus().timed_pop_filtered(20 * kSecond, MessageType::Warning);
  REQUIRE(warning);
  CHECK(warning->text.find("S3 request failed, retrying (attempt 2 of 2)") == 0);
  auto end = test::wait_eos_or_error(p.pipeline, 20 * kSecond);
  REQUIRE(end);
  REQUIRE(end->type == MessageType::Error);
  CHECK(end->text.find("PutObject of s3://media/k.bin failed: Couldn't connect to server") == 0);
  CHECK(end->debug.find("no HTTP answer from " + server.endpoint() + "/media/k.bin after 2") == 0);
}

TEST_CASE("a server that never answers ends in a timeout ERROR after request-timeout per try",
          "[s3][awss3sink]") {
  // A socket that listens but never reads: the kernel completes the
  // connection, nobody answers.
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(listen(listener, 4) == 0);
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string endpoint = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));

  test::S3rver server;  // only for the pipeline's settings
  S3Pipeline p(server, "k.bin");
  p.sink->set("endpoint-uri", endpoint);
  p.sink->set("request-timeout", std::int64_t{300});
  p.sink->set("retry-attempts", std::uint64_t{2});
  p.pipeline.set_state(State::Playing);
  p.push(random_bytes(1000, 9));
  const auto started = std::chrono::steady_clock::now();
  auto end = p.finish(20 * kSecond);
  const auto took = std::chrono::steady_clock::now() - started;
  close(listener);
  REQUIRE(end);
  REQUIRE(end->type == MessageType::Error);
  CHECK(end->text.find("PutObject of s3://media/k.bin failed: Timeout was reached") == 0);
  CHECK(took >= std::chrono::milliseconds(600));  // two tries of 300 ms
  CHECK(took < std::chrono::seconds(10));
}

TEST_CASE("with the server gone the sink stops taking data, and uploads it all when it is back",
          "[s3][awss3sink]") {
  test::S3rver server;
  REQUIRE_S3RVER(server);
  const std::size_t part = 5 * kMiB;
  const std::string data = random_bytes(30 * kMiB, 7);
  const std::size_t chunk = 256 * 1024;
  S3Pipeline p(server, "survivor.ts", part);
  p.src->set("block", false);
  p.sink->set("retry-attempts", std::uint64_t{10});  // ~11 s of backoff in all
  p.pipeline.set_state(State::Playing);
  server.stop();

  // Push without blocking; when appsrc is full, give the sink 2 s to make
  // room. With the server gone, back-pressure must stop the flow with a
  // bounded amount accepted (two parts waiting in the sink, a few buffers on
  // the link and in appsrc), far below the 30 MiB offered.
  std::size_t at = 0;
  while (at < data.size()) {
    if (p.src->push_buffer(slice(data, at, chunk)) == AppSrc::Push::Queued) {
      at += chunk;
      continue;
    }
    bool room = false;
    for (int i = 0; i < 200 && !room; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      room = p.src->get<std::uint64_t>("current-level-buffers") < 4;
    }
    if (!room) break;  // held
  }
  auto warning = p.pipeline.bus().timed_pop_filtered(20 * kSecond, MessageType::Warning);
  REQUIRE(warning);  // the sink is retrying, not failing
  CHECK(at <= 3 * part + 16 * chunk);
  CHECK(at < data.size());

  REQUIRE(server.restart());
  p.src->set("block", true);
  p.push(data.substr(at), chunk);
  auto end = p.finish();
  INFO(describe(end));
  REQUIRE(end);
  REQUIRE(end->type == MessageType::Eos);
  p.pipeline.set_state(State::Null);
  std::string back;
  REQUIRE(server.get_object("survivor.ts", &back));
  CHECK(back.size() == data.size());
  CHECK(back == data);
}

TEST_CASE("invalid awss3sink settings are refused with the reason", "[s3][awss3sink]") {
  ElementPtr sink = make_element("awss3sink", "sink");
  REQUIRE(sink);
  CHECK_THROWS_AS(sink->set("part-size", std::uint64_t{1024}), PropertyError);
  CHECK_THROWS_AS(sink->set("retry-attempts", std::uint64_t{0}), PropertyError);
  CHECK_THROWS_AS(sink->set_property_from_string("on-error", "explode"), PropertyError);

  auto start_error = [](const std::function<void(Element&)>& configure) {
    Pipeline pipeline("p");
    ElementPtr src = make_element("fakesrc", "src");
    ElementPtr s3 = make_element("awss3sink", "s3");
    s3->set("bucket", std::string("b"));
    s3->set("key", std::string("k"));
    s3->set("access-key", std::string("a"));
    s3->set("secret-access-key", std::string("s"));
    configure(*s3);
    pipeline.add_many(src, s3);
    pipeline.link(src, s3);
    pipeline.set_state(State::Playing);
    auto m = pipeline.bus().timed_pop_filtered(10 * kSecond, MessageType::Error);
    pipeline.set_state(State::Null);
    return m ? m->text : std::string("no ERROR");
  };
  CHECK(start_error([](Element& e) { e.set("bucket", std::string()); }) ==
        "Could not start s3: no bucket set (property 'bucket')");
  CHECK(start_error([](Element& e) { e.set("key", std::string()); }) ==
        "Could not start s3: no key set (property 'key')");
  CHECK(start_error([](Element& e) { e.set("endpoint-uri", std::string("ftp://x")); }) ==
        "Could not start s3: endpoint-uri 'ftp://x' is not an http:// or https:// URI");
  CHECK(start_error([](Element& e) {
          e.set("access-key", std::string());
          e.set("secret-access-key", std::string());
        }).find("Could not start s3: no AWS credentials") == 0);
}
