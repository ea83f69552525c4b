// Basic tutorial 8: Short-cutting the pipeline
// (GStreamer's basic-tutorial-8.c; docs/tutorials/basic-tutorial-8.md)
//
//   build/examples/tutorials/basic-tutorial-8
//
//   [app thread] -> appsrc ! tee name=t  t. ! queue ! fakesink
//                                        t. ! queue ! appsink -> [app thread]
//
// The application makes the data and takes it back out: appsrc is fed from
// a producer thread (GStreamer's version feeds it from the need-data and
// enough-data signals in the main loop; here push_buffer() blocks when
// appsrc is full, which is the same back-pressure), and appsink is drained
// by the main thread (GStreamer's new-sample signal; here pull_sample()).
// The data is a 1 kHz "waveform" of bytes, the psychedelic generator of the
// original reduced to a counter.
#include <gstmini/gstmini.hpp>

#include <cstdio>
#include <thread>
#include <vector>

using namespace gstmini;

namespace {

constexpr std::size_t kChunkSize = 1024;  // bytes per buffer
constexpr int kChunks = 100;
constexpr ClockTime kChunkDuration = 23 * kMillisecond;  // 1024 samples at 44.1 kHz

Buffer make_chunk(int index) {
  std::vector<std::uint8_t> bytes(kChunkSize);
  for (std::size_t i = 0; i < kChunkSize; ++i)
    bytes[i] = static_cast<std::uint8_t>((static_cast<std::size_t>(index) * kChunkSize + i) % 251);
  Buffer buffer = Buffer::wrap(std::move(bytes));
  buffer.pts = static_cast<ClockTime>(index) * kChunkDuration;
  buffer.duration = kChunkDuration;
  return buffer;
}

}  // namespace

int main() {
  Pipeline pipeline("test-pipeline");
  auto app_source = std::make_shared<AppSrc>("audio_source");
  auto tee = make_element("tee", "tee");
  auto audio_queue = make_element("queue", "audio_queue");
  auto audio_sink = make_element("fakesink", "audio_sink");
  auto app_queue = make_element("queue", "app_queue");
  auto app_sink = std::make_shared<AppSink>("app_sink");
  app_source->set("caps", std::string("audio/x-raw,format=U8,rate=44100,channels=1"));
  app_source->set("block", true);  // push_buffer waits while appsrc is full
  app_sink->set("sync", false);
  pipeline.add_many(app_source, tee, audio_queue, audio_sink, app_queue, app_sink);
  pipeline.link(app_source, tee);
  pipeline.link_many({tee, audio_queue, audio_sink});
  pipeline.link_many({tee, app_queue, app_sink});
  pipeline.set_state(State::Playing);

  std::thread producer([&] {
    for (int i = 0; i < kChunks; ++i)
      if (app_source->push_buffer(make_chunk(i)) != AppSrc::Push::Queued) break;
    app_source->end_of_stream();
  });

  int pulled = 0;
  std::size_t bytes = 0, mismatches = 0;
  while (auto buffer = app_sink->pull_sample()) {  // nullopt at EOS
    const Buffer expected = make_chunk(pulled);
    for (std::size_t i = 0; i < buffer->size() && i < expected.size(); ++i)
      if (buffer->data()[i] != expected.data()[i]) ++mismatches;
    bytes += buffer->size();
    if (++pulled % 25 == 0) std::printf("*");  // GStreamer's tutorial prints one per sample
  }
  producer.join();
  auto msg = pipeline.bus().timed_pop_filtered(5 * kSecond, MessageType::Error | MessageType::Eos);
  pipeline.set_state(State::Null);
  std::printf("\npulled %d buffers (%zu bytes), %zu bytes differ from what was pushed; %s\n",
              pulled, bytes, mismatches, msg ? describe(*msg).c_str() : "no EOS");
  return pulled == kChunks && mismatches == 0 && msg && msg->type == MessageType::Eos ? 0 : 1;
}
