// The closed set of messages between gstmini actors (CAF 0.17).
//
// On a link (upstream element actor -> downstream element actor):
//   ItemMsg       a buffer, a buffer list or a serialized event, in order.
//                 Every item is answered, in order, by a FlowMsg.
//   ItemBatchMsg  several ItemMsgs in one message: what the sender had
//                 ready in one handler run, up to its credit. The receiver
//                 handles them in order, as separate pushes; after the first
//                 non-OK result the batch's remaining buffers are not handled
//                 but answered with that result (a loop of pushes would have
//                 stopped there). Events in the batch still go through.
//   FlowMsg       the FlowReturn of `count` items going back upstream, and
//                 the receiver's credit: how many items the sender may have
//                 unanswered on the link from now on (0: unchanged).
// Tail-push delegation: an element whose lock-step item ends in exactly one
// push on a lock-step link (identity, a converter) hands its own answer
// down with the item (ItemMsg::answer_to) and is done with the item; the
// element that finally completes it answers the waiting sender directly,
// so a chain of N such elements costs N + 1 messages per buffer instead of
// 2N. The sender still gets its answer only when the whole chain has
// handled the buffer: GStreamer's call stack, with the returns skipped. The
// delegated push is not counted in flight: the sender's credit of 1 keeps
// the next item out of the chain until this one is answered.
// Credit is granted by the receiver (a link made with window 0, the
// default): a plain element grants 1 (lock-step: GStreamer's call stack as
// messages), a queue its free space, a leaky queue kMaxCredit, a sync=false
// sink in PLAYING up to kMaxCredit unless it asks upstream while rendering (runtime/pipeline.hpp;
// ElementActor::credit()). A link made with window N always grants N. The sender starts with
// credit 1. The receiver answers OK items together (one FlowMsg) once half its grant is owed, or at
// the end of a handler run when the sender has no credit left (all it may have unanswered is here,
// so it waits for us); anything else (a non-OK result, an event) goes at once, after what is owed,
// so answers stay in item order. Items and answers carry the link's epoch: the upstream side bumps
// it when it drops its in-flight items (stop, flush), so late answers from before are recognised
// and ignored instead of trusting message order across priorities. Epochs identify the link, not
// only the sender: the pipeline numbers every link it makes, and a link's epochs start at
// `link_epoch(id)` (the id in the high 32 bits, flushes counting in the low
// ones). Ids only grow, so after a relink nothing sent on an older link can
// match, or be mistaken for, the new link's items and answers, and the
// receiver starts the new link clean (not flushing, not EOS, nothing stale).
//
// Out of band on a link:
//   FlushMsg          FLUSH_START (high priority: overtakes queued items; it
//                     carries the link's new epoch, older items are dropped)
//                     or FLUSH_STOP (normal priority, in order; it carries
//                     the epoch of its FLUSH_START). Back-to-back flushes
//                     can arrive start, start, stop, stop: a FLUSH_STOP
//                     older than the last FLUSH_START is ignored, so the pad
//                     stays flushing until the last flush stops, and the
//                     element sees start, start, stop (a GStreamer pad too
//                     is flushing until the last FLUSH_STOP).
//   UpstreamEventMsg  SEEK / LATENCY / QOS / custom toward the source; request,
//                     answered true if some element upstream handled it.
//   QueryMsg          a query arriving on a pad; request, answered QueryReply.
//
// Control (pipeline actor -> element actor), answered by request/response:
//   ConnectSrcMsg / ConnectSinkMsg   wire one end of a link
//   DisconnectMsg                    unwire one end (either direction)
//   RequestPadMsg                    create a request pad; answers RequestPadReply
//   ChangeStateMsg                   one state step; answers StateChangeReturn
//   SendEventMsg                     an event from the application; answers bool
//   ElementQueryMsg                  a query to the element; answers QueryReply
//   BaseTimeMsg                      a new base time (after a flushing seek)
//   AttachStatsMsg                   flow statistics on (counters to publish)
// From element actor to pipeline actor: ElementEosMsg, AsyncDoneMsg,
// LatencyChangedMsg.
// From the clock's timer thread: ClockFiredMsg (a wake-up the actor asked for).
#pragma once

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "runtime/buffer.hpp"
#include "runtime/clock.hpp"
#include "runtime/element.hpp"
#include "runtime/event.hpp"
#include "runtime/flow.hpp"
#include "runtime/query.hpp"
#include "runtime/state.hpp"
#include "runtime/stats/flow_counters.hpp"

