package io.github.litefs4j;

import io.github.litefs4j.testsupport.EventLines;

/**
 * Event lines as LiteFS v0.5.14 writes them (verified on a real node), with their newline, made by
 * the shared {@link EventLines}; and {@code GET /info} bodies.
 */
public final class Samples {
  public static final String INIT_PRIMARY = EventLines.init(true, null);
  public static final String INIT_REPLICA = EventLines.init(false, "node-a");
  public static final String INIT_DISCONNECTED = EventLines.init(false, null);
  public static final String TX =
      EventLines.tx("t.db", 1, 0xf6feda63759bb858L, 4096, 2, "2026-11-24T04:00:00.343Z");
  public static final String CHANGE_DISCONNECTED = EventLines.primaryChange(false, null);
  public static final String CHANGE_REPLICA = EventLines.primaryChange(false, "node-a");
  public static final String CHANGE_PRIMARY = EventLines.primaryChange(true, null);

  /** {@code GET /info} of a replica connected to node-a. */
  public static final String INFO_REPLICA =
      "{\"clusterID\":\"LFSC0123456789ABCDEF\",\"isPrimary\":false,\"candidate\":false,"
          + "\"path\":\"/data\",\"primary\":{\"hostname\":\"node-a\"}}";

  /** {@code GET /info} of a replica that knows no primary: the hostname is empty. */
  public static final String INFO_DISCONNECTED =
      "{\"clusterID\":\"LFSC0123456789ABCDEF\",\"isPrimary\":false,\"candidate\":false,"
          + "\"path\":\"/data\",\"primary\":{\"hostname\":\"\"}}";

  private Samples() {}
}
