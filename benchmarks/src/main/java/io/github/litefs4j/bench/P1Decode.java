package io.github.litefs4j.bench;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventSubscription;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.TxEvent;
import io.github.litefs4j.testsupport.EventLines;
import io.github.litefs4j.testsupport.FakeHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P1, event decode throughput: the same N real-shaped tx events, streamed by one local server to
 * each client in turn (litefs4j's {@code LiteFsClient.subscribeEvents()}, the Go baseline's
 * subscription), events per second; then the decoder alone on the same bytes in memory.
 */
final class P1Decode {
  /** The database the corpus's tx events name. */
  static final String DATABASE = "bench.db";

  private static final int WRITE = 64 * 1024;
  private static long sink;

  private P1Decode() {}

  static void run(Context c) throws Exception {
    int n = c.config.p1Events();
    EventLines.Corpus corpus = EventLines.corpus(DATABASE, n);
    double[] javaRates = new double[c.config.p1Rounds()];
    double[] goRates = new double[c.config.p1Rounds()];
    try (FakeHttpServer server = eventServer(corpus)) {
      LiteFsClient client = LiteFsClient.create(server.uri());
      c.log("P1: warm-up (%,d events per pass)", n);
      for (int i = 0; i < 3; i++) {
        javaPass(client, n);
      }
      goPass(c, server, n);
      for (int r = 0; r < c.config.p1Rounds(); r++) {
        boolean goFirst = r % 2 == 0;
        if (goFirst) {
          goRates[r] = n / (goPass(c, server, n) / 1e9);
        }
        javaRates[r] = n / (javaPass(client, n) / 1e9);
        if (!goFirst) {
          goRates[r] = n / (goPass(c, server, n) / 1e9);
        }
        c.log(
            "P1: round %d: litefs4j %s events/s, Go %s events/s",
            r + 1, Report.num("%,.0f", javaRates[r]), Report.num("%,.0f", goRates[r]));
      }
    }
    double j = Stats.median(javaRates);
    double g = Stats.median(goRates);
    c.report.row(
        new Report.Row(
            "P1 event decode throughput",
            "events/s over HTTP from one local server, median of " + javaRates.length + " rounds",
            Report.rate(j),
            Report.rate(g),
            Report.ratio(javaRates, goRates, 50),
            "litefs4j >= 2x",
            Report.Verdict.of(j / g >= 2.0)));
    String section = "P1 event decode throughput";
    c.report.detail(
        section,
        "One server on 127.0.0.1 (the shared `FakeHttpServer`, in the runner's JVM) answers `GET /events`"
            + " with the same pre-rendered body each time: the `init` event and "
            + Report.count(n)
            + " `tx` events, "
            + Report.num("%.1f", corpus.chunkedBody().length / 1048576.0)
            + " MiB, in HTTP/1.1 chunked encoding with one chunk per event as LiteFS sends it (it"
            + " flushes after each event), written in 64 KiB socket writes. A line looks like: `"
            + corpus.sampleTxLine()
            + "`. A pass starts before the request and ends when the client has handed out the"
            + " last tx event as a typed value (litefs4j: `TxEvent` with `Position` and `Instant`;"
            + " Go: `TxData` with `time.Time`, after litefs-go's double decode through"
            + " `json.RawMessage`). litefs4j runs in the runner's JVM after 3 warm-up passes; the"
            + " Go program is started once per round and makes one warm-up pass first. Rounds"
            + " alternate which side goes first.");
    c.report.detail(
        section, "- litefs4j events/s per round: " + Report.list(javaRates, 1, "%,.0f"));
    c.report.detail(
        section, "- Go baseline events/s per round: " + Report.list(goRates, 1, "%,.0f"));
    inMemory(c);
  }

  /**
   * The local event server: answers {@code GET /events} with the same pre-rendered chunked NDJSON
   * response every time (head and body in one array), in 64 KiB socket writes, then closes the
   * connection; both clients decode identical bytes and the server costs one memory copy per write.
   * Anything else gets 404.
   */
  static FakeHttpServer eventServer(EventLines.Corpus corpus) throws IOException {
    byte[] head =
        FakeHttpServer.ascii(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    byte[] body = corpus.chunkedBody();
    byte[] response = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, response, head.length, body.length);
    return FakeHttpServer.startUnrecorded(
        exchange -> {
          if (!exchange.requestLine().startsWith("GET /events ")) {
            exchange.respond(404, "");
            return;
          }
          exchange.socket().setTcpNoDelay(true);
          exchange.rawInWrites(response, WRITE);
        });
  }

  /** One pass of litefs4j's pull subscription; returns the nanoseconds it took. */
  static long javaPass(LiteFsClient client, int n) {
    long start = System.nanoTime();
    EventSubscription sub = client.subscribeEvents();
    long elapsed;
    try {
      int count = 0;
      long s = 0;
      while (count < n) {
        Event e = sub.next();
        if (e instanceof TxEvent tx) {
          count++;
          s += tx.commit() + tx.timestamp().toEpochMilli() + tx.position().txid();
        }
      }
      elapsed = System.nanoTime() - start;
      sink += s;
    } finally {
      sub.close();
    }
    return elapsed;
  }

  private static double goPass(Context c, FakeHttpServer server, int n) {
    Map<String, Object> result =
        c.go.run(
            Duration.ofMinutes(3),
            "decode",
            "-url",
            server.uri().toString(),
            "-n",
            String.valueOf(n),
            "-warmup",
            "1");
    return Json.number(result, "ns");
  }

  /** The decoders alone: litefs4j's event decoder in JMH, the Go baseline's over a bytes.Reader. */
  private static void inMemory(Context c) throws Exception {
    Path file = c.work.resolve("events-10k.ndjson");
    Files.write(file, EventLines.corpus(DATABASE, 10_000).ndjson());
    double[] java = {};
    double[] go = {};
    for (int i = 0; i < c.config.repeats(); i++) {
      c.log("P1 in memory: round %d of %d", i + 1, c.config.repeats());
      go =
          Stats.concat(
              go,
              Json.numbers(
                  c.go.run(
                      Duration.ofMinutes(3),
                      "decode-mem",
                      "-file",
                      file.toString(),
                      "-rounds",
                      "5"),
                  "eventsPerSec"));
      java =
          Stats.concat(
              java,
              Jmh.run(
                      c.config,
                      EventDecodeBenchmark.class,
                      c.jmhLog("decode-" + i),
                      TimeUnit.SECONDS,
                      "events",
                      "10000")
                  .get("decodeLines"));
    }
    double j = Stats.median(java);
    double g = Stats.median(go);
    c.report.row(
        new Report.Row(
            "P1 (decoder alone)",
            "events/s decoded from memory, median",
            Report.rate(j),
            Report.rate(g),
            Report.ratio(java, go, 50),
            "(context for P1)",
            Report.Verdict.NONE));
    String section = "P1 event decode throughput";
    c.report.detail(
        section,
        "Decoder alone, no HTTP: litefs4j's internal `EventDecoder.decode` on each line of the"
            + " first 10,000 events, in JMH (1 fork, "
            + c.config.jmhIterations()
            + " x 1 s iterations per repeat); the Go baseline's `json.Decoder` over a"
            + " `bytes.Reader` of the same 10,000 events, 5 rounds per repeat.");
    c.report.detail(
        section, "- litefs4j decoder events/s per iteration: " + Report.list(java, 1, "%,.0f"));
    c.report.detail(
        section, "- Go baseline decoder events/s per round: " + Report.list(go, 1, "%,.0f"));
  }

  static long sink() {
    return sink;
  }
}
