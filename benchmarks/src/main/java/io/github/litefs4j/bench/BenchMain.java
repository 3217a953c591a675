package io.github.litefs4j.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark runner that {@code scripts/bench} starts: runs every metric against one real LiteFS
 * cluster and one local event server, alternating litefs4j and the Go side, and writes
 * BENCHMARKS.md.
 *
 * <pre>
 * java -cp ... io.github.litefs4j.bench.BenchMain --litefs .litefs/bin/litefs
 *     --litefs-version v0.5.14 --go benchmarks/go/target/litefs4j-bench-go
 *     --ofdlock benchmarks/c/target/ofdlock --out BENCHMARKS.md [--quick] [--only lock,p1,...]
 * </pre>
 */
public final class BenchMain {
  private static final List<String> ALL =
      List.of("lock", "p1", "p6", "p2", "p4", "p3", "p8", "p9", "p7", "p5");

  private BenchMain() {}

  /**
   * Runs the benchmarks.
   *
   * @param args see the class comment
   * @throws Exception if the run cannot be set up; a failing metric is reported and makes the exit
   *     code 1
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    Config config = opts.containsKey("quick") ? Config.quick() : Config.full();
    Path out = Path.of(opts.getOrDefault("out", "BENCHMARKS.md"));
    Path work =
        Files.createDirectories(Path.of(opts.getOrDefault("work", "benchmarks/target/run")));
    Set<String> only =
        new HashSet<>(Arrays.asList(opts.getOrDefault("only", String.join(",", ALL)).split(",")));
    GoProgram go = new GoProgram(Path.of(required(opts, "go")));
    Path litefs = Path.of(required(opts, "litefs"));
    Report report = new Report();
    System.setProperty("java.awt.headless", "true");
    Path plots = Path.of(opts.getOrDefault("plots", work.resolve("plots").toString()));
    Context c =
        new Context(config, go, Path.of(required(opts, "ofdlock")), report, work, plots, out);
    Instant started = Instant.now();
    String loadBefore = Machine.loadAverage();
    c.log("litefs4j benchmarks (%s run): %s", config.name(), only);

    Map<String, Object> goVersions = go.run(Duration.ofSeconds(30), "version");
    Map<String, Throwable> failures = new java.util.LinkedHashMap<>();
    Map<String, String> loads = new java.util.LinkedHashMap<>();
    String sqlite = "?";

    if (only.contains("lock")) {
      metric(c, "lock", failures, loads, () -> LockCost.run(c));
    }
    if (only.contains("p1")) {
      metric(c, "P1", failures, loads, () -> P1Decode.run(c));
    }
    int replicaPort = 20203;
    if (only.stream().anyMatch(m -> List.of("p2", "p3", "p4", "p6").contains(m))) {
      c.log("starting a LiteFS cluster (1 primary, 1 replica)");
      try (BenchCluster cluster = BenchCluster.start(litefs, work.resolve("clusters"))) {
        replicaPort = cluster.replica().httpPort();
        sqlite = sqliteVersion(cluster);
        if (only.contains("p6")) {
          metric(c, "P6", failures, loads, () -> P6Reads.run(c, cluster));
        }
        if (only.contains("p2")) {
          metric(c, "P2", failures, loads, () -> P2Halt.run(c, cluster));
        }
        if (only.contains("p4")) {
          metric(c, "P4", failures, loads, () -> P4ReadYourWrites.run(c, cluster));
        }
        if (only.contains("p3")) {
          metric(c, "P3", failures, loads, () -> P3PrimaryChange.run(c, cluster));
        }
        c.log("stopping the cluster");
      }
    }
    if (only.contains("p8")) {
      metric(c, "P8", failures, loads, () -> P8Failover.run(c, litefs, work.resolve("clusters")));
    }
    if (only.contains("p9")) {
      metric(c, "P9", failures, loads, () -> P9Replicated.run(c, litefs, work.resolve("clusters")));
    }
    if (only.contains("p7")) {
      metric(c, "P7", failures, loads, () -> P7Http.run(c, litefs, work.resolve("clusters")));
    }
    if (only.contains("p5")) {
      int port = replicaPort;
      metric(c, "P5", failures, loads, () -> P5Idle.run(c, port));
    }

    Duration took = Duration.between(started, Instant.now());
    machine(report, opts, goVersions, sqlite, loadBefore, loads);
    String header =
        "# Benchmarks: litefs4j side by side with litefs-go\n\n"
            + "Written by `scripts/bench` ("
            + config.name()
            + " run) on "
            + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC)
                .format(started)
            + "; the run took "
            + took.toMinutes()
            + " min "
            + took.toSecondsPart()
            + " s. Every figure below comes from that one run on that one machine; litefs4j and"
            + " the Go side ran in alternating rounds against the same LiteFS cluster and the same"
            + " local event stream. Medians unless said otherwise. This is a benchmark, not a"
            + " test: nothing in the build asserts a time.";
    String analysis =
        opts.containsKey("analysis") && Files.exists(Path.of(opts.get("analysis")))
            ? Files.readString(Path.of(opts.get("analysis")), StandardCharsets.UTF_8)
            : "";
    failures.forEach(
        (name, e) ->
            report.row(
                new Report.Row(
                    name, "**failed**: " + firstLine(e), "", "", "", "", Report.Verdict.NONE)));
    Path target = failures.isEmpty() ? out : work.resolve("BENCHMARKS.failed.md");
    report.write(target, header, sides(goVersions), analysis);
    c.log("wrote %s", target.toAbsolutePath());
    if (!failures.isEmpty()) {
      failures.forEach((name, e) -> e.printStackTrace(System.err));
      System.exit(1);
    }
  }

  /** A metric's body. */
  private interface Body {
    void run() throws Exception;
  }

