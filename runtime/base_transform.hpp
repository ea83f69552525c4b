// Transform: one sink pad in, one src pad out (GstBaseTransform).
//
// In place: override transform_ip() to change a buffer (it is pushed on
// afterwards), or chain() itself to push several buffers or none.
//
// Format-changing (videoconvert, videoscale): return true from
// transforms_caps() and override transform_caps() (what each side can be
// for caps on the other), fixate_caps(), set_caps() and transform(). Then,
// as in basetransform:
//  - CAPS queries crossing the element are translated both ways (the actor
//    does it with transform_caps(), see Element);
//  - on a CAPS event, the output caps are chosen out of
//    transform_caps(Sink, caps) ∩ what downstream accepts, fixated by
//    fixate_caps(), and announced with set_caps(in, out); equal input and
//    output caps make the element passthrough: buffers go on untouched, no
//    copy and no transform() call;
//  - otherwise each buffer becomes a new one made by transform(), carrying
//    the input's timestamps, offsets and flags.
#pragma once

#include <string>

#include "runtime/element.hpp"

namespace gstmini {

class Transform : public Element {
 public:
  using Element::Element;

  // Return a non-OK flow to stop the stream; FlowReturn::Ok pushes `buffer`.
  virtual FlowReturn transform_ip(Buffer& buffer) {
    (void)buffer;
    return FlowReturn::Ok;
  }
  FlowReturn chain(const Pad& pad, Buffer buffer, Output& out) override;
  bool sink_event(const Pad& pad, Event event, Output& out) override;
  void set_peer_caps(Caps caps) override { peer_caps_ = std::move(caps); }

  // ---- format-changing transforms ----
  // One fixed output format out of `othercaps` (non-empty) for input `caps`.
  // Default: othercaps.fixate().
  virtual Caps fixate_caps(const Caps& caps, Caps othercaps) {
    (void)caps;
    return othercaps.fixate();
  }
  // Input and output are now `in` and `out` (both fixed). False refuses
  // them: the stream fails with not-negotiated.
  virtual bool set_caps(const Caps& in, const Caps& out) {
    (void)in;
    (void)out;
    return true;
  }
  // Makes `out` (an empty Buffer: allocate it) from `in`.
  virtual FlowReturn transform(const Buffer& in, Buffer& out) {
    (void)in;
    (void)out;
    return FlowReturn::NotSupported;
  }
  bool passthrough() const { return passthrough_; }
  // Whether the last CAPS event gave output caps.
  bool negotiated() const { return negotiated_; }
  const Caps& output_caps() const { return out_caps_; }

  // Resets the negotiated state; overrides call it.
  bool start() override;

 private:
  bool negotiate_output(const Caps& in, std::string* why);

  Caps peer_caps_ = Caps::any();
  Caps out_caps_;
  bool negotiated_ = false;
  bool passthrough_ = false;
  std::string refusal_;  // why the last CAPS event could not be turned into output caps
};

// The usual "sink" + "src" Always templates.
std::vector<PadTemplate> transform_pad_templates();

}  // namespace gstmini
