package io.github.litefs4j.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * N real-shaped LiteFS events: the {@code init} event a replica sends first, then N {@code tx}
 * events, each line exactly as LiteFS v0.5.14 encodes it (Go's json.Encoder: fields in struct
 * order, one event per line; TXID and checksum as 16 lowercase hex digits, the checksum with LTX's
 * flag bit set; the timestamp in UTC with millisecond precision, Go's RFC 3339 form with trailing
 * zeros dropped). Deterministic: the same N gives the same bytes.
 */
final class EventCorpus {
  static final String DATABASE = "bench.db";
  private static final String INIT =
      "{\"type\":\"init\",\"data\":{\"isPrimary\":false,\"hostname\":\"node-0\"}}\n";
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final List<byte[]> lines;
  private final int txEvents;

  private EventCorpus(List<byte[]> lines, int txEvents) {
    this.lines = lines;
    this.txEvents = txEvents;
  }

  /** The init event and {@code n} tx events. */
  static EventCorpus of(int n) {
    Random random = new Random(20230914L);
    List<byte[]> lines = new ArrayList<>(n + 1);
    lines.add(INIT.getBytes(StandardCharsets.UTF_8));
    long millis = Instant.parse("2025-11-24T04:20:00Z").toEpochMilli();
    long commit = 2;
    for (int i = 1; i <= n; i++) {
      millis += random.nextInt(40);
      commit += random.nextInt(8) == 0 ? 1 : 0;
      long checksum = random.nextLong() | 0x8000_0000_0000_0000L;
      String line =
          "{\"type\":\"tx\",\"db\":\""
              + DATABASE
              + "\",\"data\":{\"txID\":\""
              + hex16(i)
              + "\",\"postApplyChecksum\":\""
              + hex16(checksum)
              + "\",\"pageSize\":4096,\"commit\":"
              + commit
              + ",\"timestamp\":\""
              + goTimestamp(millis)
              + "\"}}\n";
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
    return new EventCorpus(lines, n);
  }

  int txEvents() {
    return txEvents;
  }

  /** The tx events' lines, for the in-memory decode benchmark. */
  List<byte[]> lines() {
    return lines;
  }

  /** The NDJSON text: every line, each ending with a newline. */
  byte[] ndjson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    lines.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /**
   * The HTTP/1.1 chunked body LiteFS sends: it flushes after each event, so each event is one
   * chunk; then the last chunk.
   */
  byte[] chunkedBody() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] line : lines) {
      out.writeBytes(
          (Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(line);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** A sample line, for the report. */
  String sampleTxLine() {
    return new String(lines.get(1), StandardCharsets.UTF_8).strip();
  }

  static String hex16(long v) {
    String s = Long.toHexString(v);
    return "0".repeat(16 - s.length()) + s;
  }

  /** Go's time.Time JSON form of a UTC millisecond timestamp (RFC 3339, zeros trimmed). */
  static String goTimestamp(long epochMillis) {
    Instant t = Instant.ofEpochMilli(epochMillis);
    int ms = (int) Math.floorMod(epochMillis, 1000L);
    String fraction = "";
    if (ms != 0) {
      fraction = "." + String.format("%03d", ms).replaceAll("0+$", "");
    }
    return SECONDS.format(t) + fraction + "Z";
  }
}
