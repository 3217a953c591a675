package io.github.litefs4j.spring;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.PositionWaiter;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.ReadYourWrites;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.spring.internal.Databases;
import io.github.litefs4j.spring.internal.FlywayMigrations;
import io.github.litefs4j.spring.internal.NodeView;
import io.github.litefs4j.spring.internal.PropertiesCheck;
import io.github.litefs4j.spring.internal.SchemaReady;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The core beans of a Spring Boot application on a LiteFS node, on when {@code litefs.mount} is
 * set: {@link LiteFsClient} (for {@code litefs.url}), {@link PrimaryMonitor}, an event-driven
 * {@link PositionWaiter}, the {@link LiteFsDatabase} ({@code litefs.mount}/{@code litefs.database},
 * write policy {@code litefs.write-policy}), the startup migration through litefs4j's Flyway
 * support ({@code litefs.flyway.*}), {@link ReadYourWrites} and the application's {@link
 * DataSource}. Each is replaced by a bean of the same type that the application defines (the
 * migration by {@code litefs.flyway.enabled=false}).
 *
 * <p>Runs before Spring Boot's JDBC and Flyway auto-configurations, so that the data source is the
 * LiteFS one. Do not add Spring Boot's own Flyway starter: it would migrate directly on a replica.
 * The web, health, info and metrics parts live in auto-configurations of their own that switch on
 * with Spring MVC, Actuator and Micrometer.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
    })
@ConditionalOnProperty(prefix = "litefs", name = "mount")
@EnableConfigurationProperties(LiteFsProperties.class)
public class LiteFsAutoConfiguration {
  private static final System.Logger LOG =
      System.getLogger(LiteFsAutoConfiguration.class.getName());

  /** Created by Spring. */
  public LiteFsAutoConfiguration() {}

  /**
   * The client of this node's LiteFS HTTP API.
   *
   * @param properties {@code litefs.url}
   * @return the client
   */
  @Bean
  @ConditionalOnMissingBean
  public LiteFsClient liteFsClient(LiteFsProperties properties) {
    return LiteFsClient.create(properties.getUrl());
  }

  /**
   * Follows this node's role through its event stream; closed with the context.
   *
   * @param client the node's client
   * @return the monitor
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public PrimaryMonitor liteFsPrimaryMonitor(LiteFsClient client) {
    return client.monitorPrimary();
  }

  /**
   * Waits for positions on the node's event stream; closed with the context.
   *
   * @param client the node's client
   * @return the waiter
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public PositionWaiter liteFsPositionWaiter(LiteFsClient client) {
    return PositionWaiter.withEvents(client);
  }

  /**
   * The database handle; fails the startup when {@code litefs.mount} is not a LiteFS mount.
   *
   * @param properties the properties
   * @param client the node's client
   * @return the handle
   */
  @Bean
  @ConditionalOnMissingBean
  public LiteFsDatabase liteFsDatabase(LiteFsProperties properties, LiteFsClient client) {
    LiteFsDatabase database =
        Databases.build(properties, PropertiesCheck.databasePath(properties), client);
    LOG.log(
        Level.INFO,
        "LiteFS database "
            + database.path()
            + ", write policy "
            + database.writePolicy()
            + ", routing "
            + (properties.getRouting().isEnabled() ? properties.getRouting().getMode() : "off"));
    return database;
  }

  /**
   * The startup migration, done when this bean exists.
   *
   * @param database the database
   * @param properties {@code litefs.flyway.*}
   * @param context for the application's class loader
   * @return the marker
   */
  @Bean
  @ConditionalOnProperty(
      prefix = "litefs.flyway",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public SchemaReady liteFsSchemaReady(
      LiteFsDatabase database, LiteFsProperties properties, ApplicationContext context) {
    return FlywayMigrations.migrate(database, properties.getFlyway(), context.getClassLoader());
  }

  /**
   * The application's data source: the database's prepared connections, available once the startup
   * migration is done. Writes through it get no replica handling: the routing sends write requests
   * to the primary (or runs them under HALT).
   *
   * @param database the database
   * @param schemaReady the migration marker, if migrations are on
   * @return the data source
   */
  @Bean
  @ConditionalOnMissingBean(DataSource.class)
  public DataSource dataSource(LiteFsDatabase database, ObjectProvider<SchemaReady> schemaReady) {
    schemaReady.ifAvailable(ready -> {});
    return database.dataSource();
  }

  /**
   * Read-your-writes on the database, capped at {@code litefs.read-your-writes.max-wait}.
   *
   * @param properties the properties
   * @param database the tracked database
   * @param waiter the event-driven waiter
   * @return the helper
   */
  @Bean
  @ConditionalOnMissingBean
  public ReadYourWrites liteFsReadYourWrites(
      LiteFsProperties properties, LiteFsDatabase database, PositionWaiter waiter) {
    return ReadYourWrites.builder(database.path())
        .maxWait(properties.getReadYourWrites().getMaxWait())
        .waiter(waiter)
        .build();
  }

  /**
   * What health, info and meters read about this node.
   *
   * @param monitor the monitor
   * @param database the tracked database
   * @return the view
   */
  @Bean
  @ConditionalOnMissingBean
  public NodeView liteFsNodeView(PrimaryMonitor monitor, LiteFsDatabase database) {
    return new NodeView(monitor, database.path());
  }
}
