// Element: the base class every element derives from (GstElement).
//
// An element is written against hooks, never against actors: the actor that
// hosts it calls change_state(), chain(), chain_list() and sink_event(), one
// at a time, so element code needs no locks (DESIGN invariant 1). What an
// element pushes during a hook is collected in an Output; when the hook
// returns, the actor sends it down the links in order, and the FlowReturn that
// travels back upstream is the hook's own result if that is not OK, else the
// combined answer of the pushes (GStreamer's "chain returns what push
// returned").
//
// Properties are the exception to "only the actor touches it": they sit in a
// PropertyStore under a mutex so applications can set and read them at any
// time (GStreamer's object lock).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "runtime/buffer.hpp"
#include "runtime/bus.hpp"
#include "runtime/clock.hpp"
#include "runtime/debug/log.hpp"
#include "runtime/element_class.hpp"
#include "runtime/element_runtime.hpp"
#include "runtime/event.hpp"
#include "runtime/flow.hpp"
#include "runtime/output.hpp"
#include "runtime/pad.hpp"
#include "runtime/property.hpp"
#include "runtime/query.hpp"
#include "runtime/staging.hpp"
#include "runtime/state.hpp"

namespace gstmini {

class Element {
 public:
  Element(const ElementClass& klass, std::string name);
  virtual ~Element();
  Element(const Element&) = delete;
  Element& operator=(const Element&) = delete;

  const std::string& name() const { return name_; }
  const ElementClass& element_class() const { return *class_; }

  // ---- properties (any thread) ----
  template <class T>
  void set(const std::string& property, T value) {
    properties_.set(property, to_value(value));
  }
  void set_property(const std::string& property, const Value& value) {
    properties_.set(property, value);
  }
  void set_property_from_string(const std::string& property, const std::string& text) {
    properties_.set_from_string(property, text);
  }
  Value get_property(const std::string& property) const { return properties_.get(property); }
  template <class T>
  T get(const std::string& property) const {
    return std::get<T>(properties_.get(property));
  }
  const PropertyStore& properties() const { return properties_; }

  // ---- pads ----
  // The element's own actor reads the pads without a lock (it is the only
  // one that adds pads); any other thread takes pads_snapshot().
  const std::vector<Pad>& pads() const { return pads_; }
  std::vector<Pad> pads_snapshot() const;
  const Pad* find_pad(const std::string& name) const;
  const Pad* first_pad(PadDirection direction) const;
  unsigned count_pads(PadDirection direction) const;  // any thread
  // From the class's pad templates (GST_ELEMENT_FLAG_SINK / _SOURCE):
  // a sink has no src template, a source no sink template.
  bool is_sink() const;
  bool is_source() const;
  // The template a request pad name fits ("src_%u" for "src_3"), if any.
  const PadTemplate* request_template_for(PadDirection direction, const std::string& name) const;
  // Creates a pad from a Request template (gst_element_request_pad); an
  // empty name takes the next free "%u". Called by the element's actor.
  // Returns nullptr (and sets *error) if the name is taken or malformed.
  virtual const Pad* request_new_pad(const PadTemplate& templ, const std::string& name,
                                     std::string* error);

  // ---- caps ----
  // The caps `pad` can handle, its peer aside (GStreamer's query_caps
  // without the peer): the template's, narrowed by properties (capsfilter's
  // caps). Called from any thread: read only templates and properties.
  virtual Caps pad_caps(const Pad& pad) const;
  // Whether CAPS `caps` may arrive on sink pad `pad`; a refusal makes the
  // push fail with NOT_NEGOTIATED. Any thread. Default: caps ⊆ pad_caps.
  virtual bool accept_caps(const Pad& pad, const Caps& caps) const;
  // The caps negotiated on `pad` (EMPTY before any); any thread.
  Caps current_caps(const Pad& pad) const;
  // For the element's actor: records the negotiated caps of a pad.
  void set_current_caps(unsigned pad_index, Caps caps);
  // A hook returns not_negotiated("why") for data it cannot handle without
  // (other) caps: the actor posts an ERROR naming both pads and the reason.
  FlowReturn not_negotiated(std::string reason) {
    not_negotiated_reason_ = std::move(reason);
    return FlowReturn::NotNegotiated;
  }
  std::string take_not_negotiated_reason() { return std::move(not_negotiated_reason_); }

