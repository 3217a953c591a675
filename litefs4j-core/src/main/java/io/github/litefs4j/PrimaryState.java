package io.github.litefs4j;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link PrimaryMonitor} knows about its node: the node's {@link Role}, the primary's
 * hostname when the node is a connected replica, and the error that made the state unknown.
 *
 * <pre>{@code
 * PrimaryState state = monitor.state();
 * switch (state.role()) {
 *   case PRIMARY -> writeLocally();
 *   case REPLICA -> forwardTo(state.primaryHostname().orElseThrow());
 *   case DISCONNECTED, UNKNOWN -> rejectWrite();
 * }
 * }</pre>
 *
 * @param role the node's role
 * @param primaryHostname the primary's hostname; present exactly when the role is {@link
 *     Role#REPLICA}
 * @param lastError for {@link Role#UNKNOWN}: the failure that makes the state unknown (the node
 *     unreachable, the stream broken; after {@link PrimaryMonitor#close()}, a {@link
 *     IllegalStateException}); empty before the first attempt and for the known roles
 */
public record PrimaryState(
    Role role, Optional<String> primaryHostname, Optional<LiteFsException> lastError) {

  /** The state before anything is known: {@link Role#UNKNOWN}, no hostname, no error. */
  public static final PrimaryState UNKNOWN =
      new PrimaryState(Role.UNKNOWN, Optional.empty(), Optional.empty());

  /** The role of the monitored node in the cluster. */
  public enum Role {
    /** The node holds the primary lease: writes go to it. */
    PRIMARY,
    /** The node is a replica connected to a primary, whose hostname is known. */
    REPLICA,
    /**
     * The node is a replica that knows no primary right now (the primary is down or unreachable, or
     * the replica has not connected yet). Writes cannot be forwarded.
     */
    DISCONNECTED,
    /**
     * The node's role is not known: no event has been received yet, or the node cannot be reached
     * (see {@link PrimaryState#lastError()}).
     */
    UNKNOWN
  }

  /**
   * Creates a state, checking that a hostname is present exactly for {@link Role#REPLICA} and an
   * error only for {@link Role#UNKNOWN}.
   *
   * @param role the node's role
   * @param primaryHostname the primary's hostname, present exactly for REPLICA
   * @param lastError the error, only for UNKNOWN
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the components do not fit together
   */
  public PrimaryState {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(primaryHostname, "primaryHostname");
    Objects.requireNonNull(lastError, "lastError");
    if ((role == Role.REPLICA) != primaryHostname.isPresent()) {
      throw new IllegalArgumentException(
          "a primary hostname is required for REPLICA and not allowed otherwise: "
              + role
              + " "
              + primaryHostname);
    }
    if (role != Role.UNKNOWN && lastError.isPresent()) {
      throw new IllegalArgumentException("only UNKNOWN carries an error: " + role);
    }
  }

  /**
   * The state of a node that holds the lease.
   *
   * @return a {@link Role#PRIMARY} state
   */
  public static PrimaryState primary() {
    return new PrimaryState(Role.PRIMARY, Optional.empty(), Optional.empty());
  }

  /**
   * The state of a replica connected to {@code primaryHostname}.
   *
   * @param primaryHostname the primary's hostname, not empty
   * @return a {@link Role#REPLICA} state
   * @throws IllegalArgumentException if the hostname is empty
   */
  public static PrimaryState replica(String primaryHostname) {
    if (primaryHostname.isEmpty()) {
      throw new IllegalArgumentException("primaryHostname must not be empty");
    }
    return new PrimaryState(Role.REPLICA, Optional.of(primaryHostname), Optional.empty());
  }

  /**
   * The state of a replica that knows no primary.
   *
   * @return a {@link Role#DISCONNECTED} state
   */
  public static PrimaryState disconnected() {
    return new PrimaryState(Role.DISCONNECTED, Optional.empty(), Optional.empty());
  }

  /**
   * An unknown state caused by {@code error}.
   *
   * @param error why the state is unknown
   * @return a {@link Role#UNKNOWN} state carrying the error
   */
  public static PrimaryState unknown(LiteFsException error) {
    return new PrimaryState(Role.UNKNOWN, Optional.empty(), Optional.of(error));
  }

  /**
   * The state a primary status event describes.
   *
   * @param event an {@link InitEvent} or {@link PrimaryChangeEvent}
   * @return PRIMARY, REPLICA with the event's hostname, or DISCONNECTED
   */
  public static PrimaryState of(Event.PrimaryStatus event) {
    if (event.isPrimary()) {
      return primary();
    }
    return event.primaryHostname().map(PrimaryState::replica).orElseGet(PrimaryState::disconnected);
  }

  /**
   * Whether the role is known (anything but {@link Role#UNKNOWN}).
   *
   * @return true for PRIMARY, REPLICA and DISCONNECTED
   */
  public boolean isKnown() {
    return role != Role.UNKNOWN;
  }

  /**
   * Whether this state describes the same role and primary as {@code other}, ignoring the error.
   *
   * @param other another state
   * @return true if role and hostname are equal
   */
  public boolean sameRoleAs(PrimaryState other) {
    return role == other.role && primaryHostname.equals(other.primaryHostname);
  }
}
