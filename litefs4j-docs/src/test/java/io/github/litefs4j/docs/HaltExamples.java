package io.github.litefs4j.docs;

import io.github.litefs4j.LiteFS;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The samples of docs/halt.md. */
final class HaltExamples {
  private HaltExamples() {}

  static int withHalt(Path db, Statement stmt) throws SQLException {
    // tag::with-halt[]
    int rows =
        LiteFS.withHalt(
            db, Duration.ofSeconds(5), () -> stmt.executeUpdate("UPDATE t SET v = v + 1"));
    // end::with-halt[]
    return rows;
  }
}
