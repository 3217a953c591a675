/**
 * litefs4j core: the LiteFS features that plain SQLite cannot reach.
 *
 * <p>Public API in {@code io.github.litefs4j}. Not exported: {@code io.github.litefs4j.spi}, the
 * contract the API calls, and {@code io.github.litefs4j.internal}, which implements it. The API
 * package imports only the contract, never {@code internal}.
 */
module io.github.litefs4j {
  requires com.sun.jna;
  requires java.net.http;
  requires com.fasterxml.jackson.core;

  exports io.github.litefs4j;

  // The API finds its implementation without importing it (see io.github.litefs4j.spi).
  uses io.github.litefs4j.spi.LiteFsRuntime;

  provides io.github.litefs4j.spi.LiteFsRuntime with
      io.github.litefs4j.internal.DefaultRuntime;
}