namespace gstmini::actors {

using Item = std::variant<Buffer, BufferList, Event>;

// Where the answer of a delegated item goes (tail-push delegation): the src
// pad, and its epoch, of the element up the lock-step chain that waits for
// it. Empty: the answer goes to the link's sender, as usual.
struct AnswerTo {
  caf::actor actor;
  std::uint32_t pad = 0;
  std::uint64_t epoch = 0;
};

struct ItemMsg {
  std::uint32_t pad;    // receiver's sink pad index
  std::uint64_t epoch;  // sender's link epoch, echoed in the answer
  std::uint16_t depth;  // position in the lock-step call chain (for the log)
  Item item;
  std::uint64_t sent_ns;  // flow statistics on: when it was sent, else 0
  AnswerTo answer_to;     // set: the sender delegated its answer (sent alone, never batched)
};

// Several items for one sink pad, in order (see the top of the file).
struct ItemBatchMsg {
  std::vector<ItemMsg> items;
};

struct FlowMsg {
  std::uint32_t pad;  // receiver's src pad index
  std::uint64_t epoch;
  FlowReturn ret;
  std::uint32_t count;   // items answered, all with `ret`
  std::uint32_t credit;  // unanswered items the sender may have from now on
};

// The first epoch of the link numbered `link_id` (see the top of the file).
constexpr std::uint64_t link_epoch(std::uint64_t link_id) { return link_id << 32; }
// The link an epoch belongs to.
constexpr std::uint64_t link_of(std::uint64_t epoch) { return epoch >> 32; }

struct ConnectSrcMsg {
  std::uint32_t pad;
  caf::actor peer;
  std::uint32_t peer_pad;
  std::string peer_name;  // "sink0:sink", for logs
  std::uint32_t window;   // items in flight; 0: as the receiver grants
  std::uint64_t epoch;    // link_epoch() of the new link
};

struct ConnectSinkMsg {
  std::uint32_t pad;
  caf::actor peer;
  std::uint32_t peer_pad;
  std::string peer_name;
  std::uint32_t window;  // the grant of a fixed window; 0: credit()
  std::uint64_t epoch;   // link_epoch() of the new link
};

// Creates a request pad (gst_element_request_pad); answers RequestPadReply.
struct RequestPadMsg {
  std::string template_name;
  std::string name;  // empty: the next free one
};
struct RequestPadReply {
  std::string error;
  Pad pad;
};

// Unlinks one end of a link.
struct DisconnectMsg {
  std::uint32_t pad;
};

struct ChangeStateMsg {
  StateChange change;
  ClockTime base_time;
  std::shared_ptr<Clock> clock;
};

struct FlushMsg {
  std::uint32_t pad;    // receiver's sink pad index
  bool start;           // FLUSH_START, else FLUSH_STOP
  std::uint64_t epoch;  // the sender's link epoch from now on
  bool reset_time;
};

struct UpstreamEventMsg {
  std::uint32_t pad;  // receiver's src pad index
  Event event;
};

struct SendEventMsg {
  Event event;
};

struct QueryMsg {
  std::uint32_t pad;  // receiver's pad index
  Query query;
};

struct ElementQueryMsg {
  Query query;
};

struct QueryReply {
  bool handled;
  Query query;
};

struct BaseTimeMsg {
  ClockTime base_time;
};

struct ClockFiredMsg {
  std::uint64_t token;
};

struct ElementEosMsg {
  std::string element;
};

struct LatencyChangedMsg {
  std::string element;
};

struct AsyncDoneMsg {
  std::string element;
};

// Turns on flow statistics in an element actor (runtime/stats/flow_counters.hpp).
struct AttachStatsMsg {
  std::shared_ptr<ElementCounters> counters;
};

using teardown_atom = caf::atom_constant<caf::atom("teardown")>;
using wake_atom = caf::atom_constant<caf::atom("wake")>;

}  // namespace gstmini::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::ItemMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::ItemBatchMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::AttachStatsMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::FlowMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::ConnectSrcMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::ConnectSinkMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::ChangeStateMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::DisconnectMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::RequestPadMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::RequestPadReply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::ClockFiredMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::FlushMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::UpstreamEventMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::SendEventMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::BaseTimeMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::QueryMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::ElementQueryMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::QueryReply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::ElementEosMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::AsyncDoneMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::actors::LatencyChangedMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(gstmini::StateChangeReturn)
