package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.Position;
import io.github.litefs4j.testing.LiteFsNode;
import java.time.Duration;

/**
 * Writes one row of the demo table through a chosen node, however the application would: the
 * dashboard's form and the scripted tour only see this interface.
 *
 * <p>Implementations are thread-safe.
 */
interface RowWriter extends AutoCloseable {

  /**
   * What one write did.
   *
   * @param id the row's id as the database gave it
   * @param mark the row's unique mark (finds it on every node, also after a failover)
   * @param via the node the write was sent to
   * @param appliedOn the node that committed it (the primary at that moment)
   * @param position the commit's position on {@code appliedOn}'s lineage: every node that reaches
   *     its TXID has the row (barring a failover that lost it)
   * @param took how long the write took, until it was committed
   * @param how one line on how it travelled (plain commit, HALT, HTTP routing...)
   */
  record Written(
      long id,
      String mark,
      String via,
      String appliedOn,
      Position position,
      Duration took,
      String how) {}

  /** The demo table, where this writer writes and the dashboard counts. */
  Rows rows();

  /**
   * One line for the terminal and the page: how writes travel with this writer.
   *
   * @return the description
   */
  String description();

  /**
   * Creates what the writes need (the table) through the current primary.
   *
   * @param primary the current primary
   * @throws Exception if it cannot
   */
  void prepare(LiteFsNode primary) throws Exception;

  /**
   * Writes a row through {@code via}.
   *
   * @param via the node to send the write to
   * @param text the row's text
   * @return what happened
   * @throws Exception if the write failed; nothing was committed then, unless the exception says
   *     otherwise
   */
  Written write(LiteFsNode via, String text) throws Exception;

  /**
   * The node that commits a write sent to {@code node}: the primary as the node's mount names it
   * ({@code .primary}), or the node itself when it names none (it is the primary; a replica without
   * a primary refuses the write anyway).
   *
   * @param node the node written through
   * @return the committing node's name
   */
  static String primaryAsSeenBy(LiteFsNode node) {
    return LiteFS.primaryHostname(node.mountDir()).orElse(node.name());
  }

  /**
   * The node's machine "crashed": its LiteFS was killed. A writer that runs an application on the
   * node stops it too, as a crash would.
   *
   * @param node the killed node
   */
  default void nodeKilled(LiteFsNode node) {}

  /**
   * The node is running again (its LiteFS is ready). A writer that runs an application on the node
   * starts it again.
   *
   * @param node the restarted node
   * @throws Exception if the application cannot start
   */
  default void nodeRestarted(LiteFsNode node) throws Exception {}

  /** Releases what the writer holds; idempotent. */
  @Override
  void close();
}
