package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The client's configuration: defaults, the builder's checks, and copies through newBuilder. */
class LiteFsClientTest {
  private static final URI NODE = URI.create("http://127.0.0.1:20202");

  @Test
  void transfersAreUnboundedUnlessATransferTimeoutIsSet() {
    assertThat(LiteFsClient.create(NODE).transferTimeout()).isEmpty();
    assertThat(LiteFsClient.DEFAULT.transferTimeout()).isEmpty();

    LiteFsClient bounded =
        LiteFsClient.builder().baseUri(NODE).transferTimeout(Duration.ofMinutes(5)).build();
    assertThat(bounded.transferTimeout()).contains(Duration.ofMinutes(5));
  }

  @Test
  void newBuilderKeepsEveryTimeout() {
    LiteFsClient client =
        LiteFsClient.builder()
            .baseUri(NODE)
            .connectTimeout(Duration.ofSeconds(2))
            .requestTimeout(Duration.ofSeconds(3))
            .transferTimeout(Duration.ofSeconds(4))
            .build();

    LiteFsClient copy = client.newBuilder().header("X-Test", "1").build();

    assertThat(copy.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(copy.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(copy.transferTimeout()).contains(Duration.ofSeconds(4));
    assertThat(copy.headers()).containsEntry("X-Test", "1");
    assertThat(client.headers()).isEmpty();
  }

  @Test
  void aTransferTimeoutMustBePositive() {
    LiteFsClientBuilder builder = LiteFsClient.builder();
    assertThatThrownBy(() -> builder.transferTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transferTimeout");
    assertThatThrownBy(() -> builder.transferTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.transferTimeout(null))
        .isInstanceOf(NullPointerException.class);
  }
}
