package io.github.litefs4j.spring.internal;

import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.WriteRouting;

/**
 * Where a write goes, decided by core's {@link WriteRouting} from the {@link PrimaryState} the
 * monitor keeps (no HTTP call per request). The only file of the starter that knows core's routing
 * types. Immutable records.
 */
public sealed interface PrimaryRoute {

  /**
   * The route of a write request.
   *
   * @param state the node's current state
   * @return {@link Local} on the primary, {@link ToPrimary} on a connected replica, {@link
   *     NoPrimary} otherwise (also for a primary hostname that cannot go into a header or URL)
   */
  static PrimaryRoute forWrite(PrimaryState state) {
    WriteRouting.Decision decision;
    try {
      // The method rule was applied before (annotations included): "POST" stands for "a write".
      decision = WriteRouting.route("POST", state);
    } catch (IllegalArgumentException e) {
      return new NoPrimary(state, "the primary's hostname is unusable: " + e.getMessage());
    }
    if (decision instanceof WriteRouting.Decision.ReplayToPrimary replay) {
      return new ToPrimary(replay.hostname(), replay.headerValue());
    }
    if (decision instanceof WriteRouting.Decision.ServeLocally) {
      return new Local();
    }
    return new NoPrimary(state, "this replica knows no primary (role " + state.role() + ")");
  }

  /** This node is the primary: serve the write here. */
  record Local() implements PrimaryRoute {}

  /**
   * This node is a replica connected to {@code hostname}.
   *
   * @param hostname the primary's LiteFS hostname, validated (letters, digits, '.', '-', '_')
   * @param flyReplayValue the {@code fly-replay} header value naming it
   */
  record ToPrimary(String hostname, String flyReplayValue) implements PrimaryRoute {}

  /**
   * No primary is known (a disconnected replica, an election, LiteFS unreachable).
   *
   * @param state the state that led here
   * @param why a sentence for the answer and the log
   */
  record NoPrimary(PrimaryState state, String why) implements PrimaryRoute {}
}
