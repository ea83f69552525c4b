// Fan-out and join: several requests sent at once, their answers handed
// over together when the last one arrives.
//
//   auto join = AnswerJoin<bool>::make([](std::vector<bool>& answers) { ... });
//   for (peer : peers) join->ask<bool>(this, peer, SendEventMsg{event}, false, same);
//   join->start();  // with nothing asked, `done` runs here
//
// Answers are kept in request order, not arrival order, so a combined
// result (a CAPS intersection's field order, say) does not depend on which
// peer was faster. A request that fails (its peer died) counts with its
// fallback answer. Everything runs on the asking actor: continuations run
// between its messages, so no lock is needed, and none arrives before
// start() returns.
#pragma once

#include <caf/actor.hpp>
#include <caf/error.hpp>
#include <caf/fwd.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace gstmini::actors {

template <class Answer>
class AnswerJoin : public std::enable_shared_from_this<AnswerJoin<Answer>> {
 public:
  using Done = std::function<void(std::vector<Answer>&)>;

  static std::shared_ptr<AnswerJoin> make(Done done) {
    return std::shared_ptr<AnswerJoin>(new AnswerJoin(std::move(done)));
  }

  // Asks `peer` from `self` (no timeout: only a dead peer fails a request);
  // `convert` turns its Reply into this request's answer.
  template <class Reply, class Self, class Msg, class Convert>
  void ask(Self* self, const caf::actor& peer, Msg msg, Answer fallback, Convert convert) {
    const std::size_t slot = answers_.size();
    answers_.push_back(std::move(fallback));
    ++left_;
    auto join = this->shared_from_this();
    self->request(peer, caf::infinite, std::move(msg))
        .then([join, slot, convert](Reply& reply) { join->arrived(slot, convert(reply)); },
              [join](caf::error&) { join->arrived(); });
  }

  // After the last ask().
  void start() {
    started_ = true;
    finish_if_complete();
  }

 private:
  explicit AnswerJoin(Done done) : done_(std::move(done)) {}

  void arrived(std::size_t slot, Answer answer) {
    answers_[slot] = std::move(answer);
    arrived();
  }
  void arrived() {  // a failed request keeps its fallback
    --left_;
    finish_if_complete();
  }
  void finish_if_complete() {
    if (!started_ || left_ != 0 || !done_) return;
    Done done = std::move(done_);
    done_ = nullptr;
    done(answers_);
  }

  Done done_;
  std::vector<Answer> answers_;
  std::size_t left_ = 0;
  bool started_ = false;
};

}  // namespace gstmini::actors
