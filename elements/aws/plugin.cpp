// The aws plugin: S3 sinks over libcurl (gst-plugins-rs' aws plugin, in small).
#include "runtime/registry/plugin.hpp"
#include "elements/aws/awss3sink.hpp"
#include "runtime/registry/registry.hpp"
#ifdef GSTMINI_AWS_HLS
#include "elements/aws/awss3hlssink.hpp"
#endif

namespace {

void plugin_init(gstmini::Registry& registry) {
  registry.add<gstmini::AwsS3Sink>();
#ifdef GSTMINI_AWS_HLS
  registry.add<gstmini::AwsS3HlsSink>();
#endif
}

}  // namespace

GSTMINI_PLUGIN_DEFINE(aws, "Amazon Web Services plugin: S3 sinks", plugin_init, "0.1.0", "LGPL")
