// The S3 client under the aws plugin: URL styles, S3's XML error fields, and
// the calls the sinks use, against a real s3rver on loopback.
#include <catch2/catch.hpp>

#include "elements/aws/s3_client.hpp"
#include "tests/s3rver.hpp"

using namespace gstmini::aws;

namespace {
S3Config config_for(const gstmini::test::S3rver& server) {
  S3Config c;
  c.bucket = server.bucket();
  c.region = "us-east-1";
  c.endpoint_uri = server.endpoint();
  c.force_path_style = true;
  c.access_key = gstmini::test::S3rver::kAccessKey;
  c.secret_access_key = gstmini::test::S3rver::kSecretKey;
  return c;
}
const std::uint8_t* bytes(const std::string& s) {
  return reinterpret_cast<const std::uint8_t*>(s.data());
}
}  // namespace

TEST_CASE("object URLs are path-style or virtual-hosted, keys percent-encoded", "[s3]") {
  S3Config c;
  c.bucket = "media";
  c.region = "eu-west-2";
  S3Client aws(c);
  CHECK(aws.object_url("live/seg 1.ts") ==
        "https://media.s3.eu-west-2.amazonaws.com/live/seg%201.ts");
  c.force_path_style = true;
  c.endpoint_uri = "http://127.0.0.1:9000/";
  CHECK(S3Client(c).object_url("a+b", "uploads=") == "http://127.0.0.1:9000/media/a%2Bb?uploads=");
  CHECK(uri_encode_path("x/y~z_-.\xc3\xa9") == "x/y~z_-.%C3%A9");
}

TEST_CASE("S3's XML error fields are read with entities decoded", "[s3]") {
  const std::string xml =
      "<?xml version=\"1.0\"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket "
      "&quot;b&quot; &amp; more</Message></Error>";
  CHECK(xml_element_text(xml, "Code") == "NoSuchBucket");
  CHECK(xml_element_text(xml, "Message") == "The specified bucket \"b\" & more");
  CHECK(xml_element_text(xml, "UploadId").empty());
  S3Result r;
  r.code = "NoSuchBucket";
  r.message = "The specified bucket does not exist";
  CHECK(r.describe() == "NoSuchBucket: The specified bucket does not exist");
}

TEST_CASE("settings are checked before any request", "[s3]") {
  S3Config c;
  CHECK(validate(c) == "no bucket set (property 'bucket')");
  c.bucket = "b";
  CHECK(validate(c).find("no AWS credentials") == 0);
  c.access_key = c.secret_access_key = "x";
  CHECK(validate(c).empty());
  c.endpoint_uri = "localhost:9000";
  CHECK(validate(c) == "endpoint-uri 'localhost:9000' is not an http:// or https:// URI");
}

TEST_CASE("put, multipart upload and delete work against s3rver, signatures checked", "[s3]") {
  gstmini::test::S3rver server(gstmini::test::S3rver::Signatures::Verified);
  INFO(gstmini::test::s3rver_missing());
  REQUIRE(server.running());
  S3Client aws(config_for(server));

  S3Result put = aws.put_object("one.txt", bytes("hello"), 5, {{"Content-Type", "text/plain"}});
  INFO(put.describe() << " " << put.body);
  REQUIRE(put.ok);
  CHECK(put.etag == "\"5d41402abc4b2a76b9719d911017c592\"");  // MD5 of "hello"

  std::string id;
  REQUIRE(aws.create_multipart_upload("multi.bin", {}, &id).ok);
  REQUIRE_FALSE(id.empty());
  const std::string part1(5 * 1024 * 1024, 'a'), part2 = "tail";
  S3Result p1 = aws.upload_part("multi.bin", id, 1, bytes(part1), part1.size());
  S3Result p2 = aws.upload_part("multi.bin", id, 2, bytes(part2), part2.size());
  REQUIRE(p1.ok);
  REQUIRE(p2.ok);
  S3Result done = aws.complete_multipart_upload("multi.bin", id, {p1.etag, p2.etag});
  INFO(done.describe() << " " << done.body);
  REQUIRE(done.ok);
  std::string back;
  REQUIRE(server.get_object("multi.bin", &back));
  CHECK(back == part1 + part2);

  REQUIRE(aws.delete_object("one.txt").ok);
  std::string error;
  CHECK_FALSE(server.get_object("one.txt", &back, &error));
  CHECK(error.find("does not exist") != std::string::npos);
}
