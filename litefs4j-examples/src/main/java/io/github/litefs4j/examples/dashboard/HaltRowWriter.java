package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.Position;
import io.github.litefs4j.testing.LiteFsNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * Writes with litefs4j-core alone: the same code on every node, {@link LiteFS#withHalt} around a
 * plain sqlite-jdbc insert on the node's own mount. On the primary the HALT is a no-op; on a
 * replica LiteFS forwards the commit to the primary and applies it there before the commit returns.
 * No child process is started during the HALT ({@link DemoCluster#withoutChildProcesses}).
 *
 * <p>Thread-safe.
 */
final class HaltRowWriter implements RowWriter {
  private static final Duration HALT_TIMEOUT = Duration.ofSeconds(5);

  private final DemoCluster cluster;
  private final Rows rows = new Rows("demo.db", "rows", "mark");

  HaltRowWriter(DemoCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public Rows rows() {
    return rows;
  }

  @Override
  public String description() {
    return "LiteFS.withHalt + sqlite-jdbc on the chosen node's mount (a replica's commit is"
        + " forwarded to the primary by LiteFS)";
  }

  @Override
  public void prepare(LiteFsNode primary) throws SQLException {
    rows.create(primary.database(rows.database()));
  }

  @Override
  public Written write(LiteFsNode via, String text) throws SQLException {
    Path db = via.database(rows.database());
    String mark = UUID.randomUUID().toString().substring(0, 8);
    long start = System.nanoTime();
    String appliedOn = RowWriter.primaryAsSeenBy(via);
    Inserted inserted =
        cluster.withoutChildProcesses(
            () ->
                LiteFS.withHalt(
                    db,
                    HALT_TIMEOUT,
                    () -> {
                      long id = rows.insert(db, mark, text, via.name());
                      return new Inserted(id, LiteFS.position(db));
                    }));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    boolean forwarded = !appliedOn.equals(via.name());
    return new Written(
        inserted.id(),
        mark,
        via.name(),
        appliedOn,
        inserted.position(),
        took,
        forwarded
            ? "HALT on " + via.name() + ", commit forwarded to the primary " + appliedOn
            : "plain commit on the primary (the HALT is a no-op there)");
  }

  @Override
  public void close() {}

  private record Inserted(long id, Position position) {}
}
