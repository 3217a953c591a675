package io.github.litefs4j.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code litefs.routing.*}: what a replica does with write requests. Part of {@link
 * LiteFsProperties}; a mutable bean bound at startup.
 */
public class RoutingProperties {
  /** Whether write requests on a replica are routed at all. */
  private boolean enabled = true;

  /** What a replica does with a write request: fly-replay, forward, halt or refuse. */
  private RoutingMode mode = RoutingMode.REFUSE;

  /** The Retry-After of every 503 the starter answers (whole seconds, rounded up). */
  private Duration retryAfter = Duration.ofSeconds(1);

  /** Where and how mode forward proxies writes. */
  @NestedConfigurationProperty private final ForwardProperties forward = new ForwardProperties();

  /**
   * Whether write requests on a replica are routed at all.
   *
   * @return the value of {@code litefs.routing.enabled}
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets {@code litefs.routing.enabled}.
   *
   * @param enabled the new value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * What a replica does with a write request: fly-replay, forward, halt or refuse.
   *
   * @return the value of {@code litefs.routing.mode}
   */
  public RoutingMode getMode() {
    return mode;
  }

  /**
   * Sets {@code litefs.routing.mode}.
   *
   * @param mode the new value
   */
  public void setMode(RoutingMode mode) {
    this.mode = mode;
  }

  /**
   * The Retry-After of every 503 the starter answers (whole seconds, rounded up).
   *
   * @return the value of {@code litefs.routing.retry-after}
   */
  public Duration getRetryAfter() {
    return retryAfter;
  }

  /**
   * Sets {@code litefs.routing.retry-after}.
   *
   * @param retryAfter the new value
   */
  public void setRetryAfter(Duration retryAfter) {
    this.retryAfter = retryAfter;
  }

  /**
   * Where and how mode forward proxies writes.
   *
   * @return the value of {@code litefs.routing.forward}
   */
  public ForwardProperties getForward() {
    return forward;
  }
}
