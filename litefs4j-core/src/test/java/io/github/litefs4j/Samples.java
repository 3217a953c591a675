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

  private Samples() {}
}
