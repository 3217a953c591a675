package io.github.litefs4j.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code litefs.flyway.*}: schema migrations through {@code LiteFsFlyway} at startup. Part of
 * {@link LiteFsProperties}; a mutable bean bound at startup.
 */
public class FlywayProperties {
  /** Whether migrations run at startup. */
  private boolean enabled = true;

  /** Flyway locations of the migrations. */
  private List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));

  /** What a replica does: halt (migrate under the HALT lock) or await-replication. */
  private ReplicaMigrationName onReplica = ReplicaMigrationName.HALT;

  /** How long startup waits for the schema to be up to date on this node. */
  private Duration timeout = Duration.ofMinutes(2);

  /** What a replica does with a migration, by name. */
  public enum ReplicaMigrationName {
    /** Migrate under the HALT lock: whichever node starts first migrates. */
    HALT,
    /** Never write: wait until the primary's migration has replicated here. */
    AWAIT_REPLICATION
  }

  /**
   * Whether migrations run at startup.
   *
   * @return the value of {@code litefs.flyway.enabled}
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets {@code litefs.flyway.enabled}.
   *
   * @param enabled the new value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Flyway locations of the migrations.
   *
   * @return the value of {@code litefs.flyway.locations}
   */
  public List<String> getLocations() {
    return locations;
  }

  /**
   * Sets {@code litefs.flyway.locations}.
   *
   * @param locations the new value
   */
  public void setLocations(List<String> locations) {
    this.locations = locations;
  }

  /**
   * What a replica does: halt (migrate under the HALT lock) or await-replication.
   *
   * @return the value of {@code litefs.flyway.on-replica}
   */
  public ReplicaMigrationName getOnReplica() {
    return onReplica;
  }

  /**
   * Sets {@code litefs.flyway.on-replica}.
   *
   * @param onReplica the new value
   */
  public void setOnReplica(ReplicaMigrationName onReplica) {
    this.onReplica = onReplica;
  }

  /**
   * How long startup waits for the schema to be up to date on this node.
   *
   * @return the value of {@code litefs.flyway.timeout}
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets {@code litefs.flyway.timeout}.
   *
   * @param timeout the new value
   */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }
}
