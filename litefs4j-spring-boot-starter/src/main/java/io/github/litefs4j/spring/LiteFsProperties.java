package io.github.litefs4j.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code litefs.*} properties. The starter is off unless {@code litefs.mount} is set; {@code
 * litefs.database} names the database in the mount. Values are checked when the context starts: a
 * missing database name, a negative or zero duration, or a forward template without {@code
 * {hostname}} fails the startup with a message naming the property.
 *
 * <p>A mutable bean, bound once at startup; not thread-safe to change afterwards.
 */
@ConfigurationProperties(prefix = "litefs")
public class LiteFsProperties {
  /** The LiteFS FUSE mount directory (LiteFS's fuse.dir), for example /litefs. */
  private Path mount;

  /** The database file name inside the mount, for example app.db. Required. */
  private String database;

  /** The HTTP API of this node's LiteFS. */
  private URI url = URI.create("http://localhost:20202");

  /** What LiteFsDatabase.write does on a replica: refuse, or halt (write through the HALT lock). */
  private WritePolicyName writePolicy = WritePolicyName.REFUSE;

  /** How long a HALT may take to be granted (write policy halt, routing mode halt). */
  private Duration haltTimeout = Duration.ofSeconds(5);

  /** How long each SQLite connection waits for a lock before SQLITE_BUSY. */
  private Duration busyTimeout = Duration.ofSeconds(5);

  /** Write routing for Spring MVC. */
  @NestedConfigurationProperty private final RoutingProperties routing = new RoutingProperties();

  /** The __txid cookie and the wait on reads. */
  @NestedConfigurationProperty
  private final ReadYourWritesProperties readYourWrites = new ReadYourWritesProperties();

  /** Migrations through LiteFsFlyway at startup. */
  @NestedConfigurationProperty private final FlywayProperties flyway = new FlywayProperties();

  /** The Actuator health indicator. */
  @NestedConfigurationProperty private final HealthProperties health = new HealthProperties();

  /** The two write policies of {@code LiteFsDatabase}, by name. */
  public enum WritePolicyName {
    /** Throw {@code ReadOnlyReplicaException} naming the primary. */
    REFUSE,
    /** Take the HALT lock and write on the replica; LiteFS ships the commit to the primary. */
    HALT
  }

  /**
   * The LiteFS FUSE mount directory (LiteFS's fuse.dir), for example /litefs.
   *
   * @return the value of {@code litefs.mount}
   */
  public Path getMount() {
    return mount;
  }

  /**
   * Sets {@code litefs.mount}.
   *
   * @param mount the new value
   */
  public void setMount(Path mount) {
    this.mount = mount;
  }

  /**
   * The database file name inside the mount, for example app.db. Required.
   *
   * @return the value of {@code litefs.database}
   */
  public String getDatabase() {
    return database;
  }

  /**
   * Sets {@code litefs.database}.
   *
   * @param database the new value
   */
  public void setDatabase(String database) {
    this.database = database;
  }

  /**
   * The HTTP API of this node's LiteFS.
   *
   * @return the value of {@code litefs.url}
   */
  public URI getUrl() {
    return url;
  }

  /**
   * Sets {@code litefs.url}.
   *
   * @param url the new value
   */
  public void setUrl(URI url) {
    this.url = url;
  }

  /**
   * What LiteFsDatabase.write does on a replica: refuse, or halt (write through the HALT lock).
   *
   * @return the value of {@code litefs.write-policy}
   */
  public WritePolicyName getWritePolicy() {
    return writePolicy;
  }

  /**
   * Sets {@code litefs.write-policy}.
   *
   * @param writePolicy the new value
   */
  public void setWritePolicy(WritePolicyName writePolicy) {
    this.writePolicy = writePolicy;
  }

  /**
   * How long a HALT may take to be granted (write policy halt, routing mode halt).
   *
   * @return the value of {@code litefs.halt-timeout}
   */
  public Duration getHaltTimeout() {
    return haltTimeout;
  }

  /**
   * Sets {@code litefs.halt-timeout}.
   *
   * @param haltTimeout the new value
   */
  public void setHaltTimeout(Duration haltTimeout) {
    this.haltTimeout = haltTimeout;
  }

  /**
   * How long each SQLite connection waits for a lock before SQLITE_BUSY.
   *
   * @return the value of {@code litefs.busy-timeout}
   */
  public Duration getBusyTimeout() {
    return busyTimeout;
  }

  /**
   * Sets {@code litefs.busy-timeout}.
   *
   * @param busyTimeout the new value
   */
  public void setBusyTimeout(Duration busyTimeout) {
    this.busyTimeout = busyTimeout;
  }

  /**
   * Write routing for Spring MVC.
   *
   * @return the value of {@code litefs.routing}
   */
  public RoutingProperties getRouting() {
    return routing;
  }

  /**
   * The __txid cookie and the wait on reads.
   *
   * @return the value of {@code litefs.read-your-writes}
   */
  public ReadYourWritesProperties getReadYourWrites() {
    return readYourWrites;
  }

  /**
   * Migrations through LiteFsFlyway at startup.
   *
   * @return the value of {@code litefs.flyway}
   */
  public FlywayProperties getFlyway() {
    return flyway;
  }

  /**
   * The Actuator health indicator.
   *
   * @return the value of {@code litefs.health}
   */
  public HealthProperties getHealth() {
    return health;
  }
}