  // ---- format-changing elements (GstBaseTransform's caps hooks) ----
  // True for an element whose output format differs from its input
  // (videoconvert, videoscale). Then a CAPS query crossing it is asked with
  // transform_caps() of the filter and its answer comes back transformed,
  // and a CAPS event on its sink pad waits until downstream's caps are known:
  // the actor asks the src pad's peer (filter: transform_caps(Sink, caps))
  // and hands the answer to set_peer_caps() before sink_event() sees the
  // event. Any thread for transform_caps (read only properties).
  virtual bool transforms_caps() const { return false; }
  // The caps on the other side of the element for `caps` on a pad of
  // `direction`. Default: the same caps.
  virtual Caps transform_caps(PadDirection direction, const Caps& caps) const {
    (void)direction;
    return caps;
  }
  // What the src pad's peer accepts, asked just before a CAPS event.
  virtual void set_peer_caps(Caps caps) { (void)caps; }

  // ---- hooks: called only by the element's own actor ----
  // Default: start() on READY->PAUSED, stop() on PAUSED->READY; SUCCESS.
  virtual StateChangeReturn change_state(StateChange change);
  virtual bool start() { return true; }
  virtual bool stop() { return true; }
  // Default: ERROR (an element with a sink pad must override it).
  virtual FlowReturn chain(const Pad& pad, Buffer buffer, Output& out);
  // Default: chain() each buffer in turn, stopping at the first non-OK.
  virtual FlowReturn chain_list(const Pad& pad, BufferList list, Output& out);
  // A downstream event on a sink pad. Default: forward it on every src pad.
  virtual bool sink_event(const Pad& pad, Event event, Output& out);
  // An upstream event on a src pad. Default: forward it on every sink pad;
  // the answer is true if any upstream element handled it.
  virtual bool src_event(const Pad& pad, Event event, Output& out);
  // An event the application sends to this element (gst_element_send_event).
  // Default: upstream events go out of every sink pad, downstream ones out of
  // every src pad.
  virtual bool send_event(Event event, Output& out);
  // A query on `pad` (upstream if it is a src pad, downstream if a sink
  // pad). Default: ACCEPT_CAPS is answered with accept_caps(); anything else
  // is forwarded out of the pads of the other direction. A forwarded CAPS
  // query comes back narrowed to pad_caps(pad) (proxy caps, as queue or tee
  // do); an element that changes the format answers CAPS itself.
  virtual QueryResult query(const Pad& pad, Query& query);
  // A query the pipeline asks this element (gst_element_query). Default:
  // Forward it upstream out of the sink pads (sinks) or NotHandled.
  virtual QueryResult element_query(Query& query);
  // After a forwarded query came back answered: add this element's part.
  virtual void query_answered(Query& query) { (void)query; }
  // An element able to provide the pipeline clock returns it here; it must be
  // created once (in the constructor): the pipeline reads it from its actor.
  virtual std::shared_ptr<Clock> provide_clock() const { return nullptr; }
  // The flow the pushes of one item combined to (FlowCombiner rules), before
  // it goes upstream; an element may soften it (tee: allow-not-linked).
  virtual FlowReturn adjust_flow(FlowReturn combined) { return combined; }
  // A decoupling element (queue) returns its limits: its src link then
  // stages items, upstream is answered on enqueue while not full, and the
  // staged items go downstream on their own (see runtime/staging.hpp).
  virtual StagingLimits staging_limits() const { return {}; }
  // Called by the actor after the staged level changed; `dropped` counts the
  // buffers a leaky queue dropped so far.
  virtual void staging_changed(const StagingLevel& level, std::uint64_t dropped) {
    (void)level;
    (void)dropped;
  }

