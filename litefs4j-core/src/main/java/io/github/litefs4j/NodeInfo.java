package io.github.litefs4j;

import java.util.Objects;
import java.util.Optional;

/**
 * What a node says about itself in {@code GET /info}, plus its node ID from the {@code Litefs-Id}
 * response header.
 *
 * <p>Unlike the {@code .primary} file, which is absent both on the primary and on a disconnected
 * replica, this tells the two apart: on the primary {@link #isPrimary()} is true (and {@link
 * #primaryHostname()} is its own hostname); on a disconnected replica {@link #isPrimary()} is false
 * and {@link #primaryHostname()} is empty (LiteFS sends {@code ""}).
 *
 * @param nodeId the node's ID, 16 uppercase hex digits, from the {@code Litefs-Id} header; empty if
 *     the header was missing
 * @param clusterId the cluster ID ({@code LFSC...}); empty before the node has one
 * @param isPrimary whether the node holds the primary lease
 * @param candidate whether the node may become primary ({@code lease.candidate})
 * @param path the node's data directory
 * @param primaryHostname the primary's hostname: this node's own on the primary, the connected
 *     primary's on a replica, empty on a disconnected replica
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
