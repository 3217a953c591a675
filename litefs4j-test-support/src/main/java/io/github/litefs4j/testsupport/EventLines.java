package io.github.litefs4j.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Event lines of {@code GET /events} exactly as LiteFS v0.5.14 writes them (Go's json.Encoder:
 * fields in struct order, one event per line ending in a newline; TXID and checksum as 16 lowercase
 * hex digits; the timestamp in Go's RFC 3339 form with trailing zeros of the fraction dropped; the
 * hostname omitted on the primary). Checked against a real node by the core module's ITs. Stateless
 * and thread-safe.
 */
public final class EventLines {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private EventLines() {}

  /**
   * The {@code init} event a node sends first.
   *
   * @param hostname the primary's hostname; null omits the field (as LiteFS does on the primary and
   *     on a replica that knows no primary)
   */
  public static String init(boolean isPrimary, String hostname) {
    return roleLine("init", isPrimary, hostname);
  }

  /**
   * A {@code primaryChange} event.
   *
   * @param hostname the new primary's hostname; null omits the field
   */
  public static String primaryChange(boolean isPrimary, String hostname) {
    return roleLine("primaryChange", isPrimary, hostname);
  }

  private static String roleLine(String type, boolean isPrimary, String hostname) {
    String host = hostname == null ? "" : ",\"hostname\":\"" + hostname + "\"";
    return "{\"type\":\"" + type + "\",\"data\":{\"isPrimary\":" + isPrimary + host + "}}\n";
  }

  /**
   * A {@code tx} event.
   *
   * @param db the database name, written as is (no JSON escaping: pass plain names)
   * @param timestamp Go's RFC 3339 form, for example {@code 2026-11-24T04:00:00.343Z} (see {@link
   *     #goTimestamp})
   */
  public static String tx(
      String db, long txid, long checksum, int pageSize, long commit, String timestamp) {
    return "{\"type\":\"tx\",\"db\":\""
        + db
        + "\",\"data\":{\"txID\":\""
        + hex16(txid)
        + "\",\"postApplyChecksum\":\""
        + hex16(checksum)
        + "\",\"pageSize\":"
        + pageSize
        + ",\"commit\":"
        + commit
        + ",\"timestamp\":\""
        + timestamp
        + "\"}}\n";
  }

  /** {@code v} as 16 lowercase hex digits (unsigned), as LiteFS writes TXIDs and checksums. */
  public static String hex16(long v) {
    String s = Long.toHexString(v);
    return "0".repeat(16 - s.length()) + s;
  }

  /** Go's time.Time JSON form of a UTC millisecond timestamp (RFC 3339, fraction zeros trimmed). */
  public static String goTimestamp(long epochMillis) {
    int ms = (int) Math.floorMod(epochMillis, 1000L);
    String fraction = ms == 0 ? "" : "." + String.format("%03d", ms).replaceAll("0+$", "");
    return SECONDS.format(Instant.ofEpochMilli(epochMillis)) + fraction + "Z";
  }

  /**
   * A replica's stream: the {@code init} event of a replica of {@code node-0}, then {@code n}
   * real-shaped {@code tx} events of {@code db} (TXIDs 1..n, random checksums with LTX's flag bit
   * set, commit sizes and timestamps growing). Deterministic: the same arguments give the same
   * bytes.
   */
  public static Corpus corpus(String db, int n) {
    Random random = new Random(20230914L);
    List<byte[]> lines = new ArrayList<>(n + 1);
    lines.add(init(false, "node-0").getBytes(StandardCharsets.UTF_8));
    long millis = Instant.parse("2025-11-24T04:20:00Z").toEpochMilli();
    long commit = 2;
    for (int i = 1; i <= n; i++) {
      millis += random.nextInt(40);
      commit += random.nextInt(8) == 0 ? 1 : 0;
      long checksum = random.nextLong() | 0x8000_0000_0000_0000L;
      String line = tx(db, i, checksum, 4096, commit, goTimestamp(millis));
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
    return new Corpus(List.copyOf(lines), n);
  }

  /**
   * The HTTP/1.1 chunked body LiteFS sends for these lines: it flushes after each event, so each
   * line is one chunk; then the last chunk.
   */
  public static byte[] chunked(List<byte[]> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] line : lines) {
      out.writeBytes(FakeHttpServer.ascii(Integer.toHexString(line.length) + "\r\n"));
      out.writeBytes(line);
      out.writeBytes(FakeHttpServer.ascii("\r\n"));
    }
    out.writeBytes(FakeHttpServer.ascii("0\r\n\r\n"));
    return out.toByteArray();
  }

  /**
   * A generated stream (see {@link EventLines#corpus}).
   *
   * @param lines every line (the init event first), each with its newline; unmodifiable
   * @param txEvents how many of them are {@code tx} events
   */
  public record Corpus(List<byte[]> lines, int txEvents) {
    /** The NDJSON text: every line, each ending with a newline. */
    public byte[] ndjson() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      lines.forEach(out::writeBytes);
      return out.toByteArray();
    }

    /** The chunked HTTP body LiteFS would send (see {@link EventLines#chunked}). */
    public byte[] chunkedBody() {
      return chunked(lines);
    }

    /** The first {@code tx} line without its newline, for reports; empty if there is none. */
    public String sampleTxLine() {
      return lines.size() < 2 ? "" : new String(lines.get(1), StandardCharsets.UTF_8).strip();
    }
  }
}
