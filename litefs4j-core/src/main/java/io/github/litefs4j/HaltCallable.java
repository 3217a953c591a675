package io.github.litefs4j;

/**
 * Work run under a HALT by {@link LiteFS#withHalt(java.nio.file.Path, HaltCallable)} that returns a
 * value. The exception type is inferred from the lambda, so a lambda that throws {@code
 * java.sql.SQLException} makes {@code withHalt} throw {@code SQLException}, and one that throws
 * nothing checked makes it throw nothing checked:
 *
 * <pre>{@code
 * int rows = LiteFS.withHalt(db, () -> stmt.executeUpdate(sql)); // throws SQLException
 * }</pre>
 *
 * <p>A {@link java.util.concurrent.Callable} is passed as {@code callable::call} (then {@code
 * withHalt} throws {@code Exception}).
 *
 * @param <T> the result type
 * @param <E> the checked exception the work may throw ({@link RuntimeException} if none)
 */
@FunctionalInterface
public interface HaltCallable<T, E extends Exception> {
  /**
   * Runs the work while the HALT is held.
   *
   * @return the result, handed back by {@code withHalt}
   * @throws E if the work fails; {@code withHalt} rethrows it after releasing the HALT
   */
  T call() throws E;
}
