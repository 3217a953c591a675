package io.github.litefs4j.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {
  @TempDir Path tmp;

  @Test
  void tailReturnsTheLastLinesWithoutTheFinalLineBreak() throws IOException {
    Path log = Files.writeString(tmp.resolve("a.log"), "one\ntwo\nthree\n");

    assertThat(LogFiles.tail(log, 2)).isEqualTo("two\nthree");
    assertThat(LogFiles.tail(log, 3)).isEqualTo("one\ntwo\nthree");
    assertThat(LogFiles.tail(log, 10)).isEqualTo("one\ntwo\nthree");
    assertThat(LogFiles.tail(log, 0)).isEmpty();
  }

  @Test
  void tailOfALastLineWithoutLineBreakIncludesIt() throws IOException {
    Path log = Files.writeString(tmp.resolve("a.log"), "one\ntwo");

    assertThat(LogFiles.tail(log, 1)).isEqualTo("two");
  }

  @Test
  void tailOfALogLargerThanOneChunkReadsBackFarEnough() throws IOException {
    String lines =
        IntStream.range(0, 5000)
            .mapToObj(i -> "line " + i + " " + "x".repeat(40))
            .collect(Collectors.joining("\n", "", "\n"));
    Path log = Files.writeString(tmp.resolve("big.log"), lines);

    String tail = LogFiles.tail(log, 300);

    assertThat(tail.split("\n")).hasSize(300);
    assertThat(tail).startsWith("line 4700 ").endsWith("line 4999 " + "x".repeat(40));
  }

  @Test
  void tailOfAMissingFileIsEmpty() {
    assertThat(LogFiles.tail(tmp.resolve("missing.log"), 5)).isEmpty();
  }

  @Test
  void negativeLineCountIsRejected() {
    assertThatThrownBy(() -> LogFiles.tail(tmp.resolve("x"), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lines must be >= 0: -1");
  }

  @Test
  void sinceReturnsWhatWasAppendedAfterTheOffset() throws IOException {
    Path log = Files.writeString(tmp.resolve("a.log"), "old run\n");
    long offset = LogFiles.size(log);
    Files.writeString(log, "new run\n", java.nio.file.StandardOpenOption.APPEND);

    assertThat(LogFiles.since(log, offset)).isEqualTo("new run\n");
    assertThat(LogFiles.since(log, LogFiles.size(log))).isEmpty();
    assertThat(LogFiles.size(tmp.resolve("missing"))).isZero();
  }
}
