package io.github.litefs4j;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A HALT held on one database, from {@link LiteFS#halt(Path)}: while it is held, this replica may
 * write to the database; each commit is shipped to the primary and applied there before it returns.
 * Release it with {@link #unhalt()} or {@link #close()}, best with try-with-resources:
 *
 * <pre>{@code
 * try (HaltLock halt = LiteFS.halt(db, Duration.ofSeconds(5));
 *     Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
 *   c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
 * }
 * }</pre>
 *
 * <p>What LiteFS 0.5.x does with it:
 *
 * <ul>
 *   <li><b>On the primary the HALT is a no-op</b> that succeeds at once ({@link #isNoOp()} is
 *       true): the primary can write anyway.
 *   <li><b>The primary keeps a HALT for at most about 30 s</b> (a TTL checked every 5 s, so 30 to
 *       35 s after granting it), with no renewal, and it does not tell the replica. {@link
 *       #isPastTtl()} turns true after 30 s and a WARNING is logged (System.Logger {@code
 *       io.github.litefs4j.HaltLock}). After that, forwarded commits are still applied by the
 *       primary if nothing else was written there (LiteFS does not check), but once the primary
 *       commits anything of its own, the replica's replication deadlocks in LiteFS 0.5.14 and
 *       {@link #unhalt()} gets no answer (an {@link HaltException} UNHALT_FAILED after 15 s): keep
 *       work under a HALT well below 30 s.
 *   <li><b>Any {@code close()} of a descriptor that shares this lock's open file description
 *       releases the HALT</b> (LiteFS treats the FUSE Flush of every close as an unlock). litefs4j
 *       never does that while the HALT is held. The descriptor is opened {@code O_CLOEXEC}, but
 *       that does not help: <b>starting a child process ({@link ProcessBuilder#start()}, {@link
 *       Runtime#exec(String)}) while a HALT is held releases it</b>, because the child inherits the
 *       descriptor and closes it when it execs. Closing an unrelated descriptor of the same {@code
 *       -lock} file (opened separately, in this process or another) does <em>not</em> release it:
 *       measured on LiteFS 0.5.14, {@code F_OFD_GETLK} still reports the HALT afterwards.
 *   <li><b>A cancelled wait can leave an orphan HALT on a slow primary.</b> When {@link
 *       LiteFS#halt(Path, Duration)} times out or is interrupted, litefs4j cancels the wait and
 *       LiteFS abandons its request; but a primary that was merely slow (measured: frozen with
 *       SIGSTOP, then resumed) may still grant the abandoned request and keeps that HALT until its
 *       TTL: HALTs on the database fail with EIO, and the primary's own writers wait, for up to
 *       about 35 s. A primary that is down just fails the request (EIO at once).
 *   <li><b>One HALT per database per node, not per holder.</b> While any process on a replica holds
 *       the HALT, every process there can write: a plain JDBC insert of another process, which took
 *       no HALT, is forwarded to the primary too. And {@code F_OFD_GETLK} reports that HALT to
 *       every process of the node (see {@link #isReportedByNode()}).
 *   <li>While one HALT is held, a second one on the same database (another thread of this JVM,
 *       another process, another replica) waits: inside this JVM for the first one's release, in
 *       LiteFS for at most its own 10 s acquire timeout (then {@link HaltException} EIO).
 *   <li><b>Grants are not fair.</b> A process that releases and asks again can get the HALT again
 *       and again while another waits (measured: 90 grants in a row to one writer), until the
 *       waiter's 10 s run out. Do not build a work queue on HALT order.
 * </ul>
 *
 * <p>One HALT per database per thread: a thread that asks again for a HALT it holds gets an {@link
 * IllegalStateException}. Other threads asking for the same database wait for this one (paths are
 * compared absolute and normalized, not through symlinks).
 *
 * <p>Implementations are thread-safe; {@link #unhalt()} may be called from any thread. A HALT that
 * is never released keeps its descriptor open, blocks other HALTs of the database in this JVM, and
 * is held by the primary until the TTL ends: always release it.
 */
public interface HaltLock extends AutoCloseable {

  /**
   * The database this HALT is on.
   *
   * @return the path as given to {@link LiteFS#halt(Path)}
   */
  Path database();

  /**
   * When LiteFS granted the HALT. The primary started its TTL slightly earlier (before the replica
   * caught up with it).
   *
   * @return the wall-clock time the lock call returned
   */
  Instant acquiredAt();

  /**
   * Whether LiteFS on this node reports <em>a</em> HALT on the database: not yet released by this
   * handle, and (unless {@link #isNoOp()}) {@code F_OFD_GETLK} on this handle's descriptor answers
   * a write lock. That is all LiteFS tells: it keeps <b>one HALT per database per node</b>, and
   * {@code F_OFD_GETLK} reports it to every process of the node, whoever holds it. So:
   *
   * <ul>
   *   <li>false after {@link #unhalt()}, and after LiteFS dropped the HALT on this node (a child
   *       process closed an inherited descriptor, or the replica received a transaction from the
   *       primary) while no other process holds one;
   *   <li><b>true again for a HALT this handle lost</b> as soon as another process on the node
   *       takes one: the answer is the node's, not this handle's;
   *   <li>still true after the primary expired the HALT at its TTL, since the replica is not told:
   *       see {@link #isPastTtl()}.
   * </ul>
   *
   * <p>Each call is one {@code fcntl} on the FUSE mount.
   *
   * @return true while the node reports a HALT on the database and this handle is not released
   * @throws HaltException if LiteFS cannot be asked (for example ENOTCONN when LiteFS exited)
   */
  boolean isReportedByNode();

  /**
   * Whether this handle was released ({@link #unhalt()} or {@link #close()}), from the handle's own
   * side: no system call, and no information about other processes.
   *
   * @return true once released
   */
  boolean isReleased();

  /**
   * Whether LiteFS granted the HALT without holding anything: true on the primary, where a HALT is
   * a no-op (LiteFS reports no lock right after granting it). Also true on a plain, non-LiteFS
   * file, where the OFD lock is real but unreported to its own holder. No TTL applies then.
   *
   * @return true for a no-op HALT
   */
  boolean isNoOp();

  /**
   * Whether this HALT has been held longer than LiteFS's HALT TTL (30 s): the primary has then
   * probably dropped it (it does at 30 to 35 s). Always false for a no-op HALT and after release.
   *
   * @return true once held for 30 s or more
   */
  boolean isPastTtl();

  /**
   * How long the HALT has been held.
   *
   * @return the time since LiteFS granted it (keeps growing after release)
   */
  Duration heldFor();

  /**
   * Releases the HALT: unlocks byte 72 and closes the descriptor. Only the first call (of this or
   * {@link #close()}) does anything. Waits for LiteFS's answer at most 15 s; an interrupt does not
   * cut the wait short (the flag is kept). The next HALT on this database in this JVM may start as
   * soon as this returns or throws.
   *
   * @throws HaltException UNHALT_FAILED if LiteFS reports an error or does not answer in time; the
   *     HALT is no longer held by this handle either way
   */
  void unhalt();

  /**
   * Same as {@link #unhalt()}; idempotent.
   *
   * @throws HaltException UNHALT_FAILED if the release fails
   */
  @Override
  void close();
}
