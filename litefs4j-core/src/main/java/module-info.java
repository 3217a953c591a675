/**
 * litefs4j core: the LiteFS features that plain SQLite cannot reach.
 *
 * <p>Public API in {@code io.github.litefs4j}; {@code io.github.litefs4j.internal} is not exported.
 */
module io.github.litefs4j {
  requires com.sun.jna;
  requires java.net.http;
  requires com.fasterxml.jackson.core;

  exports io.github.litefs4j;
}
