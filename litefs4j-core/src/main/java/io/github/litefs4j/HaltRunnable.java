package io.github.litefs4j;

/**
 * Work run under a HALT by {@link LiteFS#withHalt(java.nio.file.Path, HaltRunnable)} that returns
 * nothing. The exception type is inferred from the lambda:
 *
 * <pre>{@code
 * LiteFS.withHalt(db, () -> {
 *   stmt.executeUpdate("INSERT INTO t VALUES (1)");
 *   stmt.executeUpdate("INSERT INTO t VALUES (2)");
 * }); // throws SQLException
 * }</pre>
 *
 * @param <E> the checked exception the work may throw ({@link RuntimeException} if none)
 */
@FunctionalInterface
public interface HaltRunnable<E extends Exception> {
  /**
   * Runs the work while the HALT is held.
   *
   * @throws E if the work fails; {@code withHalt} rethrows it after releasing the HALT
   */
  void run() throws E;
}
