package io.github.litefs4j;

import java.time.Instant;
import java.util.Objects;

/**
 * A transaction was committed on the primary, or applied on a replica.
 *
 * <p>Wire form: {@code {"type":"tx","db":"t.db","data":{"txID":"0000000000000001",
 * "postApplyChecksum":"f6feda63759bb858","pageSize":4096,"commit":2,
 * "timestamp":"2026-11-24T04:00:00.343Z"}}}. The position equals what the database's {@code -pos}
 * file shows once the transaction is applied on that node.
 *
 * <p>LiteFS does not replay: after a reconnect (a new {@link InitEvent}), transactions committed
 * while disconnected are not sent. Read the {@code -pos} file to catch up.
 *
 * @param database the database name, for example {@code t.db}
 * @param position the TXID and post-apply checksum of the transaction
 * @param pageSize the database page size in bytes
 * @param commit the database size in pages after the transaction (an unsigned 32-bit value)
 * @param timestamp when the transaction was committed on the primary, as LiteFS recorded it
 */
public record TxEvent(
    String database, Position position, int pageSize, long commit, Instant timestamp)
    implements Event {

  /** The wire type, {@code "tx"}. */
  public static final String TYPE = "tx";

  /**
   * Creates the event.
   *
   * @param database the database name
   * @param position the TXID and post-apply checksum
   * @param pageSize the page size in bytes
   * @param commit the database size in pages after the transaction
   * @param timestamp when the transaction was committed
   * @throws NullPointerException if {@code database}, {@code position} or {@code timestamp} is null
   */
  public TxEvent {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
