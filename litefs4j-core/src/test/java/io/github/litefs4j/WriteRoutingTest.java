package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.WriteRouting.Decision.NoPrimary;
import io.github.litefs4j.WriteRouting.Decision.ReplayToPrimary;
import io.github.litefs4j.WriteRouting.Decision.ServeLocally;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WriteRoutingTest {
  private static final Optional<String> PRIMARY = Optional.of("node-0");

  @ParameterizedTest
  @ValueSource(strings = {"GET", "HEAD"})
  void readsAreServedLocallyOnEveryNode(String method) {
    ServeLocally read = new ServeLocally(ServeLocally.Reason.READ);
    assertThat(WriteRouting.route(method, false, PRIMARY)).isEqualTo(read);
    assertThat(WriteRouting.route(method, false, Optional.empty())).isEqualTo(read);
    assertThat(WriteRouting.route(method, true, Optional.empty())).isEqualTo(read);
    assertThat(WriteRouting.isWrite(method)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "get", "Head"})
  void everyOtherMethodIsAWriteAsInTheProxy(String method) {
    assertThat(WriteRouting.isWrite(method)).isTrue();
    assertThat(WriteRouting.route(method, true, Optional.empty()))
        .isEqualTo(new ServeLocally(ServeLocally.Reason.PRIMARY));
  }

  @Test
  void aWriteOnAConnectedReplicaIsReplayedOnThePrimary() {
    WriteRouting.Decision decision = WriteRouting.route("POST", false, PRIMARY);
    assertThat(decision).isEqualTo(new ReplayToPrimary("node-0"));
    ReplayToPrimary replay = (ReplayToPrimary) decision;
    assertThat(replay.headerName()).isEqualTo("fly-replay");
    assertThat(replay.headerValue()).isEqualTo("instance=node-0");
  }

  @Test
  void aWriteOnAReplicaWithoutPrimaryIsNoPrimary() {
    assertThat(WriteRouting.route("POST", false, Optional.empty())).isEqualTo(new NoPrimary());
    assertThat(WriteRouting.route("POST", false, Optional.of(""))).isEqualTo(new NoPrimary());
    assertThat(new NoPrimary().status()).isEqualTo(503);
  }

  @Test
  void routesFromNodeInfo() {
    NodeInfo replica =
        new NodeInfo(
            Optional.empty(), Optional.empty(), false, false, "/data", Optional.of("fly-1234abcd"));
    NodeInfo disconnected =
        new NodeInfo(Optional.empty(), Optional.empty(), false, false, "/data", Optional.empty());
    NodeInfo primary =
        new NodeInfo(Optional.empty(), Optional.empty(), true, true, "/data", Optional.of("me"));
    assertThat(WriteRouting.route("DELETE", replica))
        .isEqualTo(new ReplayToPrimary("fly-1234abcd"));
    assertThat(WriteRouting.route("DELETE", disconnected)).isEqualTo(new NoPrimary());
    assertThat(WriteRouting.route("DELETE", primary))
        .isEqualTo(new ServeLocally(ServeLocally.Reason.PRIMARY));
  }

  @Test
  void routesFromAPrimaryMonitorsState() {
    assertThat(WriteRouting.route("POST", PrimaryState.primary()))
        .isEqualTo(new ServeLocally(ServeLocally.Reason.PRIMARY));
    assertThat(WriteRouting.route("POST", PrimaryState.replica("node-0")))
        .isEqualTo(new ReplayToPrimary("node-0"));
    assertThat(WriteRouting.route("POST", PrimaryState.disconnected())).isEqualTo(new NoPrimary());
    assertThat(WriteRouting.route("POST", PrimaryState.UNKNOWN)).isEqualTo(new NoPrimary());
    assertThat(WriteRouting.route("HEAD", PrimaryState.UNKNOWN))
        .isEqualTo(new ServeLocally(ServeLocally.Reason.READ));
    assertThatThrownBy(() -> WriteRouting.route("POST", PrimaryState.replica("a\r\nb: c")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "node-0\r\nSet-Cookie: admin=1",
        "node-0\nX: y",
        "node-0\r",
        "node 0",
        "node-0;region=ams",
        "node-0,instance=evil",
        "node-0\"",
        "node-0\t",
        "node\u0000",
        "node\u007f",
        "n\u00f6de",
        "node-0\u2028",
        "instance=node-0"
      })
  void hostnamesThatCouldInjectAHeaderAreRejected(String hostname) {
    assertThatThrownBy(() -> WriteRouting.route("POST", false, Optional.of(hostname)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fly-replay")
        .hasMessageNotContaining("\r")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> new ReplayToPrimary(hostname))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overlongAndEmptyHostnamesAreRejected() {
    assertThatThrownBy(() -> new ReplayToPrimary("a".repeat(254)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("253");
    assertThat(new ReplayToPrimary("a".repeat(253)).hostname()).hasSize(253);
    assertThatThrownBy(() -> new ReplayToPrimary("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReplayToPrimary(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fqdnsAndFlyMachineIdsAreAccepted() {
    assertThat(new ReplayToPrimary("3d8d9e1a2b3c4d.vm.my-app.internal").headerValue())
        .isEqualTo("instance=3d8d9e1a2b3c4d.vm.my-app.internal");
    assertThat(new ReplayToPrimary("node_1").hostname()).isEqualTo("node_1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "GET ", "PO ST", "GET\r\n", "G\u00c9T"})
  void malformedMethodsAreRejected(String method) {
    assertThatThrownBy(() -> WriteRouting.route(method, true, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReadOnAReplicaWithAnUnsafeHostnameIsStillServed() {
    // The hostname only matters when a replay is due.
    assertThat(WriteRouting.route("GET", false, Optional.of("evil\r\nX: 1")))
        .isEqualTo(new ServeLocally(ServeLocally.Reason.READ));
  }
}
