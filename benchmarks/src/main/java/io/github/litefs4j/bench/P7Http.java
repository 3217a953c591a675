package io.github.litefs4j.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * P7, HTTP workloads against the notes sample (Spring Boot + the litefs4j starter) on a replica:
 * (a) reads carrying the {@code __txid} cookie of a fresh write on the primary, through LiteFS's
 * proxy (1 ms polls) vs the starter's event-driven read-your-writes; (b) writes sent to the
 * replica's application in {@code forward} mode vs straight to the primary's. Latency from an
 * open-loop constant-rate generator, throughput from a closed-loop saturation run; the two sides
 * alternate in rounds. See {@link NotesCluster} for the setup and {@link LoadGen} for the load.
 */
final class P7Http {
  private static final String SECTION = "P7 HTTP workloads against the notes sample on a replica";

  private P7Http() {}

  /** The sizes of one run. */
  private record Sizes(
      int rounds,
      int latencySeconds,
      double pairsPerSecond,
      double writesPerSecond,
      int saturationSeconds,
      int workers,
      double feedPerSecond,
      int warmupSeconds) {
    static Sizes of(Context c) {
      return c.config.name().equals("quick")
          ? new Sizes(1, 4, 20, 20, 3, 4, 20, 1)
          : new Sizes(4, 8, 25, 25, 5, 4, 20, 3);
    }
  }

  /** What one side measured over every round. */
  private static final class Side {
    final String name;
    final URI uri;
    final List<double[]> latency = new ArrayList<>();
    final List<double[]> rate = new ArrayList<>();
    final List<double[]> plain = new ArrayList<>();
    int failed;
    String firstFailure;

    Side(String name, URI uri) {
      this.name = name;
      this.uri = uri;
    }

    double[] latency() {
      return Stats.concat(latency.toArray(double[][]::new));
    }

    /** Keeps a run's samples in {@code into} and counts its failures. */
    void add(List<double[]> into, LoadGen.Run run) {
      into.add(run.samples());
      failed += run.failed();
      if (firstFailure == null && run.firstFailure() != null) {
        String m = String.valueOf(run.firstFailure().getMessage());
        firstFailure = m.length() > 300 ? m.substring(0, 300) + "..." : m;
      }
    }

    double[] plain() {
      return Stats.concat(plain.toArray(double[][]::new));
    }

    double[] rate() {
      return Stats.concat(rate.toArray(double[][]::new));
    }
  }

  static void run(Context c, Path litefs, Path parent) throws Exception {
    Sizes s = Sizes.of(c);
    c.log("P7: starting a 2-node cluster with LiteFS's proxy and 3 notes applications");
    Side proxy;
    Side starter;
    Side forward;
    Side direct;
    try (NotesCluster notes = NotesCluster.start(litefs, parent)) {
      proxy = new Side("LiteFS proxy", notes.replicaProxy);
      starter = new Side("litefs4j starter", notes.starterReplicaApp);
      forward = new Side("litefs4j forward", notes.starterReplicaApp);
      direct = new Side("straight to the primary", notes.primaryApp);
      NotesCluster.Written old = notes.write(notes.primaryApp).get();
      NotesCluster.Written noCookie = new NotesCluster.Written(old.id(), null);
      for (Side side : List.of(proxy, starter)) {
        LoadGen.constantRate(pair(notes, side), s.pairsPerSecond(), secs(s.warmupSeconds()));
      }
      for (Side side : List.of(forward, direct)) {
        LoadGen.constantRate(write(notes, side), s.writesPerSecond(), secs(s.warmupSeconds()));
      }
      for (int r = 0; r < s.rounds(); r++) {
        List<Side> reads = r % 2 == 0 ? List.of(proxy, starter) : List.of(starter, proxy);
        for (Side side : reads) {
          side.add(
              side.latency,
              LoadGen.constantRate(
                  pair(notes, side), s.pairsPerSecond(), secs(s.latencySeconds())));
          side.add(side.rate, saturateReads(notes, side, s));
          side.add(
              side.plain,
              LoadGen.constantRate(
                  read(notes, side, noCookie),
                  s.pairsPerSecond(),
                  secs(Math.max(1, s.latencySeconds() / 2))));
          c.log("P7 round %d: reads via %s: wait p50 %s", r + 1, side.name, p50(side));
        }
        List<Side> writes = r % 2 == 0 ? List.of(forward, direct) : List.of(direct, forward);
        for (Side side : writes) {
          side.add(
              side.latency,
              LoadGen.constantRate(
                  write(notes, side), s.writesPerSecond(), secs(s.latencySeconds())));
          side.add(
              side.rate,
              LoadGen.closedLoop(write(notes, side), s.workers(), s.saturationSeconds()));
          c.log("P7 round %d: writes %s: p50 %s", r + 1, side.name, p50(side));
        }
      }
    }
    report(c, s, proxy, starter, forward, direct);
  }

