package io.github.litefs4j.spring;

import java.time.Duration;

/**
 * {@code litefs.read-your-writes.*}: the {@code __txid} cookie set after writes and the wait on
 * reads. Part of {@link LiteFsProperties}; a mutable bean bound at startup.
 */
public class ReadYourWritesProperties {
  /** Whether writes set the __txid cookie and reads wait for it. */
  private boolean enabled = true;

  /** The longest a read waits for this node to reach the cookie's TXID. */
  private Duration maxWait = Duration.ofSeconds(5);

  /** What a read does when the wait runs out: unavailable (503) or serve-stale. */
  private ReadYourWritesFallback onTimeout = ReadYourWritesFallback.UNAVAILABLE;

  /** The cookie's lifetime (the LiteFS proxy uses 5 minutes). */
  private Duration cookieMaxAge = Duration.ofMinutes(5);

  /**
   * Whether writes set the __txid cookie and reads wait for it.
   *
   * @return the value of {@code litefs.read-your-writes.enabled}
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets {@code litefs.read-your-writes.enabled}.
   *
   * @param enabled the new value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The longest a read waits for this node to reach the cookie's TXID.
   *
   * @return the value of {@code litefs.read-your-writes.max-wait}
   */
  public Duration getMaxWait() {
    return maxWait;
  }

  /**
   * Sets {@code litefs.read-your-writes.max-wait}.
   *
   * @param maxWait the new value
   */
  public void setMaxWait(Duration maxWait) {
    this.maxWait = maxWait;
  }

  /**
   * What a read does when the wait runs out: unavailable (503) or serve-stale.
   *
   * @return the value of {@code litefs.read-your-writes.on-timeout}
   */
  public ReadYourWritesFallback getOnTimeout() {
    return onTimeout;
  }

  /**
   * Sets {@code litefs.read-your-writes.on-timeout}.
   *
   * @param onTimeout the new value
   */
  public void setOnTimeout(ReadYourWritesFallback onTimeout) {
    this.onTimeout = onTimeout;
  }

  /**
   * The cookie's lifetime (the LiteFS proxy uses 5 minutes).
   *
   * @return the value of {@code litefs.read-your-writes.cookie-max-age}
   */
  public Duration getCookieMaxAge() {
    return cookieMaxAge;
  }

  /**
   * Sets {@code litefs.read-your-writes.cookie-max-age}.
   *
   * @param cookieMaxAge the new value
   */
  public void setCookieMaxAge(Duration cookieMaxAge) {
    this.cookieMaxAge = cookieMaxAge;
  }
}
