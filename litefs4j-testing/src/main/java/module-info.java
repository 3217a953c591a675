/**
 * litefs4j testing: a real LiteFS cluster (real {@code litefs} processes on real FUSE mounts) for
 * tests, with a JUnit 5 extension.
 *
 * <p>Public API in {@code io.github.litefs4j.testing}; {@code io.github.litefs4j.testing.internal}
 * is not exported. JUnit is optional: only {@link io.github.litefs4j.testing.LiteFsClusterTest} and
 * {@link io.github.litefs4j.testing.LiteFsClusterExtension} need it.
 */
module io.github.litefs4j.testing {
  requires java.net.http;
  requires static transitive org.junit.jupiter.api;

  exports io.github.litefs4j.testing;
}
