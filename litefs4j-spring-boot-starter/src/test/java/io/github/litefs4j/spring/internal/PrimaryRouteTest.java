package io.github.litefs4j.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.PrimaryState;
import org.junit.jupiter.api.Test;

class PrimaryRouteTest {

  @Test
  void primaryServesWritesLocally() {
    assertThat(PrimaryRoute.forWrite(PrimaryState.primary()))
        .isInstanceOf(PrimaryRoute.Local.class);
  }

  @Test
  void connectedReplicaSendsWritesToItsPrimary() {
    assertThat(PrimaryRoute.forWrite(PrimaryState.replica("node-0")))
        .isEqualTo(new PrimaryRoute.ToPrimary("node-0", "instance=node-0"));
  }

  @Test
  void disconnectedReplicaHasNoPrimary() {
    assertThat(PrimaryRoute.forWrite(PrimaryState.disconnected()))
        .isInstanceOfSatisfying(
            PrimaryRoute.NoPrimary.class, n -> assertThat(n.why()).contains("DISCONNECTED"));
  }

  @Test
  void unknownStateHasNoPrimary() {
    PrimaryState unknown = PrimaryState.unknown(new LiteFsException("connection refused"));
    assertThat(PrimaryRoute.forWrite(unknown)).isInstanceOf(PrimaryRoute.NoPrimary.class);
  }

  @Test
  void hostnameThatCouldInjectAHeaderIsNotRoutedTo() {
    assertThat(PrimaryRoute.forWrite(PrimaryState.replica("evil\r\nSet-Cookie: x=1")))
        .isInstanceOfSatisfying(
            PrimaryRoute.NoPrimary.class, n -> assertThat(n.why()).contains("unusable"));
  }
}
