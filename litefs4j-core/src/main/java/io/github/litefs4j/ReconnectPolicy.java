package io.github.litefs4j;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a push subscription ({@link LiteFsClient#subscribe(EventListener, ReconnectPolicy)}) and a
 * {@link PrimaryMonitor} reconnect to the event stream. Immutable and thread-safe.
 *
 * <p><b>Backoff.</b> Every reconnect waits, whatever the reason (refused connection, HTTP error, a
 * stream that answered 200 and ended at once): the n-th consecutive failure waits between half and
 * all of {@code min(maxDelay, initialDelay * 2^(n-1))} ("equal jitter": the random half spreads
 * clients, the fixed half guarantees a floor, so a node that refuses at once is never hammered).
 * The count starts again once a stream delivered its {@link InitEvent}.
 *
 * <p><b>Idle timeout.</b> LiteFS sends no heartbeat: a healthy stream on a quiet cluster can be
 * silent for hours, so by default a silent stream is never dropped. A connection whose peer
 * vanished without closing it (a network partition towards a remote node) then goes unnoticed until
 * the next write on the cluster. Set {@link Builder#idleTimeout(Duration)} to reconnect after that
 * much silence (each reconnect is reported as a gap); for a node on the same host it is not needed.
 *
 * <pre>{@code
 * ReconnectPolicy policy = ReconnectPolicy.builder()
 *     .initialDelay(Duration.ofMillis(200))
 *     .maxDelay(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 */
public final class ReconnectPolicy {

  /** The defaults: initial delay 100 ms, maximum delay 5 s, no idle timeout. */
  public static final ReconnectPolicy DEFAULT = builder().build();

  private final Duration initialDelay;
  private final Duration maxDelay;
  private final Duration idleTimeout;

  private ReconnectPolicy(Builder builder) {
    this.initialDelay = builder.initialDelay;
    this.maxDelay = builder.maxDelay;
    this.idleTimeout = builder.idleTimeout;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The upper bound of the delay before the first retry.
   *
   * @return the initial delay
   */
  public Duration initialDelay() {
    return initialDelay;
  }

  /**
   * The upper bound of any delay between retries.
   *
   * @return the maximum delay
   */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * How long a stream may stay silent before it is dropped and reopened.
   *
   * @return the idle timeout; empty (the default) for none
   */
  public Optional<Duration> idleTimeout() {
    return Optional.ofNullable(idleTimeout);
  }

  @Override
  public String toString() {
    return "ReconnectPolicy[initialDelay="
        + initialDelay
        + ", maxDelay="
        + maxDelay
        + ", idleTimeout="
        + (idleTimeout == null ? "none" : idleTimeout)
        + "]";
  }

  /** Builds a {@link ReconnectPolicy}. Not thread-safe; {@link #build()} copies the values. */
  public static final class Builder {
    private Duration initialDelay = Duration.ofMillis(100);
    private Duration maxDelay = Duration.ofSeconds(5);
    private Duration idleTimeout;

    private Builder() {}

    /**
     * The upper bound of the delay before the first retry. Default 100 ms.
     *
     * @param delay a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder initialDelay(Duration delay) {
      this.initialDelay = positive("initialDelay", delay);
      return this;
    }

    /**
     * The upper bound of any delay between retries. Default 5 s.
     *
     * @param delay a positive duration, at least the initial delay (checked by {@link #build()})
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxDelay(Duration delay) {
      this.maxDelay = positive("maxDelay", delay);
      return this;
    }

    /**
     * Drop and reopen a stream that delivered nothing for this long. Off by default (see the class
     * description).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive("idleTimeout", timeout);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return an immutable policy
     * @throws IllegalArgumentException if the maximum delay is shorter than the initial delay
     */
    public ReconnectPolicy build() {
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException(
            "maxDelay must not be shorter than initialDelay: " + maxDelay + " < " + initialDelay);
      }
      return new ReconnectPolicy(this);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
