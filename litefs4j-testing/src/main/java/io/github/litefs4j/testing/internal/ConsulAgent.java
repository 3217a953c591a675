package io.github.litefs4j.testing.internal;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * One Consul dev agent ({@code consul agent -dev}) for one cluster's leases: on 127.0.0.1 only, on
 * free ports (HTTP, serf LAN and WAN, server RPC), DNS and gRPC off, {@code session_ttl_min = "1s"}
 * so that LiteFS may use a lease TTL of a few seconds. A dev agent keeps its state in memory; its
 * folder holds only its config file and log.
 *
 * <p>The agent is launched with {@code -config-file <folder>/agent.hcl}, a folder under the
 * cluster's {@code litefs4j-cluster-*} directory: that is how {@code scripts/cleanup-litefs}
 * recognises an orphaned agent.
 *
 * <p>Not thread-safe: the owning cluster serialises start and stop. {@link #isRunning()} and {@link
 * #pid()} may be called from any thread.
 */
public final class ConsulAgent {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j.testing");
  private static final Duration POLL = Duration.ofMillis(25);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 5;
  private static final int LOG_LINES = 30;

  private final Path binary;
  private final Path dir;
  private final Path configFile;
  private final Path logFile;
  private volatile Process process;
  private volatile int httpPort;

  /**
   * A handle; nothing is started.
   *
   * @param binary the {@code consul} executable
   * @param dir the agent's own folder (created on start)
   */
  public ConsulAgent(Path binary, Path dir) {
    this.binary = binary;
    this.dir = dir;
    this.configFile = dir.resolve("agent.hcl");
    this.logFile = dir.resolve("consul.log");
  }

  /** The agent's HTTP API, {@code http://127.0.0.1:<port>}. */
  public URI httpUri() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** The agent's log file. */
  public Path logFile() {
    return logFile;
  }

  /** Whether the agent process is alive. */
  public boolean isRunning() {
    return Processes.isAlive(process);
  }

  /**
   * The agent's pid.
   *
   * @throws IllegalStateException if it is not running
   */
  public long pid() {
    return Processes.pid(process, "the Consul agent is not running");
  }

  /**
   * Starts the agent and waits until it has elected itself leader (its {@code /v1/status/leader}
   * names an address). A port taken between picking and binding is retried with new ports.
   *
   * @throws LiteFsClusterException if it exits or is not ready in time (with its log tail; it is
   *     killed)
   */
  public void start(IntSupplier ports, Duration timeout) {
    for (int attempt = 1; ; attempt++) {
      launch(ports);
      try {
        awaitLeader(timeout);
        return;
      } catch (LiteFsClusterException e) {
        kill();
        boolean portTaken = LogFiles.tail(logFile, LOG_LINES).contains("address already in use");
        if (!portTaken || attempt >= PORT_ATTEMPTS) {
          throw e;
        }
        LOG.log(Level.INFO, "Consul agent: a port was taken before it could bind; new ports");
      }
    }
  }

  private void launch(IntSupplier ports) {
    httpPort = ports.getAsInt();
    List<String> command =
        List.of(
            binary.toString(),
            "agent",
            "-dev",
            "-config-file",
            configFile.toString(),
            "-node",
            "litefs4j",
            "-bind",
            "127.0.0.1",
            "-client",
            "127.0.0.1",
            "-http-port",
            String.valueOf(httpPort),
            "-dns-port",
            "-1",
            "-grpc-port",
            "-1",
            "-grpc-tls-port",
            "-1",
            "-serf-lan-port",
            String.valueOf(ports.getAsInt()),
            "-serf-wan-port",
            String.valueOf(ports.getAsInt()),
            "-server-port",
            String.valueOf(ports.getAsInt()));
    try {
      Files.createDirectories(dir);
      Files.writeString(
          configFile,
          "# Consul dev agent of a litefs4j test cluster. LiteFS leases of a few seconds need a\n"
              + "# session TTL below Consul's default minimum of 10 s.\n"
              + "session_ttl_min = \"1s\"\n"
              + "disable_update_check = true\n",
          StandardCharsets.UTF_8);
      Files.writeString(
          logFile,
          "----- litefs4j: starting at " + Instant.now() + ": " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw failure("cannot be started with " + String.join(" ", command), e);
    }
    LOG.log(Level.DEBUG, "Consul agent: started pid {0}", String.valueOf(process.pid()));
  }

  private void awaitLeader(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI leader = httpUri().resolve("/v1/status/leader");
    try {
      while (true) {
        Process p = process;
        if (!p.isAlive()) {
          throw failure("exited with code " + p.exitValue() + " while starting", null);
        }
        boolean ready =
            InfoProbe.get(leader)
                .filter(r -> r.status() == 200 && r.body().matches("\\s*\"[^\"]+\"\\s*"))
                .isPresent();
        if (ready) {
          return;
        }
        if (System.nanoTime() - deadline > 0) {
          throw failure("did not elect itself leader within " + timeout, null);
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("was interrupted while starting", e);
    }
  }

  /**
   * Stops the agent: SIGTERM (a dev agent shuts down at once), up to 10 s, then SIGKILL. No-op if
   * it is not running. Never cut short by an interrupt (the flag is restored).
   *
   * @throws LiteFsClusterException if it survives SIGKILL
   */
  public void stop() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!Processes.waitForExit(p, STOP_GRACE)) {
      LOG.log(Level.WARNING, "Consul agent pid {0} ignored SIGTERM; SIGKILL", p.pid());
      kill();
    }
  }

  private void kill() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      if (!Processes.waitForExit(p, STOP_GRACE)) {
        throw failure("did not exit within " + STOP_GRACE + " of SIGKILL", null);
      }
    }
  }

  private LiteFsClusterException failure(String what, Throwable cause) {
    String message =
        "the Consul agent "
            + what
            + ". Last "
            + LOG_LINES
            + " lines of "
            + logFile
            + ":\n"
            + LogFiles.tail(logFile, LOG_LINES);
    return new LiteFsClusterException(message, cause);
  }
}
