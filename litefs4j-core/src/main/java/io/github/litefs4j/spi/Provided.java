package io.github.litefs4j.spi;

import java.util.ServiceLoader;

/** Finds the {@link LiteFsRuntime} once, when first used. */
final class Provided {
  static final LiteFsRuntime RUNTIME = load();

  private Provided() {}

  private static LiteFsRuntime load() {
    return ServiceLoader.load(LiteFsRuntime.class, LiteFsRuntime.class.getClassLoader())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no io.github.litefs4j.spi.LiteFsRuntime provider: the litefs4j-core jar is"
                        + " incomplete (META-INF/services or module-info lost in repackaging?)"));
  }
}
