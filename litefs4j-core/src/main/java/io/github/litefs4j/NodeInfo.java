package io.github.litefs4j;

import java.util.Objects;
import java.util.Optional;

/**
 * What a node says about itself in {@code GET /info}, plus its node ID from the {@code Litefs-Id}
 * response header.
 *
 * <p>{@link #primaryHostname()} means the same as on every litefs4j API ({@link
 * LiteFS#primaryHostname(java.nio.file.Path)}, {@link PrimaryMonitor#primaryHostname()}, the
 * events): the hostname of the primary a replica is connected to, <b>empty on the primary
 * itself</b> and <b>empty on a disconnected replica</b>. {@link #isPrimary()} tells the two apart,
 * which the {@code .primary} file cannot.
 *
 * @param nodeId the node's ID, 16 uppercase hex digits, from the {@code Litefs-Id} header; empty if
 *     the header was missing
 * @param clusterId the cluster ID ({@code LFSC...}); empty before the node has one
 * @param isPrimary whether the node holds the primary lease
 * @param candidate whether the node may become primary ({@code lease.candidate})
 * @param path the node's data directory
 * @param primaryHostname the connected primary's hostname on a replica; empty on the primary itself
 *     and on a disconnected replica
 */
public record NodeInfo(
    Optional<String> nodeId,
    Optional<String> clusterId,
    boolean isPrimary,
    boolean candidate,
    String path,
    Optional<String> primaryHostname) {

  /**
   * Creates the value.
   *
   * @param nodeId the node's ID, or empty
   * @param clusterId the cluster ID, or empty
   * @param isPrimary whether the node holds the primary lease
   * @param candidate whether the node may become primary
   * @param path the node's data directory
   * @param primaryHostname the primary's hostname, or empty (on the primary, or disconnected)
   * @throws NullPointerException if any component is null
   */
  public NodeInfo {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(primaryHostname, "primaryHostname");
  }

  /**
   * Whether this node is a replica that knows no primary right now (disconnected, or an election is
   * under way). Writes cannot be routed anywhere in that state.
   *
   * @return true on a replica without a primary
   */
  public boolean isDisconnectedReplica() {
    return !isPrimary && primaryHostname.isEmpty();
  }
}