  // ---- context ----
  ElementRuntime& runtime() { return runtime_; }
  const ElementRuntime& runtime() const { return runtime_; }
  State state() const { return runtime_.state; }
  // clock now - base_time while PLAYING, else kClockTimeNone.
  ClockTime running_time_now() const;
  void post(Message message) const;
  void post_error(const std::string& text, const std::string& debug = {}) const;
  void post_warning(const std::string& text, const std::string& debug = {}) const;
  void post_element_message(Structure structure) const;
  // "My latency changed": the pipeline queries and configures it again.
  void post_latency_message() const;
  // PROPERTY_NOTIFY for `property` of this element (pad empty) or of one of
  // its pads, if the application watches (Pipeline::add_property_deep_notify_watch).
  void notify_property(const std::string& pad, const std::string& property,
                       const std::string& value) const;
  // Any thread: the element's actor retries what it parked (see wake).
  void wake() const {
    if (auto w = runtime_.wake) w();
  }
  const DebugCategory& log_category() const { return *category_; }

 protected:
  const Pad& add_pad(const PadTemplate& templ, const std::string& name);
  // pad_caps() for elements with a Caps property ("caps" of capsfilter,
  // appsrc, appsink): the template's caps narrowed to the property's.
  Caps template_caps_within(const Pad& pad, const std::string& caps_property) const {
    return Element::pad_caps(pad).intersect(Caps::from_string(get<std::string>(caps_property)));
  }
  // Statistics: read-only properties the element updates. Look the index up
  // once (stat_index) when updating per buffer.
  std::size_t stat_index(const std::string& property) const {
    return properties_.index_of(property);
  }
  void set_stat(std::size_t index, Value value) {
    properties_.set_internal(index, std::move(value));
  }
  void set_stat(const std::string& property, Value value) {
    set_stat(stat_index(property), std::move(value));
  }
  // Makes a read-only uint64 property read `counter` (bind in the constructor).
  void bind_counter(const std::string& property, const std::atomic<std::uint64_t>& counter) {
    properties_.bind_counter(stat_index(property), &counter);
  }
  // True once after the application set any property since `*seen`: the
  // element reloads its cached settings (the hot path then takes no lock).
  bool settings_changed(std::uint64_t* seen) const {
    std::uint64_t now = properties_.generation() + 1;  // +1: a fresh `seen` of 0 always loads
    if (now == *seen) return false;
    *seen = now;
    return true;
  }

 private:
  const ElementClass* class_;
  std::string name_;
  PropertyStore properties_;
  std::vector<Pad> pads_;
  mutable std::mutex pads_mutex_;  // guards pads_ against other threads' snapshots
  unsigned next_request_index_ = 0;
  std::string not_negotiated_reason_;
  ElementRuntime runtime_;
  const DebugCategory* category_;
};

using ElementPtr = std::shared_ptr<Element>;

// Element::log helpers: GST_INFO_OBJECT and friends.
#define GSTMINI_ELEMENT_LOG(element, level, ...) \
  GSTMINI_LOG_OBJECT((element).log_category(), level, (element).name(), __VA_ARGS__)
#define GSTMINI_ERROR_OBJECT(e, ...) \
  GSTMINI_ELEMENT_LOG(e, ::gstmini::DebugLevel::Error, __VA_ARGS__)
#define GSTMINI_WARNING_OBJECT(e, ...) \
  GSTMINI_ELEMENT_LOG(e, ::gstmini::DebugLevel::Warning, __VA_ARGS__)
#define GSTMINI_INFO_OBJECT(e, ...) GSTMINI_ELEMENT_LOG(e, ::gstmini::DebugLevel::Info, __VA_ARGS__)
#define GSTMINI_DEBUG_OBJECT(e, ...) \
  GSTMINI_ELEMENT_LOG(e, ::gstmini::DebugLevel::Debug, __VA_ARGS__)
#define GSTMINI_LOG_OBJ(e, ...) GSTMINI_ELEMENT_LOG(e, ::gstmini::DebugLevel::Log, __VA_ARGS__)
#define GSTMINI_TRACE_OBJECT(e, ...) \
  GSTMINI_ELEMENT_LOG(e, ::gstmini::DebugLevel::Trace, __VA_ARGS__)

}  // namespace gstmini
