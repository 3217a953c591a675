package io.github.litefs4j;

import java.util.OptionalLong;

/**
 * Receives progress of a database export or import. Called after each chunk (every few tens of KiB
 * or less) on the thread that moves the data: the caller's thread for an export, an HTTP client
 * thread for an import. Keep it quick; an exception thrown from it aborts the transfer.
 */
@FunctionalInterface
public interface TransferProgress {

  /** A callback that ignores progress. */
  TransferProgress NONE = (bytes, total) -> {};

  /**
   * Called after each chunk.
   *
   * @param bytes the number of bytes transferred so far
   * @param total the total size when known: from {@code Content-Length}, the SQLite header of an
   *     export (page size times page count), or the size of an imported file; empty otherwise
   */
  void onProgress(long bytes, OptionalLong total);
}
