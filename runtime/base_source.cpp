#include "runtime/base_source.hpp"

#include <limits>

namespace gstmini {

std::vector<PropertySpec> Source::base_properties() {
  return {
      PropertySpec::integer("num-buffers", -1, -1, std::numeric_limits<std::int32_t>::max(),
                            "Number of buffers to output before sending EOS (-1 = unlimited)"),
      PropertySpec::boolean("is-live", false, "Whether to act as a live source"),
      PropertySpec::boolean("do-timestamp", false, "Apply current stream time to buffers"),
  };
}

bool Source::is_live() const { return get<bool>("is-live"); }

std::int64_t Source::remaining() const {
  if (num_buffers_ < 0) return std::numeric_limits<std::int64_t>::max();
  return num_buffers_ - static_cast<std::int64_t>(produced_);
}

FlowReturn Source::produce(Output& out) {
  if (!stream_started_) {
    out.push_event(Event::stream_start(name() + "/stream"));
    stream_started_ = true;
  }
  if (caps_pending_) {
    out.push_event(Event::caps(caps_));
    caps_pending_ = false;
  }
  if (segment_pending_) {
    out.push_event(Event::segment(segment_));
    segment_pending_ = false;
  }
  if (eos_requested_ || remaining() <= 0) return FlowReturn::Eos;
  std::size_t before = out.items().size();
  FlowReturn ret = fill(out);
  if (settings_changed(&settings_seen_)) do_timestamp_ = get<bool>("do-timestamp");
  for (std::size_t i = before; i < out.items().size(); ++i) {
    auto* buffer = std::get_if<Buffer>(&out.items()[i].data);
    if (!buffer) continue;
    if (do_timestamp_) buffer->pts = running_time_now();
    // The segment's stop ends the stream, as after a seek with a stop (a
    // BYTES source clips its reads to the stop itself).
    if (segment_.format == Format::Time && is_valid(segment_.stop) && is_valid(buffer->pts) &&
        buffer->pts >= segment_.stop) {
      out.items().erase(out.items().begin() + static_cast<std::ptrdiff_t>(i), out.items().end());
      return FlowReturn::Eos;
    }
  }
  return ret;
}

bool Source::src_event(const Pad&, Event event, Output&) {
  if (event.type() != EventType::Seek || !is_seekable()) return false;
  const SeekArgs& seek = event.parsed_seek();
  if (seek.format != segment_.format) {
    // basesrc would try a CONVERT query; nothing converts here.
    GSTMINI_WARNING_OBJECT(*this, "seek in {} refused: the source works in {}",
                           to_string(seek.format), to_string(segment_.format));
    return false;
  }
  Segment updated = segment_;
  std::string error;
  if (!updated.do_seek(seek.rate, seek.flags, seek.start_type, seek.start, seek.stop_type,
                       seek.stop, nullptr, &error)) {
    GSTMINI_WARNING_OBJECT(*this, "seek refused: {}", error);
    return false;
  }
  if (!do_seek(updated)) return false;
  GSTMINI_DEBUG_OBJECT(*this, "seek accepted: {}", to_string(updated));
  segment_ = updated;
  segment_pending_ = true;
  seek_pending_ = true;
  seek_flush_ = has_flag(seek.flags, SeekFlags::Flush);
  if (seek_flush_) {
    // A flushing seek starts the stream over, also after EOS: num-buffers
    // counts from here and an EOS the application sent is forgotten.
    produced_ = 0;
    eos_requested_ = false;
  }
  return true;
}

bool Source::send_event(Event event, Output& out) {
  if (event.type() == EventType::Eos) {
    eos_requested_ = true;
    return true;
  }
  return Element::send_event(std::move(event), out);
}

QueryResult Source::element_query(Query& q) {
  switch (q.type) {
    case QueryType::Duration:
      if (q.format != format_) return QueryResult::NotHandled;
      q.duration = duration();
      return is_valid(q.duration) ? QueryResult::Handled : QueryResult::NotHandled;
    case QueryType::Seeking:
      if (q.format != format_) {  // basesrc: not seekable in another format
        q.seekable = false;
        return QueryResult::Handled;
      }
      q.seekable = is_seekable();
      q.seek_start = 0;
      q.seek_end = duration();
      return QueryResult::Handled;
    case QueryType::Segment:
      q.segment = segment_;
      return QueryResult::Handled;
    case QueryType::Latency:
      // basesrc: a live source adds its latency, a non-live one none.
      q.live = is_live();
      q.min_latency = q.live ? latency() : 0;
      q.max_latency = q.min_latency;
      return QueryResult::Handled;
    default:
      return QueryResult::NotHandled;
  }
}

QueryResult Source::query(const Pad& pad, Query& q) {
  if (q.type == QueryType::Caps || q.type == QueryType::AcceptCaps) return Element::query(pad, q);
  return element_query(q);
}

bool Source::negotiation_needed() {
  if (negotiated_) return false;
  const Pad* src = first_pad(PadDirection::Src);
  negotiated_ = !src || pad_caps(*src).is_any();  // nothing to agree on
  return !negotiated_;
}

bool Source::decide_caps(const Caps& peer) {
  const Pad* src = first_pad(PadDirection::Src);
  Caps common = src ? peer.intersect(pad_caps(*src)) : peer;
  if (common.is_empty()) return false;
  Caps fixed = fixate_caps(std::move(common));
  if (!fixed.is_fixed() || !set_caps(fixed)) return false;
  GSTMINI_DEBUG_OBJECT(*this, "negotiated {}", fixed.to_string());
  caps_ = std::move(fixed);
  negotiated_ = caps_pending_ = true;
  return true;
}

bool Source::take_pending_seek(bool* flush) {
  if (!seek_pending_) return false;
  seek_pending_ = false;
  *flush = seek_flush_;
  return true;
}

FlowReturn Source::fill(Output& out) {
  Buffer buffer;
  FlowReturn ret = create(buffer);
  if (ret != FlowReturn::Ok) return ret;
  if (produced_ == 0) buffer.set_flag(BufferFlags::Discont);
  count_produced(1);
  out.push(std::move(buffer));
  return FlowReturn::Ok;
}

StateChangeReturn Source::change_state(StateChange change) {
  if (change == StateChange::ReadyToPaused) {
    stream_started_ = false;
    negotiated_ = caps_pending_ = false;
    segment_pending_ = true;
    seek_pending_ = eos_requested_ = false;
    produced_ = 0;
    num_buffers_ = get<std::int64_t>("num-buffers");
  }
  StateChangeReturn ret = Element::change_state(change);
  if (ret == StateChangeReturn::Failure) return ret;
  // After start(): a file source knows its size (the BYTES duration) by now.
  if (change == StateChange::ReadyToPaused) segment_ = initial_segment();
  // A live source cannot preroll: it produces only while PLAYING.
  bool to_paused = change == StateChange::ReadyToPaused || change == StateChange::PlayingToPaused;
  return is_live() && to_paused ? StateChangeReturn::NoPreroll : ret;
}

}  // namespace gstmini
