package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Messages name the database and the state, and carry the typed values. */
class HaltExceptionsTest {
  private static final Path DB = Path.of("/litefs/app.db");

  @Test
  void haltExceptionNamesTheDatabaseTheCallAndTheErrno() {
    HaltException e = new HaltException(DB, "open(/litefs/app.db-lock)", 2, null);

    assertThat(e)
        .isInstanceOf(LiteFsException.class)
        .hasMessage(
            "HALT on /litefs/app.db: open(/litefs/app.db-lock) failed with ENOENT (2): database"
                + " does not exist on this node (or the path is not on a LiteFS mount)");
    assertThat(e.database()).isEqualTo(DB);
    assertThat(e.errno()).isEqualTo(2);
    assertThat(e.errnoName()).isEqualTo("ENOENT");
    assertThat(e.operation()).isEqualTo("open(/litefs/app.db-lock)");
  }

  @Test
  void haltExceptionExplainsTheErrnosLiteFsAnswers() {
    String op = "fcntl(F_OFD_SETLKW, F_WRLCK)";
    assertThat(new HaltException(DB, op, 5, null))
        .hasMessageContaining("EIO (5): LiteFS failed the HALT")
        .hasMessageContaining("no primary is reachable");
    assertThat(new HaltException(DB, op, 38, null))
        .hasMessageContaining("ENOSYS (38)")
        .hasMessageContaining("only a blocking write lock on byte 72");
    assertThat(new HaltException(DB, op, 22, null)).hasMessageContaining("EINVAL (22)");
    assertThat(new HaltException(DB, op, 37, null)).hasMessageContaining("ENOLCK (37)");
    assertThat(new HaltException(DB, op, 107, null).errnoName()).isEqualTo("ENOTCONN");
  }

  @Test
  void timeoutAndInterruptNameTheDatabaseAndWhatWasAwaited() {
    HaltTimeoutException t = new HaltTimeoutException(DB, Duration.ofSeconds(2), "LiteFS");
    assertThat(t)
        .isInstanceOf(LiteFsTimeoutException.class)
        .hasMessage("no HALT on /litefs/app.db within PT2S: still waiting for LiteFS");
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(t.database()).isEqualTo(DB);

    InterruptedException cause = new InterruptedException();
    HaltInterruptedException i = new HaltInterruptedException(DB, "LiteFS", cause);
    assertThat(i)
        .isInstanceOf(LiteFsInterruptedException.class)
        .hasMessage(
            "interrupted while waiting for LiteFS (HALT on /litefs/app.db); no HALT is held, the"
                + " interrupt flag is set again")
        .hasCause(cause);
  }

  @Test
  void unhaltExceptionSaysWhetherTheFunctionsWritesAreCommitted() {
    UnhaltException plain = new UnhaltException(DB, OptionalInt.of(5), "EIO", null);
    assertThat(plain).hasMessage("releasing the HALT on /litefs/app.db failed: EIO");
    assertThat(plain.hasResult()).isFalse();
    assertThat(plain.result()).isNull();

    UnhaltException after = new UnhaltException(plain, 7);
    assertThat(after)
        .hasMessage(
            "the function run under the HALT on /litefs/app.db succeeded and its writes are"
                + " committed, but releasing the HALT failed: EIO (the function's result is in"
                + " UnhaltException.result())");
    assertThat(after.hasResult()).isTrue();
    assertThat(after.result()).isEqualTo(7);
    assertThat(after.errno()).hasValue(5);

    UnhaltException noAnswer = new UnhaltException(DB, OptionalInt.empty(), "no answer", null);
    assertThat(noAnswer.errno()).isEmpty();
    assertThat(noAnswer.errnoName()).isEmpty();
  }

  @Test
  void expiredAndLostSayHowLongTheHaltWasHeld() {
    HaltExpiredException e =
        new HaltExpiredException(DB, Duration.ofSeconds(36), Duration.ofSeconds(30));
    assertThat(e)
        .isInstanceOf(HaltLostException.class)
        .hasMessageStartingWith(
            "the HALT on /litefs/app.db had been held for PT36S when the function failed, past"
                + " LiteFS's HALT TTL of PT30S");
    assertThat(e.heldFor()).isEqualTo(Duration.ofSeconds(36));
    assertThat(e.ttl()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void notReplicatedNamesTheFile() {
    NotReplicatedException e = new NotReplicatedException(Path.of("/litefs/.lag"));
    assertThat(e)
        .hasMessageStartingWith(
            "initial replication has not finished on this node: /litefs/.lag reads +2147483647");
    assertThat(e.file()).isEqualTo(Path.of("/litefs/.lag"));
  }
}
