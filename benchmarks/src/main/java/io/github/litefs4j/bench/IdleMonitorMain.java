package io.github.litefs4j.bench;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.PrimaryMonitor;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * The Java process of P5: a litefs4j primary monitor pointed at a node that is down, doing nothing
 * else until the runner ends the process. With {@code none}, a JVM that starts no monitor (the
 * control: what an idle JVM costs by itself). Prints {@code {"event":"started"}} when the monitor
 * runs.
 */
public final class IdleMonitorMain {
  private IdleMonitorMain() {}

  /**
   * Runs until killed.
   *
   * @param args the node's base URI, or {@code none}
   * @throws InterruptedException never in practice: the process is ended by a signal
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: IdleMonitorMain BASE_URI|none");
      System.exit(2);
    }
    PrimaryMonitor monitor = null;
    if (!"none".equals(args[0])) {
      monitor = LiteFsClient.create(URI.create(args[0])).monitorPrimary();
    }
    System.out.println("{\"event\":\"started\",\"monitor\":" + (monitor != null) + "}");
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
