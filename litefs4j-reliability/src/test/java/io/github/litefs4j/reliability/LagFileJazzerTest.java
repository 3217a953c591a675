package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Coverage-guided fuzzing of the {@code .lag} parser with Jazzer. Contract checked on every input:
 * the parser returns exactly what the independent oracle of {@link LagParserFuzzTest} says (a lag,
 * or {@code LiteFsMountException} with reason {@code NOT_REPLICATED} or {@code MALFORMED_FILE}
 * naming the file), never another exception; a lag written back as LiteFS writes it ({@code
 * %+010d\n}) parses to itself.
 *
 * <p>Runs the seed corpus ({@code src/test/resources/.../LagFileJazzerTestInputs}) in every test
 * run; fuzzes with {@code -Pfuzz} (see RELIABILITY.md).
 */
class LagFileJazzerTest {
  private static final Path FILE = Path.of("/litefs/.lag");

  @FuzzTest(maxDuration = "30s")
  void aLagFileParsesToItsLagOrATypedRefusal(byte[] bytes) {
    String content = new String(bytes, StandardCharsets.ISO_8859_1); // as the reader decodes it
    Object expected = LagParserFuzzTest.oracle(content);
    Duration lag;
    try {
      lag = CoreUnderTest.parseLag(FILE, content);
    } catch (RuntimeException e) {
      assertThat(e)
          .as("%s", Texts.printable(content))
          .matches(
              t -> expected instanceof LagParserFuzzTest.Refusal r && LagParserFuzzTest.is(r, t),
              "is the refusal the oracle expects: " + expected);
      assertThat(e.getMessage()).contains(FILE.toString());
      return;
    }
    assertThat(lag).as("%s", Texts.printable(content)).isEqualTo(expected);
    String written = String.format("%+010d\n", lag.toMillis());
    assertThat(CoreUnderTest.parseLag(FILE, written))
        .as("written back: %s", written)
        .isEqualTo(lag);
  }
}
