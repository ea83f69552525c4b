#include "runtime/state.hpp"

namespace gstmini {

State next_state(State current, State target) {
  int c = static_cast<int>(current), t = static_cast<int>(target);
  if (c == t) return current;
  return static_cast<State>(c < t ? c + 1 : c - 1);
}

StateChange transition(State from, State to) {
  switch (from) {
    case State::Null:
      return StateChange::NullToReady;
    case State::Ready:
      return to == State::Paused ? StateChange::ReadyToPaused : StateChange::ReadyToNull;
    case State::Paused:
      return to == State::Playing ? StateChange::PausedToPlaying : StateChange::PausedToReady;
    default:
      return StateChange::PlayingToPaused;
  }
}

State transition_from(StateChange change) {
  switch (change) {
    case StateChange::NullToReady:
      return State::Null;
    case StateChange::ReadyToPaused:
    case StateChange::ReadyToNull:
      return State::Ready;
    case StateChange::PausedToPlaying:
    case StateChange::PausedToReady:
      return State::Paused;
    case StateChange::PlayingToPaused:
      return State::Playing;
  }
  return State::VoidPending;
}

State transition_to(StateChange change) {
  switch (change) {
    case StateChange::NullToReady:
    case StateChange::PausedToReady:
      return State::Ready;
    case StateChange::ReadyToPaused:
    case StateChange::PlayingToPaused:
      return State::Paused;
    case StateChange::PausedToPlaying:
      return State::Playing;
    case StateChange::ReadyToNull:
      return State::Null;
  }
  return State::VoidPending;
}

const char* to_string(State state) {
  switch (state) {
    case State::VoidPending:
      return "VOID_PENDING";
    case State::Null:
      return "NULL";
    case State::Ready:
      return "READY";
    case State::Paused:
      return "PAUSED";
    case State::Playing:
      return "PLAYING";
  }
  return "?";
}

const char* to_string(StateChange change) {
  switch (change) {
    case StateChange::NullToReady:
      return "NULL_TO_READY";
    case StateChange::ReadyToPaused:
      return "READY_TO_PAUSED";
    case StateChange::PausedToPlaying:
      return "PAUSED_TO_PLAYING";
    case StateChange::PlayingToPaused:
      return "PLAYING_TO_PAUSED";
    case StateChange::PausedToReady:
      return "PAUSED_TO_READY";
    case StateChange::ReadyToNull:
      return "READY_TO_NULL";
  }
  return "?";
}

const char* to_string(StateChangeReturn ret) {
  switch (ret) {
    case StateChangeReturn::Failure:
      return "FAILURE";
    case StateChangeReturn::Success:
      return "SUCCESS";
    case StateChangeReturn::Async:
      return "ASYNC";
    case StateChangeReturn::NoPreroll:
      return "NO_PREROLL";
  }
  return "?";
}

}  // namespace gstmini
