package io.github.litefs4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.examples.dashboard.DemoApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the demo's scripted tour end to end on a real cluster, so that scripts/demo cannot rot. */
class DemoIT {

  @Test
  void tourHoldsEveryCheckAndLeavesNothingBehind() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int status = DemoApp.run(true, 0, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String output = buffer.toString(StandardCharsets.UTF_8);

    assertThat(status).as(output).isZero();
    assertThat(output)
        .contains("Dashboard: http://127.0.0.1:")
        .contains("has all")
        .containsPattern("Tour complete: all \\d+ checks held")
        .contains("stopped: no LiteFS process or mount left behind.")
        .doesNotContain("FAIL");
  }
}
