package io.github.litefs4j.spring.internal;

import io.github.litefs4j.spring.LiteFsProperties;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Checks the {@code litefs.*} properties when the context starts, so that a bad value fails the
 * startup with a message naming the property instead of surfacing at the first request. Stateless.
 */
public final class PropertiesCheck {
  private PropertiesCheck() {}

  /**
   * Checks the properties and returns the database path.
   *
   * @param properties the bound properties
   * @return the database path, {@code litefs.mount/litefs.database}
   * @throws IllegalStateException naming the first bad property
   */
  public static Path databasePath(LiteFsProperties properties) {
    String name = properties.getDatabase();
    if (name == null || name.isBlank()) {
      throw new IllegalStateException(
          "litefs.database is not set: name the database file in the LiteFS mount "
              + properties.getMount()
              + ", for example litefs.database=app.db");
    }
    if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
      throw new IllegalStateException(
          "litefs.database must be a file name in the mount, not a path: " + name);
    }
    positive("litefs.halt-timeout", properties.getHaltTimeout());
    positive("litefs.busy-timeout", properties.getBusyTimeout());
    positive("litefs.routing.retry-after", properties.getRouting().getRetryAfter());
    positive("litefs.routing.forward.timeout", properties.getRouting().getForward().getTimeout());
    positive(
        "litefs.routing.forward.connect-timeout",
        properties.getRouting().getForward().getConnectTimeout());
    positive("litefs.read-your-writes.max-wait", properties.getReadYourWrites().getMaxWait());
    positive(
        "litefs.read-your-writes.cookie-max-age", properties.getReadYourWrites().getCookieMaxAge());
    positive("litefs.flyway.timeout", properties.getFlyway().getTimeout());
    positive("litefs.health.max-lag", properties.getHealth().getMaxLag());
    return properties.getMount().resolve(name).toAbsolutePath().normalize();
  }

  private static void positive(String property, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalStateException(property + " must be a positive duration: " + value);
    }
  }
}
