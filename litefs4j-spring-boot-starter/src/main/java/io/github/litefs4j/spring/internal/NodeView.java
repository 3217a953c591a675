package io.github.litefs4j.spring.internal;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.Position;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What health, info and meters show about this node: the monitor's state, the mount's lag and the
 * database's position, each read when asked (files in the mount; no HTTP call). Thread-safe.
 */
public final class NodeView {
  private final PrimaryMonitor monitor;
  private final Path database;

  /**
   * Creates the view.
   *
   * @param monitor the node's primary monitor
   * @param database the tracked database in the mount
   */
  public NodeView(PrimaryMonitor monitor, Path database) {
    this.monitor = monitor;
    this.database = database;
  }

  /**
   * The monitor's current state.
   *
   * @return the state
   */
  public PrimaryState state() {
    return monitor.state();
  }

  /**
   * The mount's replication lag in milliseconds.
   *
   * @return the lag, or empty when it cannot be read (initial replication, no mount)
   */
  public Optional<Long> lagMillis() {
    try {
      return Optional.of(LiteFS.lag(database).toMillis());
    } catch (LiteFsException e) {
      return Optional.empty();
    }
  }

  /**
   * The database's position on this node.
   *
   * @return the position, or empty when the database does not exist here yet (or cannot be read)
   */
  public Optional<Position> position() {
    try {
      return Optional.of(LiteFS.position(database));
    } catch (LiteFsException e) {
      return Optional.empty();
    }
  }

  /**
   * The tracked database.
   *
   * @return its path
   */
  public Path database() {
    return database;
  }

  /**
   * Role, primary, lag and position as a map for health details and info.
   *
   * @return an ordered map; absent values are left out
   */
  public Map<String, Object> details() {
    PrimaryState state = state();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("role", state.role().name());
    state.primaryHostname().ifPresent(h -> details.put("primary", h));
    state.lastError().ifPresent(e -> details.put("error", e.getMessage()));
    details.put("database", database.toString());
    lagMillis().ifPresent(lag -> details.put("lagMillis", lag));
    position()
        .ifPresent(
            p -> {
              details.put("txid", p.txidHex());
              details.put("checksum", p.checksumHex());
            });
    return details;
  }
}