  /** A write on the primary's application, then the read with its cookie: the read's latency. */
  private static LoadGen.Op pair(NotesCluster notes, Side side) {
    return intended ->
        notes
            .write(notes.primaryApp)
            .thenCompose(
                w -> {
                  long sent = System.nanoTime();
                  return notes.read(side.uri, w).thenApply(v -> System.nanoTime() - sent);
                });
  }

  /**
   * A read of an old note without a cookie (nothing to wait for); latency from the planned start.
   */
  private static LoadGen.Op read(NotesCluster notes, Side side, NotesCluster.Written note) {
    return intended -> notes.read(side.uri, note).thenApply(v -> System.nanoTime() - intended);
  }

  /** A write to the side's application; latency from the planned start. */
  private static LoadGen.Op write(NotesCluster notes, Side side) {
    return intended -> notes.write(side.uri).thenApply(w -> System.nanoTime() - intended);
  }

  /**
   * Closed-loop reads, each carrying the cookie of the newest write, while a feed writes on the
   * primary at a constant rate.
   */
  private static LoadGen.Run saturateReads(NotesCluster notes, Side side, Sizes s)
      throws Exception {
    AtomicReference<NotesCluster.Written> latest =
        new AtomicReference<>(notes.write(notes.primaryApp).get());
    LoadGen.Op feed =
        intended ->
            notes
                .write(notes.primaryApp)
                .thenApply(
                    w -> {
                      latest.set(w);
                      return 0L;
                    });
    CompletableFuture<LoadGen.Run> writer = new CompletableFuture<>();
    Thread feeder =
        new Thread(
            () -> {
              try {
                writer.complete(
                    LoadGen.constantRate(feed, s.feedPerSecond(), secs(s.saturationSeconds())));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                writer.completeExceptionally(e);
              } catch (RuntimeException e) {
                writer.completeExceptionally(e);
              }
            },
            "p7-feed");
    feeder.start();
    LoadGen.Run rates =
        LoadGen.closedLoop(
            intended -> {
              long sent = System.nanoTime();
              return notes.read(side.uri, latest.get()).thenApply(v -> System.nanoTime() - sent);
            },
            s.workers(),
            s.saturationSeconds());
    writer.get();
    return rates;
  }

