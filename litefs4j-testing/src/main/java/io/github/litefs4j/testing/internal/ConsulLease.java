package io.github.litefs4j.testing.internal;

import java.net.URI;
import java.time.Duration;

/**
 * The Consul part of a node's LiteFS lease config ({@code lease.promote} and {@code
 * lease.consul.*}).
 *
 * @param url the Consul agent's HTTP API
 * @param key the Consul key the nodes of one cluster contend for
 * @param ttl the session TTL; Consul may take up to twice this to invalidate a dead holder's
 *     session
 * @param lockDelay how long Consul keeps the key locked after the holder's session is invalidated
 * @param promote whether the node asks for the lease as soon as it has joined and synced
 */
public record ConsulLease(URI url, String key, Duration ttl, Duration lockDelay, boolean promote) {
  /** The YAML lines, indented for the {@code lease:} section. */
  String toYaml() {
    return "  promote: "
        + promote
        + "\n"
        + "  consul:\n"
        + "    url: "
        + NodeConfig.quote(url.toString())
        + "\n"
        + "    key: "
        + NodeConfig.quote(key)
        + "\n"
        + "    ttl: "
        + NodeConfig.quote(goDuration(ttl))
        + "\n"
        + "    lock-delay: "
        + NodeConfig.quote(goDuration(lockDelay))
        + "\n";
  }

  /** A duration as Go's time.ParseDuration reads it: whole milliseconds, "3000ms". */
  static String goDuration(Duration d) {
    return d.toMillis() + "ms";
  }
}
