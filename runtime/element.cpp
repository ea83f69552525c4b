#include "runtime/element.hpp"

#include <cstdint>
#include <limits>
#include <utility>

namespace gstmini {

Caps template_caps(const PadTemplate& templ) { return Caps::from_string(templ.caps); }

const char* to_string(PadDirection direction) {
  switch (direction) {
    case PadDirection::Src:
      return "SRC";
    case PadDirection::Sink:
      return "SINK";
    default:
      return "UNKNOWN";
  }
}

const char* to_string(PadPresence presence) {
  switch (presence) {
    case PadPresence::Always:
      return "Always";
    case PadPresence::Sometimes:
      return "Sometimes";
    case PadPresence::Request:
      return "On request";
  }
  return "?";
}

// ---- Element ----------------------------------------------------------------

Element::Element(const ElementClass& klass, std::string name)
    : class_(&klass),
      name_(std::move(name)),
      properties_(&klass.properties, name_),
      category_(&debug_category(klass.factory_name, klass.description)) {
  for (const PadTemplate& templ : klass.pad_templates)
    if (templ.presence == PadPresence::Always) add_pad(templ, templ.name_template);
}

Element::~Element() = default;

const Pad& Element::add_pad(const PadTemplate& templ, const std::string& name) {
  std::lock_guard<std::mutex> lock(pads_mutex_);
  pads_.push_back(Pad{name, templ.direction, &templ, static_cast<unsigned>(pads_.size()), Caps()});
  return pads_.back();
}

std::vector<Pad> Element::pads_snapshot() const {
  std::lock_guard<std::mutex> lock(pads_mutex_);
  return pads_;
}

namespace {
// Where a request template's number goes: "%u" (tee's src_%u) or "%d"
// (mpegtsmux's sink_%d), as GstPadTemplate allows both.
std::size_t number_slot(const std::string& name_template) {
  auto percent = name_template.find("%u");
  return percent != std::string::npos ? percent : name_template.find("%d");
}

// "src_%u" fits "src_0", "src_12"; a template without a number fits only
// itself. The index is a guint as in GStreamer, which refuses
// "src_4294967296" (its template matching reads the index with strtoull and
// checks <= G_MAXUINT).
bool fits(const std::string& name_template, const std::string& name) {
  auto percent = number_slot(name_template);
  if (percent == std::string::npos) return name == name_template;
  const std::string prefix = name_template.substr(0, percent);
  const std::string digits = name.size() > prefix.size() ? name.substr(prefix.size()) : "";
  if (name.compare(0, prefix.size(), prefix) != 0 || digits.empty()) return false;
  std::uint64_t index = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    index = index * 10 + static_cast<std::uint64_t>(c - '0');
    if (index > std::numeric_limits<std::uint32_t>::max()) return false;
  }
  return true;
}
}  // namespace

bool Element::is_sink() const {
  for (const PadTemplate& templ : class_->pad_templates)
    if (templ.direction == PadDirection::Src) return false;
  return true;
}

bool Element::is_source() const {
  for (const PadTemplate& templ : class_->pad_templates)
    if (templ.direction == PadDirection::Sink) return false;
  return true;
}

const PadTemplate* Element::request_template_for(PadDirection direction,
                                                 const std::string& name) const {
  for (const PadTemplate& templ : class_->pad_templates)
    if (templ.presence == PadPresence::Request && templ.direction == direction &&
        (name.empty() || fits(templ.name_template, name)))
      return &templ;
  return nullptr;
}

const Pad* Element::request_new_pad(const PadTemplate& templ, const std::string& name,
                                    std::string* error) {
  std::string chosen = name;
  auto percent = number_slot(templ.name_template);
  if (chosen.empty()) {
    if (percent == std::string::npos) {
      chosen = templ.name_template;
    } else {
      do {
        chosen = templ.name_template.substr(0, percent) + std::to_string(next_request_index_++);
      } while (find_pad(chosen));
    }
  }
  if (find_pad(chosen)) {
    *error = "pad " + name_ + ":" + chosen + " already exists";
    return nullptr;
  }
  return &add_pad(templ, chosen);
}

const Pad* Element::find_pad(const std::string& name) const {
  for (const Pad& pad : pads_)
    if (pad.name == name) return &pad;
  return nullptr;
}

const Pad* Element::first_pad(PadDirection direction) const {
  for (const Pad& pad : pads_)
    if (pad.direction == direction) return &pad;
  return nullptr;
}

