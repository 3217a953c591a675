package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {

  private static List<String> drain(LineFramer framer) {
    List<String> lines = new ArrayList<>();
    while (framer.nextLine()) {
      lines.add(
          new String(
              framer.lineBytes(), framer.lineStart(), framer.lineLength(), StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsLinesAcrossChunkBoundaries() {
    LineFramer framer = new LineFramer(1024);
    List<String> lines = new ArrayList<>();
    for (String chunk : List.of("{\"a\"", ":1}\n{\"b\":2}\n{", "\"c\":3", "}\n")) {
      framer.append(bytes(chunk));
      lines.addAll(drain(framer));
    }
    assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    assertThat(framer.hasPartialLine()).isFalse();
  }

  @Test
  void keepsAPartialLineUntilItsNewlineArrives() {
    LineFramer framer = new LineFramer(1024);
    framer.append(bytes("{\"type\":"));
    assertThat(drain(framer)).isEmpty();
    assertThat(framer.partialLength()).isEqualTo(8);
    assertThat(framer.partialPrefix(4)).isEqualTo("{\"ty");
  }

  @Test
  void reportsALineOverTheLimitBeforeBufferingMuchMore() {
    LineFramer framer = new LineFramer(100);
    byte[] chunk = new byte[64];
    java.util.Arrays.fill(chunk, (byte) 'x');
    framer.append(ByteBuffer.wrap(chunk));
    assertThat(framer.nextLine()).isFalse();
    assertThat(framer.overLimit()).isFalse();
    framer.append(ByteBuffer.wrap(chunk));
    assertThat(framer.nextLine()).isFalse();
    assertThat(framer.overLimit()).isTrue();
    assertThat(framer.lineBytes().length).isLessThanOrEqualTo(100 + 8192);
  }

  @Test
  void reusesItsBufferForManySmallLines() {
    LineFramer framer = new LineFramer(1 << 20);
    int total = 0;
    for (int i = 0; i < 10_000; i++) {
      framer.append(bytes("{\"type\":\"tx\",\"n\":" + i + "}\n"));
      total += drain(framer).size();
    }
    assertThat(total).isEqualTo(10_000);
    assertThat(framer.lineBytes().length).isEqualTo(8192);
  }

  @Test
  void skipsBlankLinesAndReportsALongCompleteLine() {
    LineFramer framer = new LineFramer(8);
    framer.append(bytes("\n \t\r\n{\"a\":1}\n\r\n0123456789\n"));
    assertThat(framer.nextLine()).isTrue();
    assertThat(
            new String(
                framer.lineBytes(),
                framer.lineStart(),
                framer.lineLength(),
                StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}");
    assertThat(framer.lineTooLong()).isFalse();
    assertThat(framer.nextLine()).isTrue();
    assertThat(framer.lineLength()).isEqualTo(10);
    assertThat(framer.lineTooLong()).isTrue();
    assertThat(framer.nextLine()).isFalse();
  }
}
