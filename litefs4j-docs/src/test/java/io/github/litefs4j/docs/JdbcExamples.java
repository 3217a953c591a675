package io.github.litefs4j.docs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.Position;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.jdbc.ReadOnlyReplicaException;
import io.github.litefs4j.jdbc.WritePolicy;
import io.github.litefs4j.jdbc.WriteResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/** The samples of docs/jdbc.md. */
final class JdbcExamples {
  private JdbcExamples() {}

  /** A web framework's response, reduced to what the sample needs. */
  interface Response {
    void setHeader(String name, String value);

    void setStatus(int status);
  }

  static void readAndWrite() throws SQLException {
    // tag::read-write[]
    LiteFsDatabase db =
        LiteFsDatabase.builder(Path.of("/litefs/app.db"), WritePolicy.refuse())
            .build(); // fails if /litefs is not a LiteFS mount

    int count =
        db.read(
            conn -> {
              try (ResultSet rs =
                  conn.createStatement().executeQuery("SELECT count(*) FROM users")) {
                rs.next();
                return rs.getInt(1);
              }
            });

    WriteResult<Integer> written =
        db.write(
            conn -> {
              try (PreparedStatement ps =
                  conn.prepareStatement("INSERT INTO users(name) VALUES (?)")) {
                ps.setString(1, "ada");
                return ps.executeUpdate();
              }
            });
    written.value(); // 1
    written.route(); // PRIMARY, or HALT when forwarded from a replica
    written.position(); // Optional<Position>: where the database was right after the commit
    // end::read-write[]
    assert count >= 0;
  }

  static void refuse(LiteFsDatabase db, Response response) throws SQLException {
    // tag::refuse[]
    try {
      db.write(conn -> conn.createStatement().executeUpdate("INSERT INTO orders VALUES (42)"));
      response.setStatus(201);
    } catch (ReadOnlyReplicaException e) {
      Optional<String> primary = e.primaryHostname(); // "node-0": the primary's hostname
      if (primary.isPresent()) {
        response.setHeader("fly-replay", "instance=" + primary.get());
        response.setStatus(200); // Fly's proxy replays the request on the primary
      } else {
        response.setStatus(503); // no primary right now: retry later
      }
    }
    // end::refuse[]
  }

  static WriteResult<Integer> forward(long jobId) throws SQLException {
    // tag::halt[]
    LiteFsDatabase db =
        LiteFsDatabase.builder(
                Path.of("/litefs/app.db"),
                WritePolicy.forwardThroughHalt(Duration.ofSeconds(10))) // wait up to 10 s for it
            .build();

    WriteResult<Integer> written = db.write(conn -> markJobDone(conn, jobId));
    // written.route() == WriteRoute.HALT on a replica, PRIMARY on the primary
    // end::halt[]
    return written;
  }

  static LiteFsDatabase withClient() {
    // tag::client[]
    LiteFsDatabase db =
        LiteFsDatabase.builder(Path.of("/litefs/app.db"), WritePolicy.refuse())
            .client(LiteFsClient.DEFAULT) // asks GET /info before taking an I/O error for a refusal
            .build();
    // end::client[]
    return db;
  }

  static String readAfter(LiteFsDatabase db, long id) throws SQLException {
    // tag::read-after[]
    WriteResult<Integer> written = db.write(conn -> markJobDone(conn, id));
    String token = written.position().orElseThrow().toString(); // "0000000000000007/8e3f..."

    // Later, on any node (the token travelled with the user, in a cookie or a header):
    Position seen = Position.parse(token);
    String state = db.readAfter(seen, Duration.ofSeconds(5), conn -> loadJobState(conn, id));
    // waits until this node has applied that position (PositionTimeoutException after 5 s)
    // end::read-after[]
    return state;
  }

  static LiteFsDatabase hikari() {
    // tag::hikari[]
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl("jdbc:sqlite:/litefs/app.db");
    hikari.setMaximumPoolSize(4);
    HikariDataSource pool = new HikariDataSource(hikari);

    LiteFsDatabase db =
        LiteFsDatabase.builder(Path.of("/litefs/app.db"), WritePolicy.refuse())
            .dataSource(pool) // you close the pool
            .busyTimeout(Duration.ofSeconds(5)) // set on each connection by PRAGMA
            .build();
    // end::hikari[]
    return db;
  }

  private static int markJobDone(Connection conn, long jobId) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("UPDATE jobs SET done = 1 WHERE id = ?")) {
      ps.setLong(1, jobId);
      return ps.executeUpdate();
    }
  }

  private static String loadJobState(Connection conn, long jobId) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT done FROM jobs WHERE id = ?")) {
      ps.setLong(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "missing";
      }
    }
  }
}
