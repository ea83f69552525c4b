#include "elements/image/image_encoder.hpp"

namespace gstmini {

bool ImageEncoder::start() {
  have_input_ = false;
  frames_ = 0;
  return true;
}

QueryResult ImageEncoder::query(const Pad& pad, Query& q) {
  if (q.type != QueryType::Caps) return Element::query(pad, q);
  q.caps = pad_caps(pad).intersect(q.filter);
  return QueryResult::Handled;
}

namespace {
std::int64_t int_field(const CapsStructure& s, const char* name) {
  const CapsValue* v = s.get(name);
  const std::int64_t* i = v ? v->get_if<std::int64_t>() : nullptr;
  return i ? *i : 0;
}
}  // namespace

bool ImageEncoder::sink_event(const Pad& pad, Event event, Output& out) {
  if (event.type() != EventType::Caps) return Element::sink_event(pad, std::move(event), out);
  const Caps& caps = event.parsed_caps();
  if (caps.size() != 1) return false;
  const CapsStructure& s = caps.structure(0);
  const CapsValue* format = s.get("format");
  const std::string* name = format ? format->get_if<std::string>() : nullptr;
  const std::int64_t width = int_field(s, "width"), height = int_field(s, "height");
  if (!name || width <= 0 || height <= 0 || width > kMaxImageDimension ||
      height > kMaxImageDimension) {
    post_error("Failed to encode image",
               "caps " + caps.to_string() + " do not describe one raw video format");
    return false;
  }
  Input input{*name, static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(height), {}};
  auto layout = raw_video_layout(input.format, input.width, input.height);
  if (!layout) return false;
  input.layout = *layout;
  input_ = input;
  have_input_ = true;
  framerate_ = "0/1";
  if (const CapsValue* rate = s.get("framerate"))
    if (const Fraction* f = rate->get_if<Fraction>())
      framerate_ = std::to_string(f->num) + "/" + std::to_string(f->den);
  std::string text = output_caps_prefix(input_) + ", width=(int)" + std::to_string(width) +
                     ", height=(int)" + std::to_string(height) +
                     ", pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)" + framerate_;
  out.push_event(Event::caps(Caps::from_string(text)));
  return true;
}

FlowReturn ImageEncoder::chain(const Pad&, Buffer buffer, Output& out) {
  if (!have_input_) return not_negotiated("a frame arrived before any caps said its format");
  if (buffer.size() < input_.layout.size) {
    post_error("Failed to map video frame, caps problem?",
               "a " + input_.format + " " + std::to_string(input_.width) + "x" +
                   std::to_string(input_.height) + " frame needs " +
                   std::to_string(input_.layout.size) + " bytes, the buffer has " +
                   std::to_string(buffer.size()));
    return FlowReturn::Error;
  }
  if (get<bool>("snapshot") && frames_ > 0) return FlowReturn::Eos;
  std::vector<std::uint8_t> image;
  std::string error;
  if (!encode(input_, buffer.data(), &image, &error)) {
    post_error("Failed to encode image", error);
    return FlowReturn::Error;
  }
  Buffer encoded = Buffer::wrap(std::move(image));
  encoded.pts = buffer.pts;
  encoded.dts = buffer.dts;
  encoded.duration = buffer.duration;
  encoded.offset = buffer.offset;
  encoded.offset_end = buffer.offset_end;
  if (buffer.has_flag(BufferFlags::Discont)) encoded.set_flag(BufferFlags::Discont);
  ++frames_;
  out.push(std::move(encoded));
  return get<bool>("snapshot") ? FlowReturn::Eos : FlowReturn::Ok;
}

}  // namespace gstmini
