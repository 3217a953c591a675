package io.github.litefs4j.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.PositionWaiter;
import io.github.litefs4j.ReadYourWrites;
import io.github.litefs4j.spring.FakeMount;
import io.github.litefs4j.spring.ReadYourWritesFallback;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The __txid cookie in the LiteFS proxy's format, and the gate that reads it (on a fake mount). */
class TxidCookiesTest {
  @TempDir Path dir;

  private ReadYourWrites readYourWrites(long txid) {
    Path db = FakeMount.create(dir, "app.db", txid);
    return ReadYourWrites.builder(db)
        .maxWait(Duration.ofMillis(50))
        .waiter(PositionWaiter.polling())
        .build();
  }

  @Test
  void cookieHasTheProxysFormat() {
    TxidCookies cookies = new TxidCookies(readYourWrites(0xa3), Duration.ofMinutes(5));
    assertThat(cookies.afterWrite())
        .contains("__txid=00000000000000a3; Path=/; Max-Age=300; HttpOnly");
    assertThat(TxidCookies.txidOf(cookies.afterWrite().orElseThrow())).isEqualTo(0xa3);
  }

  @Test
  void filterSetsTheCookieOnAServedWriteBeforeTheBodyStarts() throws Exception {
    TxidCookieFilter filter =
        new TxidCookieFilter(new TxidCookies(readYourWrites(7), Duration.ofSeconds(60)));
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/entries");
    request.setAttribute(TxidCookieFilter.SERVED_WRITE, Boolean.TRUE);
    MockHttpServletResponse response = new MockHttpServletResponse();
    String[] seenWhenWriting = new String[1];
    filter.doFilter(
        request,
        response,
        new MockFilterChain(
            new jakarta.servlet.http.HttpServlet() {
              @Override
              protected void service(
                  jakarta.servlet.http.HttpServletRequest req,
                  jakarta.servlet.http.HttpServletResponse res)
                  throws java.io.IOException {
                res.getWriter().write("1");
                seenWhenWriting[0] = response.getHeader("Set-Cookie");
              }
            }));
    // (the mock response renders the cookie back with an Expires attribute of its own)
    assertThat(seenWhenWriting[0])
        .startsWith("__txid=0000000000000007; Path=/; Max-Age=60;")
        .endsWith("; HttpOnly");
    assertThat(response.getHeaders("Set-Cookie")).hasSize(1);
  }

  @Test
  void filterSetsNoCookieOnAReadOrAFailedWrite() throws Exception {
    TxidCookieFilter filter =
        new TxidCookieFilter(new TxidCookies(readYourWrites(7), Duration.ofSeconds(60)));
    MockHttpServletResponse read = new MockHttpServletResponse();
    filter.doFilter(new MockHttpServletRequest("GET", "/x"), read, new MockFilterChain());
    assertThat(read.getHeader("Set-Cookie")).isNull();

    MockHttpServletRequest failed = new MockHttpServletRequest("POST", "/x");
    failed.setAttribute(TxidCookieFilter.SERVED_WRITE, Boolean.TRUE);
    MockHttpServletResponse failedResponse = new MockHttpServletResponse();
    failedResponse.setStatus(409);
    filter.doFilter(failed, failedResponse, new MockFilterChain());
    assertThat(failedResponse.getHeader("Set-Cookie")).isNull();
  }

  @Test
  void readWithAReachedCookieIsServed() throws Exception {
    ReadYourWritesGate gate = gate(readYourWrites(10), ReadYourWritesFallback.UNAVAILABLE);
    MockHttpServletRequest request = readWithCookie("__txid=000000000000000a");
    assertThat(gate.beforeRead(request, new MockHttpServletResponse())).isTrue();
  }

  @Test
  void readAheadOfThisNodeAnswers503AfterTheCap() throws Exception {
    ReadYourWritesGate gate = gate(readYourWrites(10), ReadYourWritesFallback.UNAVAILABLE);
    MockHttpServletResponse response = new MockHttpServletResponse();
    assertThat(gate.beforeRead(readWithCookie("a=1; __txid=000000000000000b"), response)).isFalse();
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
  }

  @Test
  void readAheadOfThisNodeIsServedStaleWhenConfigured() throws Exception {
    ReadYourWritesGate gate = gate(readYourWrites(10), ReadYourWritesFallback.SERVE_STALE);
    MockHttpServletResponse response = new MockHttpServletResponse();
    assertThat(gate.beforeRead(readWithCookie("__txid=000000000000000b"), response)).isTrue();
    assertThat(response.getHeader("LiteFs-Stale")).isEqualTo("true");
  }

  @Test
  void malformedCookieAnswers400AndDeletesIt() throws Exception {
    ReadYourWritesGate gate = gate(readYourWrites(10), ReadYourWritesFallback.UNAVAILABLE);
    MockHttpServletResponse response = new MockHttpServletResponse();
    assertThat(gate.beforeRead(readWithCookie("__txid=<script>"), response)).isFalse();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getCookie("__txid")).satisfies(c -> assertThat(c.getMaxAge()).isZero());
    assertThat(TxidCookies.expired()).isEqualTo("__txid=; Path=/; Max-Age=0; HttpOnly");
  }

  private static ReadYourWritesGate gate(ReadYourWrites ryw, ReadYourWritesFallback fallback) {
    return new ReadYourWritesGate(ryw, fallback, Duration.ofSeconds(1), RoutingObserver.NOOP);
  }

  private static MockHttpServletRequest readWithCookie(String cookie) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/entries/1");
    request.addHeader("Cookie", cookie);
    return request;
  }
}
