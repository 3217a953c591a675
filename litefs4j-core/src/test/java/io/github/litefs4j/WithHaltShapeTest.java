package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shapes of {@code withHalt} calls users write compile unambiguously, and the checked exception
 * is inferred from the lambda. Each test method declares only the exception its call may throw, so
 * a wrong inference fails the build. Runs through the public API on a plain SQLite file (with a
 * {@code -lock} file next to it), where the HALT is a real OFD lock.
 */
class WithHaltShapeTest {
  @TempDir Path dir;
  private Path db;
  private Connection connection;
  private Statement stmt;

  @BeforeEach
  void open() throws IOException, SQLException {
    db = dir.resolve("app.db");
    Files.createFile(dir.resolve("app.db-lock"));
    connection = DriverManager.getConnection("jdbc:sqlite:" + db);
    stmt = connection.createStatement();
    stmt.executeUpdate("CREATE TABLE t (v INTEGER)");
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private long count() throws SQLException {
    try (ResultSet rs = stmt.executeQuery("SELECT count(*) FROM t")) {
      return rs.getLong(1);
    }
  }

  @Test
  void anExpressionLambdaReturningAValueIsACallableThrowingSqlException() throws SQLException {
    int rows = LiteFS.withHalt(db, () -> stmt.executeUpdate("INSERT INTO t VALUES (1)"));

    assertThat(rows).isEqualTo(1);
  }

  @Test
  void aBlockLambdaWithoutReturnIsARunnableThrowingSqlException() throws SQLException {
    LiteFS.withHalt(
        db,
        () -> {
          stmt.executeUpdate("INSERT INTO t VALUES (1)");
          stmt.executeUpdate("INSERT INTO t VALUES (2)");
        });

    assertThat(count()).isEqualTo(2);
  }

  @Test
  void theSameShapesWorkWithATimeout() throws SQLException {
    int rows =
        LiteFS.withHalt(
            db, Duration.ofSeconds(5), () -> stmt.executeUpdate("INSERT INTO t VALUES (1)"));
    LiteFS.withHalt(
        db,
        Duration.ofSeconds(5),
        () -> {
          stmt.executeUpdate("INSERT INTO t VALUES (2)");
        });

    assertThat(rows).isEqualTo(1);
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void aLambdaWithoutCheckedExceptionsNeedsNoCatch() {
    // This method declares no exception: E is inferred as RuntimeException.
    String s = LiteFS.withHalt(db, () -> "done");
    LiteFS.withHalt(db, () -> {});

    assertThat(s).isEqualTo("done");
  }

  @Test
  void aJavaUtilConcurrentCallableIsPassedAsAMethodReference() throws Exception {
    Callable<Long> callable = this::count;

    long n = LiteFS.withHalt(db, callable::call);

    assertThat(n).isZero();
  }

  @Test
  void theFunctionsSqlExceptionPropagatesUnwrapped() {
    assertThatThrownBy(
            () -> LiteFS.withHalt(db, () -> stmt.executeUpdate("INSERT INTO nope VALUES (1)")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("no such table: nope");
  }

  @Test
  void haltLockWorksInTryWithResources() throws SQLException {
    try (HaltLock halt = LiteFS.halt(db, Duration.ofSeconds(5))) {
      assertThat(halt.isReportedByNode()).isTrue();
      stmt.executeUpdate("INSERT INTO t VALUES (1)");
    }
    assertThat(count()).isEqualTo(1);
  }
}
