#include "elements/libav/ts_writer.hpp"

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/mem.h>
}

namespace gstmini {

namespace {

constexpr int kIoBufferSize = 188 * 64;
constexpr AVRational kNanoseconds{1, 1000000000};

std::string av_error_text(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

}  // namespace

TsWriter::~TsWriter() { close(); }

int TsWriter::on_write(void* opaque, std::uint8_t* buf, int size) {
  auto* self = static_cast<TsWriter*>(opaque);
  self->pending_.insert(self->pending_.end(), buf, buf + size);
  return size;
}

bool TsWriter::open(int width, int height, std::string* error) {
  close();
  int ret = avformat_alloc_output_context2(&ctx_, nullptr, "mpegts", nullptr);
  if (ret < 0 || !ctx_) {
    *error = "libavformat has no mpegts muxer: " + av_error_text(ret);
    return false;
  }
  auto* buffer = static_cast<std::uint8_t*>(av_malloc(kIoBufferSize));
  io_ = avio_alloc_context(buffer, kIoBufferSize, 1, this, nullptr, &TsWriter::on_write, nullptr);
  if (!io_) {
    av_free(buffer);
    *error = "out of memory for the AVIO context";
    close();
    return false;
  }
  ctx_->pb = io_;
  ctx_->flags |= AVFMT_FLAG_CUSTOM_IO;
  ctx_->max_delay = 700000;  // µs: PCR leads DTS by 0.7 s, as ffmpeg's -muxdelay default
  AVStream* st = avformat_new_stream(ctx_, nullptr);
  if (!st) {
    *error = "could not add the video stream";
    close();
    return false;
  }
  st->codecpar->codec_type = AVMEDIA_TYPE_VIDEO;
  st->codecpar->codec_id = AV_CODEC_ID_H264;
  st->codecpar->width = width;
  st->codecpar->height = height;
  st->time_base = AVRational{1, 90000};
  ret = avformat_write_header(ctx_, nullptr);
  if (ret < 0) {
    *error = "avformat_write_header failed: " + av_error_text(ret);
    close();
    return false;
  }
  header_written_ = true;
  return true;
}

bool TsWriter::write(const std::uint8_t* data, std::size_t size, std::int64_t pts_ns,
                     std::int64_t dts_ns, bool keyframe, std::vector<std::uint8_t>* out,
                     std::string* error) {
  AVPacket* pkt = av_packet_alloc();
  if (!pkt) {
    *error = "out of memory for a packet";
    return false;
  }
  // Not reference-counted: av_write_frame reads the bytes during the call only.
  pkt->data = const_cast<std::uint8_t*>(data);
  pkt->size = static_cast<int>(size);
  pkt->stream_index = 0;
  const AVRational tb = ctx_->streams[0]->time_base;
  pkt->pts = av_rescale_q(pts_ns, kNanoseconds, tb);
  pkt->dts = av_rescale_q(dts_ns, kNanoseconds, tb);
  if (keyframe) pkt->flags |= AV_PKT_FLAG_KEY;
  int ret = av_write_frame(ctx_, pkt);
  av_packet_free(&pkt);
  if (ret < 0) {
    *error = "av_write_frame failed: " + av_error_text(ret);
    return false;
  }
  avio_flush(io_);
  out->swap(pending_);
  pending_.clear();
  return true;
}

bool TsWriter::finish(std::vector<std::uint8_t>* out, std::string* error) {
  if (!ctx_) return true;
  int ret = header_written_ ? av_write_trailer(ctx_) : 0;
  if (io_) avio_flush(io_);
  out->swap(pending_);
  pending_.clear();
  close();
  if (ret < 0) {
    *error = "av_write_trailer failed: " + av_error_text(ret);
    return false;
  }
  return true;
}

void TsWriter::close() {
  if (ctx_) avformat_free_context(ctx_);
  ctx_ = nullptr;
  if (io_) {
    av_freep(&io_->buffer);
    avio_context_free(&io_);
  }
  io_ = nullptr;
  header_written_ = false;
  pending_.clear();
}

}  // namespace gstmini
