package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.testing.LiteFsNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The demo: a three-node LiteFS cluster on this machine, the dashboard on a local URL, and the
 * story in the terminal. Interactive by default (until Ctrl-C); {@link #run} with {@code once} runs
 * the scripted {@link Tour} instead and reports whether every check held.
 *
 * <p>Whatever ends the demo (the tour's end, Ctrl-C, SIGTERM, a failure), everything is closed in
 * reverse order of start: the page's server, the watchers, the writer, the cluster (which stops
 * every LiteFS process and removes every mount); a JVM shutdown hook does it on a signal.
 *
 * <p>Not thread-safe: call {@link #run} once per JVM.
 */
public final class DemoApp {
  private static final Duration PRIMARY_TIMEOUT = Duration.ofSeconds(30);

  private final Narrator narrator;
  private final PrintStream out;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Path> mounts = new ArrayList<>();
  private final List<LiteFsNode> nodes = new ArrayList<>();

  private DemoApp(PrintStream out) {
    this.out = out;
    this.narrator = new Narrator(out);
  }

  /**
   * Runs the demo.
   *
   * @param once run the scripted tour and return, instead of serving until the JVM is stopped
   * @param port the dashboard's port on 127.0.0.1, or 0 for a free one
   * @param out where the story is told
   * @return the exit status: 0 when the tour's every check held (or, interactive, never returns
   *     normally: the JVM is stopped by a signal), 1 when a check failed or the demo could not
   *     start, 2 when something was left behind
   * @throws InterruptedException if the thread is interrupted
   */
  public static int run(boolean once, int port, PrintStream out) throws InterruptedException {
    DemoApp app = new DemoApp(out);
    Thread hook = new Thread(app::shutDownOnSignal, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int status;
    try {
      status = app.start(once, port);
    } finally {
      if (once) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    int cleanup = app.closeAll();
    return status != 0 ? status : cleanup;
  }

  private int start(boolean once, int port) throws InterruptedException {
    try {
      narrator.step("Starting a LiteFS cluster of 3 nodes: real litefs processes and FUSE mounts");
      DemoCluster cluster = remember(DemoCluster.start());
      for (LiteFsNode node : cluster.nodes()) {
        nodes.add(node);
        mounts.add(node.mountDir());
        narrator.say(node.name() + ": mount " + node.mountDir() + ", HTTP API " + node.httpUri());
      }
      narrator.say(
          cluster.canFailOver()
              ? "lease: Consul; every node is a candidate, the primary can move"
              : "lease: static; node-0 is the primary for ever (no failover)");
      LiteFsNode primary = cluster.awaitPrimary(PRIMARY_TIMEOUT);
      narrator.say("primary: " + primary.name());

      RowWriter writer = remember(new HaltRowWriter(cluster));
      writer.prepare(primary);
      narrator.say(
          "table "
              + writer.rows().table()
              + " in "
              + writer.rows().database()
              + " created on the primary; writes: "
              + writer.description());

      Dashboard dashboard = remember(new Dashboard(cluster, writer, narrator));
      Actions actions = new Actions(dashboard);
      DashboardServer server = remember(DashboardServer.start(port, dashboard, actions));
      narrator.step("Dashboard: " + server.uri());
      if (once) {
        int checks = new Tour(dashboard, actions).run();
        narrator.step("Tour complete: all " + checks + " checks held");
        return 0;
      }
      narrator.say("Open it in a browser: live node states, writes, kill / restart / hand off.");
      narrator.say("Ctrl-C stops the demo and removes every LiteFS process and mount.");
      new CountDownLatch(1).await(); // until the JVM is stopped; the shutdown hook closes all
      return 0;
    } catch (Tour.Failed e) {
      out.println();
      out.println("demo --once FAILED: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      out.println();
      out.println("demo FAILED: " + CoreErrors.describe(e));
      e.printStackTrace(out);
      return 1;
    }
  }

  private <T extends AutoCloseable> T remember(T resource) {
    synchronized (open) {
      open.add(resource);
    }
    return resource;
  }

  private void shutDownOnSignal() {
    out.println();
    out.println("==> Stopping (signal): closing the dashboard and the cluster");
    closeAll();
  }

  /** Closes everything in reverse order; 0 if no process or mount is left, 2 otherwise. */
  private int closeAll() {
    List<AutoCloseable> reverse;
    synchronized (open) {
      reverse = new ArrayList<>(open);
      open.clear();
    }
    if (reverse.isEmpty()) {
      return 0;
    }
    for (int i = reverse.size() - 1; i >= 0; i--) {
      try {
        reverse.get(i).close();
      } catch (Exception e) {
        out.println("    closing " + reverse.get(i).getClass().getSimpleName() + " failed: " + e);
      }
    }
    List<String> left = new ArrayList<>();
    String mountTable = readMountTable();
    for (Path mount : mounts) {
      if (mountTable.contains(" " + mount + " ")) {
        left.add("mount " + mount);
      }
    }
    for (LiteFsNode node : nodes) {
      if (node.isRunning()) {
        left.add("process of " + node.name());
      }
    }
    if (left.isEmpty()) {
      out.println("    stopped: no LiteFS process or mount left behind.");
      return 0;
    }
    out.println("    LEFT BEHIND: " + left + " (run scripts/cleanup-litefs)");
    return 2;
  }

  private static String readMountTable() {
    try {
      return Files.readString(Path.of("/proc/self/mountinfo"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
