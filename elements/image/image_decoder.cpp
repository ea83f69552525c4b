#include "elements/image/image_decoder.hpp"

#include <algorithm>

namespace gstmini {

bool ImageDecoder::start() {
  reset();
  fps_n_ = 0;
  fps_d_ = 1;
  time_segment_pending_ = false;
  output_caps_ = Caps();
  frames_ = 0;
  bytes_in_ = 0;
  return true;
}

Buffer ImageDecoder::allocate_frame(std::size_t size) {
  Buffer frame = std::move(recycled_);
  recycled_ = Buffer();
  if (frame.size() != size || frame.is_payload_shared()) return Buffer(size);
  frame.pts = frame.dts = frame.duration = kClockTimeNone;
  frame.offset = frame.offset_end = kBufferOffsetNone;
  frame.unset_flag(static_cast<BufferFlags>(~std::uint32_t{0}));
  return frame;
}

void ImageDecoder::reset() {
  adapter_.clear();
  begin_ = 0;
  reset_scan();
  pending_pts_ = pending_duration_ = kClockTimeNone;
  discont_ = true;
}

QueryResult ImageDecoder::query(const Pad& pad, Query& q) {
  if (q.type != QueryType::Caps) return Element::query(pad, q);
  Caps own =
      pad.direction == PadDirection::Src && !output_caps_.is_empty() ? output_caps_ : pad_caps(pad);
  q.caps = own.intersect(q.filter);
  return QueryResult::Handled;
}

bool ImageDecoder::sink_event(const Pad& pad, Event event, Output& out) {
  switch (event.type()) {
    case EventType::Caps: {
      // The input format: only its framerate matters (the header says the rest).
      const Caps& caps = event.parsed_caps();
      fps_n_ = 0;
      fps_d_ = 1;
      if (caps.size() > 0)
        if (const CapsValue* rate = caps.structure(0).get("framerate"))
          if (const Fraction* f = rate->get_if<Fraction>(); f && f->den > 0) {
            fps_n_ = f->num;
            fps_d_ = f->den;
          }
      return true;  // our own caps go out with the first frame
    }
    case EventType::Segment:
      if (event.parsed_segment().format != Format::Time) {
        time_segment_pending_ = true;  // pushed once caps are known
        return true;
      }
      break;
    case EventType::FlushStop:
      reset();
      break;
    case EventType::Eos:
      if (begin_ < adapter_.size() && scan_parsed() > 0) {
        post_error(decode_error_message(),
                   "the stream ended inside an image: " + std::to_string(adapter_.size() - begin_) +
                       " bytes of it arrived, the rest is missing (truncated file?)");
      } else if (frames_ == 0 && bytes_in_ > 0) {
        post_error("No valid frames decoded before end of stream", "no valid frames found");
      }
      break;
    default:
      break;
  }
  return Element::sink_event(pad, std::move(event), out);
}

FlowReturn ImageDecoder::chain(const Pad&, Buffer buffer, Output& out) {
  if (buffer.has_flag(BufferFlags::Discont) && begin_ < adapter_.size())
    GSTMINI_DEBUG_OBJECT(*this, "discont: dropping {} pending bytes", adapter_.size() - begin_);
  if (begin_ == adapter_.size()) {
    adapter_.clear();
    begin_ = 0;
    pending_pts_ = buffer.pts;
    pending_duration_ = buffer.duration;
  }
  last_input_pts_ = buffer.pts;
  last_input_duration_ = buffer.duration;
  bytes_in_ += buffer.size();
  adapter_.insert(adapter_.end(), buffer.data(), buffer.data() + buffer.size());
  for (;;) {
    const std::uint8_t* data = adapter_.data() + begin_;
    const std::size_t size = adapter_.size() - begin_;
    if (size == 0) break;
    ScanResult r = scan(data, size);
    if (r.status == ScanResult::Status::NeedData) break;
    if (r.status == ScanResult::Status::Corrupt) {
      post_error(decode_error_message(), r.error);
      return FlowReturn::Error;
    }
    if (r.status == ScanResult::Status::Image) {
      FlowReturn ret = handle_image(data, r.size, out);
      if (ret != FlowReturn::Ok) return ret;
    } else {
      GSTMINI_DEBUG_OBJECT(*this, "skipping {} bytes before an image", r.size);
    }
    begin_ += r.size;
    // The next image starts in the buffer that just arrived (or later).
    pending_pts_ = last_input_pts_;
    pending_duration_ = last_input_duration_;
  }
  if (begin_ > adapter_.size() / 2) {  // drop consumed bytes in bulk
    adapter_.erase(adapter_.begin(), adapter_.begin() + static_cast<std::ptrdiff_t>(begin_));
    begin_ = 0;
  }
  return FlowReturn::Ok;
}

FlowReturn ImageDecoder::handle_image(const std::uint8_t* data, std::size_t size, Output& out) {
  Frame frame;
  std::string error;
  if (!decode(data, size, frame, &error)) {
    post_error(decode_error_message(), error);
    return FlowReturn::Error;
  }
  std::string text = "video/x-raw, format=(string)" + frame.format + ", width=(int)" +
                     std::to_string(frame.width) + ", height=(int)" + std::to_string(frame.height) +
                     ", interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1" +
                     frame.caps_extra + ", framerate=(fraction)" + std::to_string(fps_n_) + "/" +
                     std::to_string(fps_n_ ? fps_d_ : 1);
  Caps caps = Caps::from_string(text);
  if (output_caps_.is_empty() || !output_caps_.is_equal(caps)) {
    GSTMINI_DEBUG_OBJECT(*this, "output caps {}", caps.to_string());
    output_caps_ = caps;
    out.push_event(Event::caps(std::move(caps)));
  }
  if (time_segment_pending_) {
    out.push_event(Event::segment(Segment{}));
    time_segment_pending_ = false;
  }
  timestamp(frame.buffer);
  if (discont_) {
    frame.buffer.set_flag(BufferFlags::Discont);
    discont_ = false;
  }
  ++frames_;
  recycled_ = frame.buffer;
  out.push(std::move(frame.buffer));
  return FlowReturn::Ok;
}

void ImageDecoder::timestamp(Buffer& frame) {
  const ClockTime frame_duration =
      fps_n_ > 0 ? static_cast<ClockTime>(kSecond * static_cast<ClockTime>(fps_d_) /
                                          static_cast<ClockTime>(fps_n_))
                 : kClockTimeNone;
  if (is_valid(pending_pts_)) {
    frame.pts = pending_pts_;
    frame.duration = is_valid(pending_duration_) ? pending_duration_ : frame_duration;
  } else if (fps_n_ > 0) {
    frame.pts = frames_ * kSecond * static_cast<ClockTime>(fps_d_) / static_cast<ClockTime>(fps_n_);
    frame.duration = frame_duration;
  } else if (frames_ == 0) {
    frame.pts = 0;
  }
}

}  // namespace gstmini
