package io.github.litefs4j.testing.internal;

import java.util.Locale;

/**
 * The two programs the fixture runs, with their pinned versions and where a user can name a binary.
 * The pins must equal those in {@code provision.sh}, the build recipe (a unit test checks it).
 *
 * <p>Immutable and thread-safe.
 */
public enum Tool {
  /** LiteFS, the FUSE file system every node runs. */
  LITEFS("litefs", "v0.5.14", "litefs4j.binary", "LITEFS4J_BINARY", "binary(...)"),
  /** Consul, the lease store of {@code LiteFsCluster.builder().consul()}. */
  CONSUL("consul", "v1.14.8", "litefs4j.consul", "LITEFS4J_CONSUL", "consulBinary(...)");

  private final String command;
  private final String version;
  private final String property;
  private final String environmentVariable;
  private final String builderMethod;

  Tool(
      String command,
      String version,
      String property,
      String environmentVariable,
      String builderMethod) {
    this.command = command;
    this.version = version;
    this.property = property;
    this.environmentVariable = environmentVariable;
    this.builderMethod = builderMethod;
  }

  /** The executable's file name, also the first argument of {@code provision.sh}. */
  public String command() {
    return command;
  }

  /** The pinned version, as the tool's {@code version} command reports it ({@code v0.5.14}). */
  public String version() {
    return version;
  }

  /** The system property that names a binary ({@code litefs4j.binary}). */
  public String property() {
    return property;
  }

  /** The environment variable that names a binary ({@code LITEFS4J_BINARY}). */
  public String environmentVariable() {
    return environmentVariable;
  }

  /** The builder method that names a binary, for messages. */
  String builderMethod() {
    return "LiteFsCluster.builder()." + builderMethod;
  }

  /** "LiteFS v0.5.14" or "Consul v1.14.8", for messages. */
  String title() {
    String name = this == LITEFS ? "LiteFS" : "Consul";
    return name + " " + version;
  }

  @Override
  public String toString() {
    return command.toLowerCase(Locale.ROOT) + " " + version;
  }
}
