package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.testing.LiteFsNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The demo: a three-node LiteFS cluster on this machine, the dashboard on a local URL, and the
 * story in the terminal. {@link #run} is the command line's entry (interactive until a signal, or
 * the scripted {@link Tour} with {@code once}); {@link #start} starts the same demo for a test.
 *
 * <pre>{@code
 * try (DemoApp demo = DemoApp.start(0, System.out)) {
 *   URI page = demo.dashboardUri(); // http://127.0.0.1:<port>/
 * }
 * }</pre>
 *
 * <p>Whatever ends the demo (the tour's end, Ctrl-C, SIGTERM, a failure), everything is closed in
 * reverse order of start: the page's server, the watchers, the writer, the cluster (which stops
 * every LiteFS process and removes every mount).
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, also while starting.
 */
public final class DemoApp implements AutoCloseable {
  private static final Duration PRIMARY_TIMEOUT = Duration.ofSeconds(30);

  private final Narrator narrator;
  private final PrintStream out;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Path> mounts = new ArrayList<>();
  private final List<LiteFsNode> nodes = new ArrayList<>();
  private Dashboard dashboard;
  private Actions actions;
  private DashboardServer server;

  private DemoApp(PrintStream out) {
    this.out = out;
    this.narrator = new Narrator(out);
  }

  /**
   * Starts the cluster, the watchers and the dashboard's server, telling each step on {@code out}.
   *
   * @param port the dashboard's port on 127.0.0.1, or 0 for a free one
   * @param out where the story is told
   * @return the running demo; close it to stop everything
   * @throws Exception if something cannot start (what was started is closed again)
   */
  public static DemoApp start(int port, PrintStream out) throws Exception {
    DemoApp app = new DemoApp(out);
    try {
      app.startAll(port);
      return app;
    } catch (Exception | Error e) {
      app.close();
      throw e;
    }
  }

  /**
   * Runs the demo for the command line.
   *
   * @param once run the scripted tour and return, instead of serving until the JVM is stopped
   * @param port the dashboard's port on 127.0.0.1, or 0 for a free one
   * @param out where the story is told
   * @return the exit status: 0 when the tour's every check held (interactive, it returns only if
   *     interrupted), 1 when a check failed or the demo could not start, 2 when a process or mount
   *     was left behind
   */
  public static int run(boolean once, int port, PrintStream out) {
    DemoApp app = new DemoApp(out);
    Thread hook = new Thread(app::shutDownOnSignal, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int status;
    try {
      app.startAll(port);
      if (once) {
        int checks = new Tour(app.dashboard, app.actions).run();
        app.narrator.step("Tour complete: all " + checks + " checks held");
      } else {
        app.narrator.say(
            "Open it in a browser: live node states, writes, kill / restart / hand off.");
        app.narrator.say("Ctrl-C stops the demo and removes every LiteFS process and mount.");
        new CountDownLatch(1).await(); // until a signal: the shutdown hook closes everything
      }
      status = 0;
    } catch (Tour.Failed e) {
      out.println();
      out.println("demo --once FAILED: " + e.getMessage());
      status = 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 1;
    } catch (Exception e) {
      out.println();
      out.println("demo FAILED: " + CoreErrors.describe(e));
      e.printStackTrace(out);
      status = 1;
    }
    int cleanup = app.closeAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already shutting down: the hook runs, and finds nothing left to close
    }
    return status != 0 ? status : cleanup;
  }

  /**
   * The dashboard's address.
   *
   * @return {@code http://127.0.0.1:<port>/}
   */
  public URI dashboardUri() {
    return server.uri();
  }

  private void startAll(int port) throws Exception {
    narrator.step("Starting a LiteFS cluster of 3 nodes: real litefs processes and FUSE mounts");
    DemoCluster cluster = remember(DemoCluster.start());
    for (LiteFsNode node : cluster.nodes()) {
      synchronized (open) {
        nodes.add(node);
        mounts.add(node.mountDir());
      }
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

    dashboard = remember(new Dashboard(cluster, writer, narrator));
    actions = new Actions(dashboard);
    server = remember(DashboardServer.start(port, dashboard, actions));
    narrator.step("Dashboard: " + server.uri());
  }

  private <T extends AutoCloseable> T remember(T resource) {
    synchronized (open) {
      open.add(resource);
    }
    return resource;
  }

  private void shutDownOnSignal() {
    synchronized (open) {
      if (open.isEmpty()) {
        return;
      }
    }
    out.println();
    out.println("==> Stopping (signal): closing the dashboard and the cluster");
    closeAll();
  }

  /** Stops everything the demo started; idempotent. */
  @Override
  public void close() {
    closeAll();
  }

  /** Closes everything in reverse order; 0 if no process or mount is left, 2 otherwise. */
  private int closeAll() {
    narrator.mute();
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