  private static void report(
      Context c, Sizes s, Side proxy, Side starter, Side forward, Side direct) throws Exception {
    double[] sw = starter.latency();
    double[] pw = proxy.latency();
    double[] sr = starter.rate();
    double[] pr = proxy.rate();
    double[] fw = forward.latency();
    double[] dw = direct.latency();
    double[] fr = forward.rate();
    double[] dr = direct.rate();
    String other = " (second column: LiteFS's proxy on the replica)";
    c.report.row(
        new Report.Row(
            "P7a reads with a fresh `__txid` cookie on a replica",
            "reads/s, "
                + s.workers()
                + " readers in a closed loop, median of "
                + sr.length
                + " one-second windows"
                + other,
            Report.rate(Stats.median(sr)),
            Report.rate(Stats.median(pr)),
            Report.ratio(sr, pr, 50),
            "litefs4j >= 1.5x",
            Report.Verdict.of(Stats.median(sr) / Stats.median(pr) >= 1.5)));
    c.report.row(
        new Report.Row(
            "P7a reads with a fresh `__txid` cookie on a replica",
            "wait: read response time after the write, p50 / p99 of "
                + sw.length
                + " per side at "
                + Report.num("%.0f", s.pairsPerSecond())
                + " writes+reads/s (open loop)"
                + other,
            Report.ms(Stats.median(sw)) + " / " + Report.ms(Stats.percentile(sw, 99)),
            Report.ms(Stats.median(pw)) + " / " + Report.ms(Stats.percentile(pw, 99)),
            Report.ratio(sw, pw, 50),
            "lower p50 than the proxy's",
            Report.Verdict.of(Stats.median(sw) < Stats.median(pw))));
    String ceiling = " (second column: the same writes straight to the primary's application)";
    c.report.row(
        new Report.Row(
            "P7b writes to a replica's application in `forward` mode",
            "write response time from the planned send, p50 / p99 of "
                + fw.length
                + " per side at "
                + Report.num("%.0f", s.writesPerSecond())
                + " writes/s (open loop)"
                + ceiling,
            Report.ms(Stats.median(fw)) + " / " + Report.ms(Stats.percentile(fw, 99)),
            Report.ms(Stats.median(dw)) + " / " + Report.ms(Stats.percentile(dw, 99)),
            Report.ratio(fw, dw, 50),
            "<= 1.3x at p50",
            Report.Verdict.of(Stats.median(fw) / Stats.median(dw) <= 1.3)));
    c.report.row(
        new Report.Row(
            "P7b writes to a replica's application in `forward` mode",
            "writes/s, "
                + s.workers()
                + " writers in a closed loop, median of "
                + fr.length
                + " one-second windows"
                + ceiling,
            Report.rate(Stats.median(fr)),
            Report.rate(Stats.median(dr)),
            Report.ratio(fr, dr, 50),
            "(context for P7b)",
            Report.Verdict.NONE));
    details(c, s, proxy, starter, forward, direct);
  }

