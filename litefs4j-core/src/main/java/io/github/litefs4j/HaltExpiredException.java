package io.github.litefs4j;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The function run by {@link LiteFS#withHalt} failed after the HALT had been held longer than
 * LiteFS's TTL: the primary had most likely dropped it. Added to the function's exception as a
 * suppressed exception; never thrown on its own by litefs4j.
 *
 * <p>LiteFS's primary records a HALT with a 30 s TTL, checks expiry every 5 s and never renews it,
 * so a HALT ends 30 to 35 s after it was granted whatever the replica does. The replica is not
 * told: it keeps forwarding commits, which the primary (LiteFS 0.5.x) applies without checking the
 * HALT, or which fail once the primary has committed something else. See {@link HaltLock}.
 */
public class HaltExpiredException extends HaltLostException {
  private static final long serialVersionUID = 1L;

  private final Duration ttl;

  /**
   * Creates the exception.
   *
   * @param database the database the HALT was for
   * @param heldFor how long the HALT had been held when the function failed
   * @param ttl the primary's HALT TTL
   */
  public HaltExpiredException(Path database, Duration heldFor, Duration ttl) {
    super(
        database,
        heldFor,
        "the HALT on "
            + database
            + " had been held for "
            + heldFor
            + " when the function failed, past LiteFS's HALT TTL of "
            + ttl
            + ": the primary drops a HALT 30 to 35 s after granting it, without renewal, so it had"
            + " most likely expired (keep work under a HALT well below the TTL)");
    this.ttl = ttl;
  }

  /**
   * The primary's HALT TTL that was passed.
   *
   * @return 30 s for LiteFS 0.5.x
   */
  public Duration ttl() {
    return ttl;
  }
}
