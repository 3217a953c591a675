package io.github.litefs4j;

import io.github.litefs4j.internal.PosFile;
import io.github.litefs4j.internal.PrimaryFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Entry point for the LiteFS features reached through the FUSE mount. Static methods only;
 * thread-safe.
 */
public final class LiteFS {
  private LiteFS() {}

  // ---- Positions and the primary file (issue "Everything else a node offers") ----

  /**
   * The database's replication position on this node, read from its {@code <db>-pos} file.
   *
   * <p>The same value as the {@code tx} event of the last transaction this node applied. See {@link
   * Position} for what comparing positions means after a failover.
   *
   * @param db the database path in the LiteFS mount, for example {@code /litefs/app.db}
   * @return the position
   * @throws DatabaseNotFoundException if the database does not exist on this node (ENOENT)
   * @throws NotLiteFsMountException if the database's directory is not a LiteFS mount
   * @throws MalformedFileException if the file does not hold {@code %016x/%016x\n}
   * @throws LiteFsException if the file cannot be read (the cause is the I/O failure)
   */
  public static Position position(Path db) {
    return PosFile.read(db);
  }

  /**
   * The hostname of the primary as this replica knows it, from the mount's {@code .primary} file.
   *
   * <p>The file exists only on a replica that is connected to a primary, so the result is empty in
   * two different situations: <b>on the primary itself</b>, and <b>on a replica that is
   * disconnected</b> (the primary is down or an election is under way). Empty therefore does not
   * mean "this node is primary"; use {@link LiteFsClient#info()} (or events) to tell the two apart.
   *
   * @param mountDir the LiteFS mount directory ({@code fuse.dir})
   * @return the primary's hostname, or empty on the primary and on a disconnected replica
   * @throws NotLiteFsMountException if the directory is not a LiteFS mount
   * @throws MalformedFileException if the file holds no hostname, or white space or control
   *     characters
   * @throws LiteFsException if the file cannot be read (the cause is the I/O failure)
   */
  public static Optional<String> primaryHostname(Path mountDir) {
    return PrimaryFile.read(mountDir);
  }

  /**
   * Waits until the database on this node reaches {@code target} (its TXID is at least the
   * target's, compared unsigned; the checksum is not compared), by re-reading the {@code -pos} file
   * with a short backoff ({@link PositionWaiter#polling()}). For an event-driven wait, use {@link
   * PositionWaiter#withEvents(LiteFsClient)}.
   *
   * <p>TXIDs can repeat after a failover: "reached" means "applied at least as many transactions",
   * not "has the same content"; see {@link PositionWaiter}.
   *
   * @param db the database path in the LiteFS mount
   * @param target the position to reach
   * @param timeout how long to wait at most; positive
   * @return the position read, at or past the target
   * @throws PositionTimeoutException if the target is not reached in time
   * @throws LiteFsInterruptedException if the thread is interrupted (the flag is set again)
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public static Position awaitPosition(Path db, Position target, Duration timeout) {
    return PositionWaiter.polling().await(db, target, timeout);
  }
}