  private static void details(
      Context c, Sizes s, Side proxy, Side starter, Side forward, Side direct) throws Exception {
    c.report.detail(
        SECTION,
        "A static-lease cluster of a primary and one replica (litefs4j-testing's `LiteFsCluster`"
            + " with `proxy(\"notes.db\", ...)`: LiteFS's built-in HTTP proxy on every node), and"
            + " the notes sample (`litefs4j-examples`, Spring Boot with the litefs4j starter,"
            + " Tomcat on 127.0.0.1) started three times in the runner's JVM: on the primary; on"
            + " the replica behind the replica's LiteFS proxy, with the starter's read-your-writes"
            + " off (`litefs.read-your-writes.enabled=false`); and on the replica reached"
            + " directly, with the starter's read-your-writes (it waits on the node's event"
            + " stream, core's `PositionWaiter.withEvents`) and `forward` routing to the primary's"
            + " application. Client: the JDK's `HttpClient` (HTTP/1.1, asynchronous), in the"
            + " runner's JVM.");
    c.report.detail(
        SECTION,
        "Load generator: an in-JVM open-loop generator at a constant rate that measures each"
            + " latency from the request's planned send time, so a stall is counted, not omitted;"
            + " chosen over vegeta because each read must carry the cookie of its own write, a"
            + " chained pair that a fixed target list cannot express. Throughput is a separate"
            + " closed-loop saturation run ("
            + s.workers()
            + " concurrent loops, counted in one-second windows). "
            + s.rounds()
            + (s.rounds() == 1 ? " round; in it," : " rounds; in each,")
            + " both sides of (a), then both of (b), the order swapped every"
            + " round; each side first got "
            + s.warmupSeconds()
            + " s of untimed load. Ratios are litefs4j ÷ the second column, intervals by"
            + " bootstrap over the samples (latencies) or the windows (throughput).");
    c.report.detail(
        SECTION,
        "(a) Per pair: `POST /notes` to the primary's application (the starter sets `__txid`"
            + " to the primary's TXID after the commit, in the proxy's format), then at once `GET"
            + " /notes/<id>` with that cookie on the replica: through LiteFS's proxy (it checks"
            + " the replica's position every 1 ms until it reaches the cookie's TXID, then"
            + " forwards to the application) or straight to the starter's application (it waits"
            + " for the tx event). A read must answer 200 with the new note, else the run fails."
            + " The wait is the read's response time, from the moment the write's response"
            + " arrived (its planned send time). Reads/s: "
            + s.workers()
            + " loops of such reads, each with the cookie of the newest of the writes that a"
            + " feed makes on the primary at "
            + Report.num("%.0f", s.feedPerSecond())
            + "/s. For scale, each side also served, at the same rate, reads of an old note"
            + " without a cookie (the HTTP path alone: the proxy's extra hop, no wait).");
    c.report.detail(
        SECTION,
        "(b) `POST /notes` (201 required) to the replica's starter application in `forward`"
            + " mode (it proxies the write to the primary's application and relays the answer)"
            + " vs the same request straight to the primary's application, the ceiling. LiteFS's"
            + " own proxy is no third side here: on a replica v0.5.14 answers a write with `200`"
            + " and `fly-replay: instance=<primary>` without forwarding it (only Fly.io's edge"
            + " replays it; `LiteFsProxyIT` in litefs4j-testing shows it).");
    for (Side side : List.of(starter, proxy)) {
      double[] l = side.plain();
      c.report.detail(
          SECTION,
          String.format(
              Locale.ROOT,
              "- reads without a cookie (an old note: nothing to wait for), %s: p50 %s, p99 %s"
                  + " (n=%d)",
              side.name,
              Report.ms(Stats.median(l)),
              Report.ms(Stats.percentile(l, 99)),
              l.length));
    }
    for (Side side : List.of(starter, proxy, forward, direct)) {
      double[] l = side.latency();
      c.report.detail(
          SECTION,
          String.format(
              Locale.ROOT,
              "- %s: %s (n=%d); per second in the closed loop: %s; failed requests: %d%s",
              side == forward || side == direct ? "writes, " + side.name : "reads, " + side.name,
              Report.spread(l),
              l.length,
              Report.list(side.rate(), 1, "%.0f"),
              side.failed,
              side.firstFailure == null ? "" : " (the first: " + side.firstFailure + ")"));
    }
    plotCdf(
        c,
        "p7-reads-with-txid",
        "P7a: read with a fresh __txid cookie on a replica, response time, cumulative",
        Report.num("%.0f", s.pairsPerSecond()) + " pairs/s",
        starter,
        "litefs4j starter (event-driven)",
        proxy,
        "LiteFS proxy (1 ms polls)",
        "P7a, cumulative distribution of the read-your-writes read");
    plotCdf(
        c,
        "p7-forwarded-writes",
        "P7b: write response time, cumulative",
        Report.num("%.0f", s.writesPerSecond()) + " writes/s",
        forward,
        "replica app, forward mode",
        direct,
        "primary app (ceiling)",
        "P7b, cumulative distribution of the write response time");
  }

  /** One P7 figure: the CDFs of two sides' latencies, captioned with their p50 ratio. */
  private static void plotCdf(
      Context c,
      String name,
      String title,
      String rate,
      Side first,
      String firstLabel,
      Side second,
      String secondLabel,
      String caption)
      throws java.io.IOException {
    c.plot(
        SECTION,
        name,
        new Plot(title, "scripts/bench --only p7; open loop at " + rate + "; " + c.loadNote())
            .series(firstLabel, first.latency())
            .series(secondLabel, second.latency()),
        caption
            + "; p50 ratio "
            + Report.ratio(first.latency(), second.latency(), 50)
            + "; reproduce with `scripts/bench --only p7`");
  }

  private static String p50(Side side) {
    return Report.ms(Stats.median(side.latency.get(side.latency.size() - 1)));
  }

  private static Duration secs(int seconds) {
    return Duration.ofSeconds(seconds);
  }
}
