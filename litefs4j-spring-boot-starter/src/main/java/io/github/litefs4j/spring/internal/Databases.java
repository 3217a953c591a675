package io.github.litefs4j.spring.internal;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.jdbc.WritePolicy;
import io.github.litefs4j.spring.LiteFsProperties;
import java.nio.file.Path;

/** Builds the {@link LiteFsDatabase} the properties describe. Stateless. */
public final class Databases {
  private Databases() {}

  /**
   * Builds the database handle; fails when the mount is not a LiteFS mount.
   *
   * @param properties the properties
   * @param path the database path ({@link PropertiesCheck#databasePath})
   * @param client this node's LiteFS client
   * @return the handle
   * @throws io.github.litefs4j.LiteFsMountException ({@code NOT_A_MOUNT}) if {@code litefs.mount}
   *     is not a LiteFS mount
   */
  public static LiteFsDatabase build(LiteFsProperties properties, Path path, LiteFsClient client) {
    WritePolicy policy =
        properties.getWritePolicy() == LiteFsProperties.WritePolicyName.HALT
            ? WritePolicy.forwardThroughHalt(properties.getHaltTimeout())
            : WritePolicy.refuse();
    return LiteFsDatabase.builder(path, policy)
        .busyTimeout(properties.getBusyTimeout())
        .client(client)
        .build();
  }
}
