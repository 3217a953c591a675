package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsing of {@code -pos} and {@code .primary}, on a directory laid out like a mount. */
class MountFilesTest {
  @TempDir Path tmp;
  FakeMount mount;

  @BeforeEach
  void setUp() {
    mount = new FakeMount(tmp);
  }

  @Test
  void positionReadsThePosFile() {
    mount.write("app.db-pos", "0000000000000002/e058fdf3a0a5272f\n");
    assertThat(LiteFS.position(mount.database("app.db")))
        .isEqualTo(Position.parse("0000000000000002/e058fdf3a0a5272f"));
  }

  @Test
  void positionOfAnAbsentDatabaseIsDatabaseNotFound() {
    assertThatThrownBy(() -> LiteFS.position(mount.database("nope.db")))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.DATABASE_NOT_FOUND)
        .hasMessageContaining("nope.db")
        .hasCauseInstanceOf(NoSuchFileException.class)
        .satisfies(
            e ->
                assertThat(((LiteFsMountException) e).path()).isEqualTo(mount.database("nope.db")));
  }

  @Test
  void positionOutsideAMountIsNotLiteFsMount() {
    Path notMount = tmp.resolve("plain");
    assertThatThrownBy(() -> LiteFS.position(notMount.resolve("app.db")))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.NOT_A_MOUNT)
        .hasMessageContaining(notMount.toString())
        .hasMessageContaining(".lag");
  }

  @Test
  void malformedPosFileIsMalformedFileQuotingTheContent() {
    mount.write("app.db-pos", "0000000000000002/e058fdf3a0a5272f"); // no newline
    assertThatThrownBy(() -> LiteFS.position(mount.database("app.db")))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.MALFORMED_FILE)
        .hasMessageContaining("app.db-pos")
        .hasMessageContaining("\"0000000000000002/e058fdf3a0a5272f\"");
    mount.write("app.db-pos", "garbage\r\n");
    assertThatThrownBy(() -> LiteFS.position(mount.database("app.db")))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.MALFORMED_FILE)
        .hasMessageContaining("\"garbage\\r\\n\"")
        .satisfies(
            e -> {
              LiteFsMountException m = (LiteFsMountException) e;
              assertThat(m.path()).isEqualTo(mount.database("app.db-pos"));
              assertThat(m.content()).contains("garbage\r\n");
            });
  }

  @Test
  void overlongPosFileIsMalformed() {
    mount.write("app.db-pos", "0".repeat(500));
    assertThatThrownBy(() -> LiteFS.position(mount.database("app.db")))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.MALFORMED_FILE);
  }

  @Test
  void primaryHostnameReadsTheFileWithoutItsNewline() {
    mount.write(".primary", "node-a\n");
    assertThat(LiteFS.primaryHostname(tmp)).contains("node-a");
  }

  @Test
  void primaryHostnameIsEmptyWithoutTheFile() {
    assertThat(LiteFS.primaryHostname(tmp)).isEmpty();
  }

  @Test
  void primaryHostnameOutsideAMountIsNotLiteFsMount() {
    assertThatThrownBy(() -> LiteFS.primaryHostname(tmp.resolve("plain")))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.NOT_A_MOUNT);
  }

  @Test
  void primaryFileWithBlanksOrControlCharactersIsMalformed() {
    for (String content : new String[] {"\n", "", "node a\n", "node-a\r\nx\n", "n\u0000\n"}) {
      mount.write(".primary", content);
      assertThatThrownBy(() -> LiteFS.primaryHostname(tmp))
          .as("content %s", content)
          .isInstanceOf(LiteFsMountException.class)
          .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.MALFORMED_FILE)
          .hasMessageContaining(".primary");
    }
  }
}
