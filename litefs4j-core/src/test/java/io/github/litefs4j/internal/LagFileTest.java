package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.LiteFsMountException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LagFileTest {
  private static final Path FILE = Path.of("/litefs/.lag");

  @TempDir Path dir;

  @Test
  void parsesTheLagLiteFsWrites() {
    assertThat(LagFile.parse(FILE, "+0000000038\n")).isEqualTo(Duration.ofMillis(38));
    assertThat(LagFile.parse(FILE, "+0000000000\n")).isEqualTo(Duration.ZERO);
    assertThat(LagFile.parse(FILE, "+0000001874\n")).isEqualTo(Duration.ofMillis(1874));
  }

  @Test
  void aNegativeLagFromClockSkewIsKeptNegative() {
    assertThat(LagFile.parse(FILE, "-0000000005\n")).isEqualTo(Duration.ofMillis(-5));
  }

  @Test
  void theNewlineIsOptional() {
    assertThat(LagFile.parse(FILE, "+0000000038")).isEqualTo(Duration.ofMillis(38));
    assertThat(LagFile.parse(FILE, "38")).isEqualTo(Duration.ofMillis(38));
  }

  @Test
  void aLagBeyondTenDigitsStillParses() {
    assertThat(LagFile.parse(FILE, "+30000000000\n")).isEqualTo(Duration.ofMillis(30_000_000_000L));
  }

  @Test
  void maxInt32MeansInitialReplicationHasNotFinished() {
    // 12 bytes: one more than the size LiteFS advertises for .lag.
    assertThatThrownBy(() -> LagFile.parse(FILE, "+2147483647\n"))
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> {
              assertThat(e.path()).isEqualTo(FILE);
              assertThat(e)
                  .hasMessageContaining("initial replication has not finished")
                  .hasMessageContaining("/litefs/.lag");
            });
    // Cut at the advertised size by a reader that trusts it.
    assertThatThrownBy(() -> LagFile.parse(FILE, "+2147483647"))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.NOT_REPLICATED);
  }

  @Test
  void maxInt32PlusOneIsJustALag() {
    assertThat(LagFile.parse(FILE, "+2147483648\n")).isEqualTo(Duration.ofMillis(2147483648L));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\n",
        "+",
        "-\n",
        "+00000000x8\n",
        "garbage",
        " +0000000038\n",
        "+0000000038 \n",
        "+0000000038\n\n",
        "+0000000038\r\n",
        "++0000000038\n",
        "1.5\n",
        "+99999999999999999999\n",
        "+9223372036854775808\n",
        "\u0000\u0001\u00ff"
      })
  void anythingElseIsMalformedAndQuoted(String content) {
    assertThatThrownBy(() -> LagFile.parse(FILE, content))
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> {
              assertThat(e.path()).isEqualTo(FILE);
              assertThat(e.content()).contains(content);
              assertThat(e.expected().orElseThrow()).contains("%+010d");
              assertThat(e).hasMessageContaining("/litefs/.lag");
            });
  }

  @Test
  void theMessageEscapesAndTruncatesWhatWasRead() {
    String content = "+00\u0007\n" + "x".repeat(500);
    assertThatThrownBy(() -> LagFile.parse(FILE, content))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.MALFORMED_FILE)
        .hasMessageContaining("\"+00\\u0007\\nxxx")
        .hasMessageContaining("(505 chars)")
        .hasMessageNotContaining("x".repeat(200));
  }

  @Test
  void theLargestLongParsesAndNothingBeyond() {
    assertThat(LagFile.parse(FILE, "+9223372036854775807\n"))
        .isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    assertThat(LagFile.parse(FILE, "-9223372036854775807\n"))
        .isEqualTo(Duration.ofMillis(-Long.MAX_VALUE));
  }

  @Test
  void readsTheLagOfAMountDirectoryAndOfADatabaseInIt() throws Exception {
    Files.writeString(dir.resolve(".lag"), "+0000000123\n");
    Path db = Files.createFile(dir.resolve("app.db"));

    assertThat(LagFile.read(dir)).isEqualTo(Duration.ofMillis(123));
    assertThat(LagFile.read(db)).isEqualTo(Duration.ofMillis(123));
    // A database that does not exist (yet) on this node has no lag: the mount's is not its answer.
    assertThatThrownBy(() -> LagFile.read(dir.resolve("other.db")))
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> assertThat(e.reason()).isEqualTo(LiteFsMountException.Reason.DATABASE_NOT_FOUND))
        .hasMessageContaining("other.db does not exist on this node");
  }

  @Test
  void readsToEndOfFileNotToTheAdvertisedSize() throws Exception {
    Files.write(dir.resolve(".lag"), "+2147483647\n".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> LagFile.read(dir))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.NOT_REPLICATED);
  }

  @Test
  void aHugeFileIsMalformedWithoutBeingReadWhole() throws Exception {
    Files.writeString(dir.resolve(".lag"), "1".repeat(1_000_000));

    assertThatThrownBy(() -> LagFile.read(dir))
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> assertThat(e.content().orElseThrow().length()).isLessThanOrEqualTo(65));
  }

  @Test
  void aDirectoryWithoutLagIsNotALiteFsMount() {
    assertThatThrownBy(() -> LagFile.read(dir))
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> {
              assertThat(e.path()).isEqualTo(dir);
              assertThat(e)
                  .hasMessageContaining("is not on a LiteFS mount")
                  .hasMessageContaining(dir.resolve(".lag").toString());
              assertThat(e.getCause()).isInstanceOf(java.nio.file.NoSuchFileException.class);
            });
  }
}
