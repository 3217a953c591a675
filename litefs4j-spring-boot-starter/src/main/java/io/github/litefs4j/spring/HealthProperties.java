package io.github.litefs4j.spring;

import java.time.Duration;

/**
 * {@code litefs.health.*}: the Actuator health indicator. Part of {@link LiteFsProperties}; a
 * mutable bean bound at startup.
 */
public class HealthProperties {
  /** A replica lagging more than this is reported DOWN (the LiteFS proxy's max-lag is 10 s). */
  private Duration maxLag = Duration.ofSeconds(10);

  /**
   * A replica lagging more than this is reported DOWN (the LiteFS proxy's max-lag is 10 s).
   *
   * @return the value of {@code litefs.health.max-lag}
   */
  public Duration getMaxLag() {
    return maxLag;
  }

  /**
   * Sets {@code litefs.health.max-lag}.
   *
   * @param maxLag the new value
   */
  public void setMaxLag(Duration maxLag) {
    this.maxLag = maxLag;
  }
}
