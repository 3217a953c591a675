/**
 * What litefs4j's own tests and benchmarks share, and nothing a user needs: {@link
 * io.github.litefs4j.testsupport.Sql} (plain sqlite-jdbc statements and reads), {@link
 * io.github.litefs4j.testsupport.FakeHttpServer} (a scripted loopback HTTP/1.1 server for the
 * faults a real LiteFS node cannot produce) and {@link io.github.litefs4j.testsupport.EventLines}
 * (event lines as LiteFS v0.5.14 writes them). The module depends on no litefs4j module, so that
 * every module's tests can use it; it is not published.
 */
package io.github.litefs4j.testsupport;