  private static void metric(
      Context c,
      String name,
      Map<String, Throwable> failures,
      Map<String, String> loads,
      Body body) {
    String before = Machine.loadAverage();
    try {
      body.run();
    } catch (Exception | Error e) {
      c.log("%s failed: %s", name, e);
      failures.put(name, e);
    }
    loads.put(name, before + " → " + Machine.loadAverage());
  }

  private static void machine(
      Report report,
      Map<String, String> opts,
      Map<String, Object> go,
      String sqlite,
      String loadBefore,
      Map<String, String> loads) {
    report.machine(
        "machine",
        Machine.cpuModel()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + Machine.memory()
            + " RAM");
    report.machine("OS", Machine.os());
    report.machine("JDK", Machine.jdk() + " (default JVM options; JMH forks use the same JVM)");
    report.machine(
        "Go",
        Json.string(go, "go")
            + "; litefs-go "
            + Json.string(go, "litefsGo")
            + "; go-sqlite3 "
            + Json.string(go, "goSqlite3")
            + " (SQLite "
            + Json.string(go, "sqlite")
            + ")");
    report.machine(
        "litefs4j",
        "commit "
            + opts.getOrDefault("commit", "?")
            + "; sqlite-jdbc "
            + sqliteJdbcVersion()
            + " (SQLite "
            + sqlite
            + ")");
    report.machine(
        "LiteFS",
        opts.getOrDefault("litefs-version", "?")
            + ", built from the Go module proxy by `scripts/install-litefs`; clusters started by"
            + " litefs4j-testing's `LiteFsCluster`: a primary and one replica on a static lease"
            + " (lock, P1-P6, P7), three nodes on a static lease (P9), three nodes on a Consul"
            + " v1.14.8 lease (P8); FUSE mounts and HTTP on 127.0.0.1 of this machine");
    StringBuilder load =
        new StringBuilder("load average (1 / 5 / 15 min) before the run: " + loadBefore);
    loads.forEach((k, v) -> load.append("; ").append(k).append(": ").append(v));
    report.machine(
        "machine load", load + ". The machine has 2 cores; anything above 0 is other work.");
  }

  private static String sides(Map<String, Object> go) {
    return "## Who is measured\n\n"
        + "- **litefs4j**: this repository's `litefs4j-core`, called from Java as an application"
        + " would.\n"
        + "- **litefs-go, real**: the Go module proxy serves only `github.com/superfly/litefs-go "
        + Json.string(go, "litefsGo")
        + "` (commit 34ea5dc, February 2023), which has `Halt`, `Unhalt` and `WithHalt`. P2 and"
        + " the lock cost use it as is.\n"
        + "- **Go baseline** (P1, P3, P5, P6): litefs-go's event client, `PrimaryMonitor` and"
        + " `Lag` came later (commit bcdba8b, September 2023), which the module proxy does not"
        + " serve. `benchmarks/go` holds a Go baseline written after litefs-go's client at"
        + " bcdba8b: the same `json.Decoder` over the `/events` body into an event with"
        + " `json.RawMessage` data that is decoded a second time into the typed struct, the same"
        + " monitor loop that calls `Next()` again at once after an error (no backoff), and"
        + " `os.ReadFile` + parse for `.lag` and `-pos`. It is labelled \"litefs-go\" in the"
        + " table for brevity; it is not litefs-go's own code.\n"
        + "- The Go program (`benchmarks/go`, versions pinned in its go.mod/go.sum) is started"
        + " as a subprocess per round and prints JSON; its times are taken inside it, as"
        + " litefs4j's are taken inside the runner's JVM.";
  }

  private static String sqliteVersion(BenchCluster cluster) {
    try (Connection conn = BenchCluster.open(cluster.primaryDb());
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
      rs.next();
      return rs.getString(1);
    } catch (Exception e) {
      return "? (" + e.getMessage() + ")";
    }
  }

  private static String sqliteJdbcVersion() {
    try {
      return new org.sqlite.JDBC().getMajorVersion()
          + "."
          + new org.sqlite.JDBC().getMinorVersion()
          + " ("
          + org.sqlite.SQLiteJDBCLoader.getVersion()
          + ")";
    } catch (Exception e) {
      return "?";
    }
  }

  /** The first line of a failure, at most 300 characters, safe in a table cell. */
  private static String firstLine(Throwable e) {
    String text = e.toString().lines().findFirst().orElse("").replace('|', '/');
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static String required(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String name = args[i].substring(2);
      if (name.equals("quick")) {
        opts.put(name, "true");
      } else if (i + 1 < args.length) {
        opts.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
    }
    return opts;
  }
}