unsigned Element::count_pads(PadDirection direction) const {
  std::lock_guard<std::mutex> lock(pads_mutex_);
  unsigned n = 0;
  for (const Pad& pad : pads_) n += pad.direction == direction;
  return n;
}

StateChangeReturn Element::change_state(StateChange change) {
  if (change == StateChange::ReadyToPaused && !start()) return StateChangeReturn::Failure;
  if (change == StateChange::PausedToReady && !stop()) return StateChangeReturn::Failure;
  return StateChangeReturn::Success;
}

FlowReturn Element::chain(const Pad& pad, Buffer, Output&) {
  post_error("no chain function on pad " + name_ + ":" + pad.name);
  return FlowReturn::Error;
}

FlowReturn Element::chain_list(const Pad& pad, BufferList list, Output& out) {
  for (Buffer& buffer : list) {
    FlowReturn ret = chain(pad, std::move(buffer), out);
    if (ret != FlowReturn::Ok) return ret;
  }
  return FlowReturn::Ok;
}

bool Element::sink_event(const Pad&, Event event, Output& out) {
  out.push_event(std::move(event));
  return true;
}

bool Element::src_event(const Pad&, Event event, Output& out) {
  out.push_upstream(std::move(event));
  return false;  // not handled here: the answer is what upstream says
}

QueryResult Element::query(const Pad& pad, Query& q) {
  if (q.type != QueryType::AcceptCaps) return QueryResult::Forward;
  q.accepted = accept_caps(pad, q.caps);
  return QueryResult::Handled;
}

Caps Element::pad_caps(const Pad& pad) const {
  return pad.templ ? template_caps(*pad.templ) : Caps::any();
}

bool Element::accept_caps(const Pad& pad, const Caps& caps) const {
  return caps.is_subset(pad_caps(pad));
}

Caps Element::current_caps(const Pad& pad) const {
  std::lock_guard<std::mutex> lock(pads_mutex_);
  return pad.index < pads_.size() ? pads_[pad.index].caps : Caps();
}

void Element::set_current_caps(unsigned pad_index, Caps caps) {
  std::string pad_name;
  const bool notify = !caps.is_empty() && runtime_.bus && runtime_.bus->property_notify();
  const std::string text = notify ? caps.to_string() : std::string();
  {
    std::lock_guard<std::mutex> lock(pads_mutex_);
    if (pad_index >= pads_.size()) return;
    pads_[pad_index].caps = std::move(caps);
    pad_name = pads_[pad_index].name;
  }
  if (notify) notify_property(pad_name, "caps", text);
}

void Element::notify_property(const std::string& pad, const std::string& property,
                              const std::string& value) const {
  if (!runtime_.bus || !runtime_.bus->property_notify()) return;
  runtime_.bus->post(
      Message::property_notify(name_, pad.empty() ? name_ : name_ + "." + pad, property, value));
}

QueryResult Element::element_query(Query&) {
  return count_pads(PadDirection::Sink) ? QueryResult::Forward : QueryResult::NotHandled;
}

bool Element::send_event(Event event, Output& out) {
  if (event.is_upstream())
    out.push_upstream(std::move(event));
  else
    out.push_event(std::move(event));
  return false;
}

ClockTime Element::running_time_now() const {
  if (runtime_.state != State::Playing || !runtime_.clock || !is_valid(runtime_.base_time))
    return kClockTimeNone;
  ClockTime now = runtime_.clock->now();
  return now > runtime_.base_time ? now - runtime_.base_time : 0;
}

void Element::post(Message message) const {
  if (message.source.empty()) message.source = name_;
  if (message.type == MessageType::Latency && runtime_.notify_pipeline)
    runtime_.notify_pipeline(message);
  if (runtime_.bus) runtime_.bus->post(std::move(message));
}

void Element::post_latency_message() const {
  Message m;
  m.type = MessageType::Latency;
  post(std::move(m));
}

void Element::post_error(const std::string& text, const std::string& debug) const {
  GSTMINI_ERROR_OBJECT(*this, "{}{}{}", text, debug.empty() ? "" : ": ", debug);
  post(Message::error(name_, text, debug));
}

void Element::post_warning(const std::string& text, const std::string& debug) const {
  GSTMINI_WARNING_OBJECT(*this, "{}{}{}", text, debug.empty() ? "" : ": ", debug);
  post(Message::warning(name_, text, debug));
}

void Element::post_element_message(Structure structure) const {
  post(Message::element(name_, std::move(structure)));
}

}  // namespace gstmini
