package io.github.litefs4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P5, the idle cost while the node is down: a primary monitor pointed at a node that refuses
 * connections, for a fixed window: CPU seconds of the client's process and its TCP connection
 * attempts.
 *
 * <p>Each client runs as its own process in its own network namespace ({@code unshare --net},
 * loopback up, nothing listening: the node's address refuses connections exactly as a stopped node
 * does). The namespace makes the count exact: its {@code /proc/<pid>/net/snmp} {@code ActiveOpens}
 * counts every SYN the client sends and nothing else on the machine.
 */
final class P5Idle {
  private P5Idle() {}

  /** What one process cost during the window. */
  record Cost(
      double cpuSeconds,
      long attempts,
      double windowSeconds,
      double warmupCpuSeconds,
      long warmupAttempts,
      Map<String, Object> exit) {}

  /** The window starts this long after the monitor started: startup is not idle cost. */
  static final int WARMUP_SECONDS = 5;

  static void run(Context c, int port) throws Exception {
    checkUnshare();
    String uri = "http://127.0.0.1:" + port;
    int seconds = c.config.p5Seconds();
    List<String> java =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            IdleMonitorMain.class.getName());
    c.log("P5: litefs4j monitor and a JVM without monitor, %d s, node down", seconds);
    Process control = start(concat(java, "none"));
    Process litefs4j = start(concat(java, uri));
    Cost[] both = measure(seconds, control, litefs4j);
    Cost jvm = both[0];
    Cost j = both[1];
    c.log("P5: Go baseline monitor, %d s, node down", seconds);
    Cost g = measure(seconds, start(c.go.command("idle", "-url", uri)))[0];
    double core = seconds;
    c.report.row(
        new Report.Row(
            "P5 idle cost, node down",
            "CPU seconds in " + seconds + " s (share of one core)",
            Report.num("%.3f s", j.cpuSeconds()) + " (" + percent(j.cpuSeconds() / core) + ")",
            Report.num("%.3f s", g.cpuSeconds()) + " (" + percent(g.cpuSeconds() / core) + ")",
            Report.ratio(j.cpuSeconds() / g.cpuSeconds()),
            "litefs4j < 1% of a core",
            Report.Verdict.of(j.cpuSeconds() / core < 0.01)));
    c.report.row(
        new Report.Row(
            "P5 idle cost, node down",
            "TCP connection attempts in " + seconds + " s",
            Report.count(j.attempts()),
            Report.count(g.attempts()),
            g.attempts() == 0 ? "" : Report.num("%.5fx", (double) j.attempts() / g.attempts()),
            "",
            Report.Verdict.NONE));
    String section = "P5 idle cost while the node is down";
    c.report.detail(
        section,
        "Each client is started as its own process in its own network namespace (`unshare"
            + " --net`, loopback up), pointed at `"
            + uri
            + "`, the port of the cluster's replica, where nothing listens in that namespace: the"
            + " connection is refused exactly as by a stopped node. From the moment the process"
            + " reports that its monitor runs, the runner waits "
            + WARMUP_SECONDS
            + " s (class loading, JIT and the first reconnects are startup, not idle cost; they"
            + " are listed below), then samples the process's CPU time (`/proc/<pid>/stat`,"
            + " utime + stime) and its namespace's TCP `ActiveOpens` (`/proc/<pid>/net/snmp`,"
            + " one per SYN sent), waits "
            + seconds
            + " s, and samples again. litefs4j: `LiteFsClient.monitorPrimary()` with the default"
            + " reconnect policy (a JVM running `IdleMonitorMain`). Go baseline: the monitor loop"
            + " of litefs-go's client at bcdba8b, which calls `Next()` again at once after an"
            + " error.");
    c.report.detail(
        section,
        "- litefs4j: "
            + Report.num("%.3f", j.cpuSeconds())
            + " CPU s, "
            + j.attempts()
            + " connection attempts in "
            + Report.num("%.1f", j.windowSeconds())
            + " s; in the "
            + WARMUP_SECONDS
            + " s before: "
            + Report.num("%.3f", j.warmupCpuSeconds())
            + " CPU s, "
            + j.warmupAttempts()
            + " attempts. The same JVM without a monitor (control, run at the same time): "
            + Report.num("%.3f", jvm.cpuSeconds())
            + " CPU s, "
            + jvm.attempts()
            + " attempts.");
    c.report.detail(
        section,
        "- Go baseline: "
            + Report.num("%.3f", g.cpuSeconds())
            + " CPU s, "
            + g.attempts()
            + " connection attempts in "
            + Report.num("%.1f", g.windowSeconds())
            + " s; in the "
            + WARMUP_SECONDS
            + " s before: "
            + Report.num("%.3f", g.warmupCpuSeconds())
            + " CPU s, "
            + g.warmupAttempts()
            + " attempts ("
            + Report.num("%,.0f", Json.number(g.exit(), "requests"))
            + " GET /events requests counted by the program itself over its whole life).");
  }

  private static String percent(double share) {
    return Report.num("%.2f%% of a core", share * 100);
  }

  private static List<String> concat(List<String> command, String arg) {
    List<String> all = new ArrayList<>(command);
    all.add(arg);
    return all;
  }

  /** Starts a command in a new network namespace with loopback up. */
  private static Process start(List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    full.add("unshare");
    full.add("--net");
    full.add("--");
    full.add("sh");
    full.add("-c");
    full.add("ip link set lo up && exec \"$@\"");
    full.add("sh");
    full.addAll(command);
    return new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Measures processes over the same window once each has started its monitor. */
  private static Cost[] measure(int seconds, Process... processes) throws Exception {
    LineStream[] out = new LineStream[processes.length];
    try {
      for (int i = 0; i < processes.length; i++) {
        out[i] = new LineStream(processes[i], "P5 process " + processes[i].pid());
        out[i].await(m -> "started".equals(m.get("event")), Duration.ofSeconds(60), "started");
      }
      long[] cpuStart = new long[processes.length];
      long[] openStart = new long[processes.length];
      for (int i = 0; i < processes.length; i++) {
        cpuStart[i] = cpuTicks(processes[i].pid());
        openStart[i] = activeOpens(processes[i].pid());
      }
      Thread.sleep(WARMUP_SECONDS * 1000L);
      long[] cpu0 = new long[processes.length];
      long[] open0 = new long[processes.length];
      long t0 = System.nanoTime();
      for (int i = 0; i < processes.length; i++) {
        cpu0[i] = cpuTicks(processes[i].pid());
        open0[i] = activeOpens(processes[i].pid());
      }
      Thread.sleep(seconds * 1000L);
      Cost[] costs = new Cost[processes.length];
      long t1 = System.nanoTime();
      for (int i = 0; i < processes.length; i++) {
        long cpu = cpuTicks(processes[i].pid()) - cpu0[i];
        long opens = activeOpens(processes[i].pid()) - open0[i];
        costs[i] =
            new Cost(
                cpu / (double) ticksPerSecond(),
                opens,
                (t1 - t0) / 1e9,
                (cpu0[i] - cpuStart[i]) / (double) ticksPerSecond(),
                open0[i] - openStart[i],
                Map.of());
      }
      for (int i = 0; i < processes.length; i++) {
        // SIGTERM through the handle: Process.destroy() would also close our end of its stdout
        // at once, and the Go program would die of SIGPIPE printing its request count.
        processes[i].toHandle().destroy();
        Map<String, Object> exit = Map.of();
        try {
          if (!processes[i].waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + processes[i].pid() + " ignored SIGTERM");
          }
          exit = out[i].await(m -> m.containsKey("requests"), Duration.ofSeconds(1), "requests");
        } catch (IllegalStateException e) {
          // the Java process prints nothing on exit
        }
        Cost k = costs[i];
        costs[i] =
            new Cost(
                k.cpuSeconds(),
                k.attempts(),
                k.windowSeconds(),
                k.warmupCpuSeconds(),
                k.warmupAttempts(),
                exit);
      }
      return costs;
    } finally {
      for (Process p : processes) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  /** utime + stime of a process, in clock ticks. */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // f[0] is field 3 (state): utime is field 14, stime field 15.
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** The TCP ActiveOpens counter of the process's network namespace. */
  static long activeOpens(long pid) throws IOException {
    List<String> tcp =
        Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", "snmp")).stream()
            .filter(l -> l.startsWith("Tcp:"))
            .toList();
    String[] names = tcp.get(0).split("\\s+");
    String[] values = tcp.get(1).split("\\s+");
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals("ActiveOpens")) {
        return Long.parseLong(values[i]);
      }
    }
    throw new IOException("no ActiveOpens in /proc/" + pid + "/net/snmp");
  }

  private static long ticksPerSecond() {
    return 100; // USER_HZ on Linux x86_64 and aarch64
  }

  private static void checkUnshare() {
    try {
      Subprocess.run(
          Duration.ofSeconds(30),
          List.of("unshare", "--net", "--", "sh", "-c", "ip link set lo up"));
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "P5 needs `unshare --net` (util-linux) and `ip` (iproute2), run as root: "
              + e.getMessage(),
          e);
    }
  }
}
