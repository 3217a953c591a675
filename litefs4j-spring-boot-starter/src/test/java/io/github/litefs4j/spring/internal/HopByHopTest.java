package io.github.litefs4j.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HopByHopTest {

  @Test
  void requestDropsHopByHopAndClientSetHeaders() {
    HopByHop hop = HopByHop.forRequest(List.of());
    for (String name :
        List.of(
            "Connection",
            "Keep-Alive",
            "Transfer-Encoding",
            "TE",
            "Upgrade",
            "Host",
            "Content-Length",
            "Expect",
            "Proxy-Authorization")) {
      assertThat(hop.drops(name)).as(name).isTrue();
    }
    assertThat(hop.drops("Content-Type")).isFalse();
    assertThat(hop.drops("Cookie")).isFalse();
    assertThat(hop.drops("Authorization")).isFalse();
  }

  @Test
  void headersNamedInConnectionAreDropped() {
    HopByHop hop = HopByHop.forRequest(List.of("close, X-Secret-Hop", " x-other "));
    assertThat(hop.drops("x-secret-hop")).isTrue();
    assertThat(hop.drops("X-Other")).isTrue();
    assertThat(hop.drops("X-Kept")).isFalse();
  }

  @Test
  void responseKeepsContentLength() {
    HopByHop hop = HopByHop.forResponse(List.of());
    assertThat(hop.drops("Content-Length")).isFalse();
    assertThat(hop.drops("Transfer-Encoding")).isTrue();
    assertThat(hop.drops(":status")).isTrue();
  }
}
