package io.github.litefs4j.spring.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records the starter's log lines (System.Logger, which goes to java.util.logging here) while it is
 * open, to check that a failure is logged.
 */
final class LogRecorder extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("io.github.litefs4j.spring");
  private final List<String> lines = new CopyOnWriteArrayList<>();

  LogRecorder() {
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /** The recorded messages at WARNING or above. */
  List<String> warnings() {
    return List.copyOf(lines);
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      lines.add(record.getMessage());
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
