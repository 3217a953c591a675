package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.HaltException;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.LiteFsTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages name the database and the state, and carry the typed values. */
class HaltErrorsTest {
  private static final Path DB = Path.of("/litefs/app.db");
  private static final Path LOCK = Path.of("/litefs/app.db-lock");
  private static final String SETLKW = "fcntl(F_OFD_SETLKW, F_WRLCK)";

  @TempDir Path dir;

  private static HaltException refused(int errno) {
    return (HaltException) HaltErrors.refused(DB, LOCK, new ErrnoException(SETLKW, errno, null));
  }

  @Test
  void haltExceptionNamesTheDatabaseTheCallAndTheErrno() {
    HaltException e = refused(5);

    assertThat(e)
        .isInstanceOf(LiteFsException.class)
        .hasMessageStartingWith(
            "HALT on /litefs/app.db: " + SETLKW + " failed with EIO (5): LiteFS failed the HALT");
    assertThat(e.reason()).isEqualTo(HaltException.Reason.ACQUIRE_FAILED);
    assertThat(e.database()).isEqualTo(DB);
    assertThat(e.errno()).hasValue(5);
    assertThat(e.errnoName()).contains("EIO");
    assertThat(e.heldFor()).isEmpty();
  }

  @Test
  void haltExceptionExplainsTheErrnosLiteFsAnswers() {
    assertThat(refused(5)).hasMessageContaining("no primary is reachable");
    assertThat(refused(38))
        .hasMessageContaining("ENOSYS (38)")
        .hasMessageContaining("only a blocking write lock on byte 72");
    assertThat(refused(22)).hasMessageContaining("EINVAL (22)");
    assertThat(refused(37)).hasMessageContaining("ENOLCK (37)");
    assertThat(refused(107).errnoName()).contains("ENOTCONN");
  }

  @Test
  void enoentIsAMountExceptionSayingWhetherTheMountOrTheDatabaseIsMissing() throws Exception {
    ErrnoException enoent = new ErrnoException("open(" + LOCK + ")", 2, null);
    assertThat(HaltErrors.refused(dir.resolve("app.db"), LOCK, enoent))
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LiteFsMountException.Reason.NOT_A_MOUNT);
              assertThat(e.path()).isEqualTo(dir);
            });

    Files.writeString(dir.resolve(".lag"), "+0000000001\n");
    Path db = dir.resolve("app.db");
    assertThat(HaltErrors.refused(db, dir.resolve("app.db-lock"), enoent))
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LiteFsMountException.Reason.DATABASE_NOT_FOUND);
              assertThat(e.path()).isEqualTo(db);
              assertThat(e).hasMessageContaining("database does not exist on this node");
            });
  }

  @Test
  void timeoutAndInterruptNameTheDatabaseAndWhatWasAwaited() {
    LiteFsTimeoutException t = HaltErrors.timedOut(DB, Duration.ofSeconds(2), "LiteFS");
    assertThat(t).hasMessage("no HALT on /litefs/app.db within PT2S: still waiting for LiteFS");
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(2));

    InterruptedException cause = new InterruptedException();
    LiteFsInterruptedException i = HaltErrors.interrupted(DB, "LiteFS", cause);
    assertThat(i)
        .hasMessage(
            "interrupted while waiting for LiteFS (HALT on /litefs/app.db); no HALT is held, the"
                + " interrupt flag is set again")
        .hasCause(cause);
  }

  @Test
  void unhaltExceptionSaysWhetherTheFunctionsWritesAreCommitted() {
    HaltException plain = HaltErrors.unhaltFailed(DB, 5, "EIO", Duration.ofSeconds(1), null);
    assertThat(plain).hasMessage("releasing the HALT on /litefs/app.db failed: EIO");
    assertThat(plain.reason()).isEqualTo(HaltException.Reason.UNHALT_FAILED);
    assertThat(plain.hasResult()).isFalse();
    assertThat(plain.result()).isNull();

    HaltException after = HaltErrors.unhaltFailedAfterSuccess(plain, 7);
    assertThat(after)
        .hasMessage(
            "the function run under the HALT on /litefs/app.db succeeded and its writes are"
                + " committed, but releasing the HALT failed: EIO (the function's result is in"
                + " HaltException.result())");
    assertThat(after.hasResult()).isTrue();
    assertThat(after.result()).isEqualTo(7);
    assertThat(after.errno()).hasValue(5);
    assertThat(after.heldFor()).contains(Duration.ofSeconds(1));

    HaltException noAnswer = HaltErrors.unhaltFailed(DB, 0, "no answer", Duration.ZERO, null);
    assertThat(noAnswer.errno()).isEmpty();
    assertThat(noAnswer.errnoName()).isEmpty();
  }

  @Test
  void expiredAndLostSayHowLongTheHaltWasHeld() {
    HaltException e = HaltErrors.expired(DB, Duration.ofSeconds(36), Duration.ofSeconds(30));
    assertThat(e.reason()).isEqualTo(HaltException.Reason.EXPIRED);
    assertThat(e)
        .hasMessageStartingWith(
            "the HALT on /litefs/app.db had been held for PT36S when the function failed, past"
                + " LiteFS's HALT TTL of PT30S");
    assertThat(e.heldFor()).contains(Duration.ofSeconds(36));

    HaltException lost = HaltErrors.lost(DB, Duration.ofSeconds(3));
    assertThat(lost.reason()).isEqualTo(HaltException.Reason.LOST);
    assertThat(lost.heldFor()).contains(Duration.ofSeconds(3));
  }

  @Test
  void notReplicatedNamesTheFile() {
    LiteFsMountException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            LiteFsMountException.class,
            () -> LagFile.parse(Path.of("/litefs/.lag"), "+2147483647\n"));
    assertThat(e)
        .hasMessageStartingWith(
            "initial replication has not finished on this node: /litefs/.lag reads +2147483647");
    assertThat(e.path()).isEqualTo(Path.of("/litefs/.lag"));
  }
}
