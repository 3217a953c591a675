package io.github.litefs4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the demo end to end on a real cluster, so that scripts/demo cannot rot. */
class DemoIT {

  @Test
  void demoRefusesPlainReplicaWriteAndCommitsThroughHaltOnBothNodes() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    new Demo(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
    String output = buffer.toString(StandardCharsets.UTF_8);

    assertThat(output)
        .contains("refused, as expected")
        .contains(
            "primary: [1:'hello from the primary'@node-0, 2:'hello from the replica, through HALT'@node-1]")
        .contains(
            "replica: [1:'hello from the primary'@node-0, 2:'hello from the replica, through HALT'@node-1]")
        .contains("node-0 (primary): 0 ms")
        .contains("done: no LiteFS mount left behind.");
  }
}
