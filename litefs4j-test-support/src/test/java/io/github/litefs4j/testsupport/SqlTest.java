package io.github.litefs4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlTest {
  @TempDir Path dir;

  private Path db() {
    return dir.resolve("t.db");
  }

  @Test
  void execCreatesTheDatabaseAndRunsStatementsInOrderReturningTheLastUpdateCount()
      throws SQLException {
    assertThat(db()).doesNotExist();

    int last =
        Sql.exec(
            db(),
            "CREATE TABLE t(id INTEGER, v TEXT)", // must run before the inserts
            "INSERT INTO t VALUES (1, 'a')",
            "INSERT INTO t VALUES (2, 'b'), (3, NULL)");

    assertThat(db()).exists();
    assertThat(last).isEqualTo(2);
    assertThat(Sql.column(db(), "SELECT id FROM t ORDER BY rowid")).containsExactly("1", "2", "3");
    assertThat(Sql.exec(db(), "CREATE TABLE u(x)")).isZero();
    assertThat(Sql.exec(db())).isZero();
  }

  @Test
  void execStopsAtTheFirstFailureKeepingWhatEarlierStatementsCommitted() throws SQLException {
    Sql.exec(db(), "CREATE TABLE t(id INTEGER)");

    assertThatThrownBy(
            () ->
                Sql.exec(
                    db(),
                    "INSERT INTO t VALUES (1)",
                    "INSERT INTO missing VALUES (1)",
                    "INSERT INTO t VALUES (2)"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("missing");

    assertThat(Sql.column(db(), "SELECT id FROM t")).containsExactly("1");
  }

  @Test
  void connectionMethodsBindParamsReadNullsAndLeaveTheConnectionOpen() throws SQLException {
    try (Connection c = Sql.connect(db())) {
      Sql.exec(
          c, "CREATE TABLE t(id INTEGER, v TEXT)", "INSERT INTO t VALUES (1,'a'),(2,'b'),(3,NULL)");

      assertThat(Sql.column(c, "SELECT v FROM t WHERE id >= ? AND id <= ? ORDER BY id", 2, 3))
          .containsExactly("b", null);
      assertThat(Sql.count(c, "t")).isEqualTo(3);
      assertThat(c.isClosed()).isFalse();
    }
  }

  @Test
  void numberCountAndCountsByIdReadThroughConnectionsOfTheirOwn() throws SQLException {
    Sql.exec(db(), "CREATE TABLE t(id INTEGER)", "INSERT INTO t VALUES (7),(7),(8),(9),(9),(9)");

    assertThat(Sql.number(db(), "SELECT count(*) FROM t WHERE id > ?", 7)).isEqualTo(4);
    assertThat(Sql.count(db(), "t")).isEqualTo(6);
    assertThat(Sql.countsById(db(), "t")).isEqualTo(Map.of(7L, 2, 8L, 1, 9L, 3));
    assertThatThrownBy(() -> Sql.number(db(), "SELECT id FROM t WHERE id = ?", 1))
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("no row:");
  }

  @Test
  void queryOpensReadOnlyAndNeverCreatesADatabase() throws SQLException {
    Path missing = dir.resolve("missing.db");
    assertThatThrownBy(() -> Sql.query(missing, "SELECT 1")).isInstanceOf(SQLException.class);
    assertThat(missing).doesNotExist();

    Sql.exec(db(), "CREATE TABLE t(id INTEGER)", "INSERT INTO t VALUES (1)");
    assertThat(Sql.query(db(), "SELECT id FROM t")).containsExactly("1");

    // A statement that writes and returns rows: refused read-only, accepted by column(Path, ...).
    SQLException readOnly =
        catchThrowableOfType(
            () -> Sql.query(db(), "INSERT INTO t VALUES (2) RETURNING id"), SQLException.class);
    assertThat((Throwable) readOnly).isNotNull();
    assertThat(Sql.sqliteCode(readOnly)).isEqualTo(8); // SQLITE_READONLY
    assertThat(Sql.column(db(), "INSERT INTO t VALUES (3) RETURNING id")).containsExactly("3");
    assertThat(Sql.query(db(), "SELECT id FROM t ORDER BY id")).containsExactly("1", "3");
  }

  @Test
  void execNoWaitFailsAtOnceWithBusyOnALockedDatabase() throws SQLException {
    Sql.exec(db(), "CREATE TABLE t(id INTEGER)");
    try (Connection holder = Sql.connect(db())) {
      Sql.exec(holder, "BEGIN IMMEDIATE", "INSERT INTO t VALUES (1)");

      long start = System.nanoTime();
      SQLException busy =
          catchThrowableOfType(
              () -> Sql.execNoWait(db(), "INSERT INTO t VALUES (2)"), SQLException.class);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat((Throwable) busy).isNotNull();
      assertThat(Sql.sqliteCode(busy)).isEqualTo(5); // SQLITE_BUSY
      // sqlite-jdbc's default busy timeout is 3 s: failing well before it means no waiting.
      assertThat(millis).isLessThan(1_000);
      Sql.exec(holder, "ROLLBACK");
    }
    assertThat(Sql.count(db(), "t")).isZero();
  }

  @Test
  void posFileIsTheStrippedSiblingFileOrEmpty() throws Exception {
    assertThat(Sql.posFile(db())).isEmpty();

    Files.writeString(dir.resolve("t.db-pos"), "00000000000000a3/8e1f00c2d4b5a697\n");

    assertThat(Sql.posFile(db())).isEqualTo("00000000000000a3/8e1f00c2d4b5a697");
  }
}
