package io.github.litefs4j.examples;

import io.github.litefs4j.examples.dashboard.DemoApp;

/**
 * The demo's command line, run by {@code scripts/demo}: a three-node LiteFS cluster with a live
 * dashboard.
 *
 * <pre>
 * Demo [--once] [--port N]
 *   --once     run the scripted tour (writes on every node, a killed primary, failover, every row
 *              on every node) and exit: 0 if every check held, 1 if one failed
 *   --port N   serve the dashboard on 127.0.0.1:N (default: a free port)
 * </pre>
 */
public final class Demo {
  private Demo() {}

  /**
   * Runs the demo and exits with its status.
   *
   * @param args {@code [--once] [--port N]}
   */
  public static void main(String[] args) {
    boolean once = false;
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--once" -> once = true;
        case "--port" -> port = port(i + 1 < args.length ? args[++i] : "");
        case "--help", "-h" -> {
          System.out.println("usage: scripts/demo [--once] [--port N]");
          return;
        }
        default -> usage("unknown option: " + args[i]);
      }
    }
    System.exit(DemoApp.run(once, port, System.out));
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    usage("--port needs a number from 0 to 65535, got \"" + text + "\"");
    return 0;
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: scripts/demo [--once] [--port N]");
    System.exit(64);
  }
}
