// Element states and the six transitions between neighbours (GstState,
// GstStateChange, GstStateChangeReturn).
//
// An element only ever moves one step at a time; the pipeline walks longer
// changes (NULL -> PLAYING is NULL->READY, READY->PAUSED, PAUSED->PLAYING).
#pragma once

namespace gstmini {

enum class State { VoidPending = 0, Null = 1, Ready = 2, Paused = 3, Playing = 4 };

enum class StateChange {
  NullToReady,
  ReadyToPaused,
  PausedToPlaying,
  PlayingToPaused,
  PausedToReady,
  ReadyToNull,
};

enum class StateChangeReturn { Failure = 0, Success = 1, Async = 2, NoPreroll = 3 };

// The neighbour of `current` one step toward `target` (current if equal).
State next_state(State current, State target);
StateChange transition(State from, State to);  // from and to must be neighbours
State transition_from(StateChange change);
State transition_to(StateChange change);

const char* to_string(State state);            // "NULL", "READY", "PAUSED", "PLAYING"
const char* to_string(StateChange change);     // "READY_TO_PAUSED"
const char* to_string(StateChangeReturn ret);  // "SUCCESS", "ASYNC", ...

}  // namespace gstmini
