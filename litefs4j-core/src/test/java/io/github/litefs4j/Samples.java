package io.github.litefs4j;

/** Event lines as LiteFS v0.5.14 writes them (verified on a real node), with their newline. */
public final class Samples {
  public static final String INIT_PRIMARY = "{\"type\":\"init\",\"data\":{\"isPrimary\":true}}\n";
  public static final String INIT_REPLICA =
      "{\"type\":\"init\",\"data\":{\"isPrimary\":false,\"hostname\":\"node-a\"}}\n";
  public static final String INIT_DISCONNECTED =
      "{\"type\":\"init\",\"data\":{\"isPrimary\":false}}\n";
  public static final String TX =
      "{\"type\":\"tx\",\"db\":\"t.db\",\"data\":{\"txID\":\"0000000000000001\","
          + "\"postApplyChecksum\":\"f6feda63759bb858\",\"pageSize\":4096,\"commit\":2,"
          + "\"timestamp\":\"2026-11-24T04:00:00.343Z\"}}\n";
  public static final String CHANGE_DISCONNECTED =
      "{\"type\":\"primaryChange\",\"data\":{\"isPrimary\":false}}\n";
  public static final String CHANGE_REPLICA =
      "{\"type\":\"primaryChange\",\"data\":{\"isPrimary\":false,\"hostname\":\"node-a\"}}\n";
  public static final String CHANGE_PRIMARY =
      "{\"type\":\"primaryChange\",\"data\":{\"isPrimary\":true}}\n";

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
