package io.github.litefs4j.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqliteErrorsTest {

  private static SQLiteException sqlite(SQLiteErrorCode code) {
    return new SQLiteException("[" + code.name() + "]", code);
  }

  @Test
  void busyAndLockedAreFoundThroughWrappers() {
    RuntimeException wrapped =
        new RuntimeException(
            "flyway", new SQLException("outer", sqlite(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)));
    assertThat(SqliteErrors.isBusy(wrapped)).isTrue();
    assertThat(SqliteErrors.isBusy(sqlite(SQLiteErrorCode.SQLITE_LOCKED))).isTrue();
    assertThat(SqliteErrors.isBusy(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT))).isFalse();
    assertThat(SqliteErrors.isBusy(new RuntimeException("no SQL at all"))).isFalse();
  }

  @Test
  void replicaRefusalsAreReadOnlyAndWalWriteErrorsOnly() {
    assertThat(SqliteErrors.mayBeReplicaRefusal(sqlite(SQLiteErrorCode.SQLITE_READONLY_DIRECTORY)))
        .isTrue();
    assertThat(SqliteErrors.isReadOnly(sqlite(SQLiteErrorCode.SQLITE_READONLY_DIRECTORY))).isTrue();
    assertThat(SqliteErrors.mayBeReplicaRefusal(sqlite(SQLiteErrorCode.SQLITE_IOERR_WRITE)))
        .isTrue();
    assertThat(SqliteErrors.isReadOnly(sqlite(SQLiteErrorCode.SQLITE_IOERR_WRITE))).isFalse();
    assertThat(SqliteErrors.mayBeReplicaRefusal(sqlite(SQLiteErrorCode.SQLITE_IOERR_READ)))
        .isFalse();
    assertThat(SqliteErrors.extendedCode(sqlite(SQLiteErrorCode.SQLITE_IOERR_WRITE)))
        .isEqualTo(778);
    assertThat(SqliteErrors.primaryCode(new SQLException("plain", "HY000", 8))).isEqualTo(8);
  }

  @Test
  void jitterStaysBetweenHalfAndAllOfTheDelay() {
    for (int i = 0; i < 200; i++) {
      Duration d = BusyRetrier.jitter(Duration.ofMillis(100));
      assertThat(d).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    }
    assertThat(BusyRetrier.jitter(Duration.ZERO)).isEqualTo(Duration.ZERO);
  }
}
