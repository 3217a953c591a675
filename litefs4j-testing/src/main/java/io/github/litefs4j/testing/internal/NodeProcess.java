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
import java.util.Optional;

/**
 * One {@code litefs mount} process and its files: config, log, FUSE mount and data directory.
 * Starts the process (output appended to the log file), polls for conditions while watching for an
 * early exit, stops it gracefully or kills it, and always leaves no mount behind.
 *
 * <p>Not thread-safe by itself: the owning {@code LiteFsNode} serializes lifecycle calls. {@link
 * #isRunning()} and {@link #pid()} may be called from any thread.
 */
public final class NodeProcess {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j.testing");

  /** How many log lines a failure message carries. */
  public static final int FAILURE_LOG_LINES = 30;

  private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private static final Duration CONNECTED_STEADY = Duration.ofMillis(100);

  /** A wait that ends at a {@link System#nanoTime()} deadline. */
  @FunctionalInterface
  public interface Wait {
    /** Waits; throws if what it waits for does not happen by {@code deadlineNanos}. */
    void run(long deadlineNanos) throws InterruptedException;
  }

  /** A condition polled until it holds. */
  @FunctionalInterface
  public interface Condition {
    /** Whether the awaited state is reached. */
    boolean holds() throws InterruptedException;
  }

  private final String name;
  private final Path binary;
  private final Path nodeDir;
  private final Path mountDir;
  private final Path dataDir;
  private final Path configFile;
  private final Path logFile;
  private final List<String> commandPrefix;
  private volatile Process process;
  private volatile long launchOffset;

  /**
   * Creates the handle; nothing is started or written.
   *
   * @param name node name, for messages
   * @param binary the {@code litefs} executable
   * @param nodeDir the node's own directory (holds the config, log, mount and data)
   */
  public NodeProcess(String name, Path binary, Path nodeDir) {
    this(name, binary, nodeDir, List.of());
  }

  /**
   * Creates the handle of a node launched as {@code <commandPrefix...> litefs mount ...}, for
   * example {@code nsenter --net=/run/netns/<ns>}; the prefix must exec LiteFS in the same process.
   */
  public NodeProcess(String name, Path binary, Path nodeDir, List<String> commandPrefix) {
    this.commandPrefix = List.copyOf(commandPrefix);
    this.name = name;
    this.binary = binary;
    this.nodeDir = nodeDir;
    this.mountDir = nodeDir.resolve("mnt");
    this.dataDir = nodeDir.resolve("data");
    this.configFile = nodeDir.resolve("litefs.yml");
    this.logFile = nodeDir.resolve("litefs.log");
  }

  /** The node name. */
  public String name() {
    return name;
  }

  /** The FUSE mount directory. */
  public Path mountDir() {
    return mountDir;
  }

  /** LiteFS's data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The LiteFS config file. */
  public Path configFile() {
    return configFile;
  }

  /** The log file the process writes to. */
  public Path logFile() {
    return logFile;
  }

  /** Writes the node's config file, creating its directories on first use. */
  public void writeConfig(NodeConfig config) {
    try {
      Files.createDirectories(nodeDir);
      if (!Mounts.isFuseMounted(mountDir)) {
        Files.createDirectories(mountDir);
      }
      Files.createDirectories(dataDir);
      Files.writeString(configFile, config.toYaml(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LiteFsClusterException(name + ": cannot write its config " + configFile, e);
    }
  }

  /** Whether the process is alive. */
  public boolean isRunning() {
    return Processes.isAlive(process);
  }

  /**
   * The pid of the running process.
   *
   * @throws IllegalStateException if it is not running
   */
  public long pid() {
    return Processes.pid(process, name + " is not running");
  }

  /**
   * Starts {@code litefs mount}, appending its output to the log file after a marker line. A stale
   * mount from an earlier crash is removed first. Does not wait for anything.
   */
  public void launch() {
    if (isRunning()) {
      throw new IllegalStateException(name + " is already running (pid " + pid() + ")");
    }
    Mounts.unmount(name, mountDir);
    List<String> command = new java.util.ArrayList<>(commandPrefix);
    command.addAll(
        List.of(binary.toString(), "mount", "-config", configFile.toString(), "-no-expand-env"));
    try {
      launchOffset = LogFiles.size(logFile);
      Files.writeString(
          logFile,
          "----- litefs4j: starting "
              + name
              + " at "
              + Instant.now()
              + ": "
              + String.join(" ", command)
              + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process =
          new ProcessBuilder(command)
              .directory(nodeDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw failure("cannot start " + String.join(" ", command), e);
    }
    LOG.log(
        Level.DEBUG,
        "{0}: started pid {1} with {2}",
        name,
        String.valueOf(process.pid()),
        configFile);
  }

  /** Everything the process logged since the last {@link #launch()}. */
  public String logSinceLaunch() {
    return LogFiles.since(logFile, launchOffset);
  }

  /**
   * Polls {@code condition} every 25 ms until it holds.
   *
   * @param what what is awaited, for the failure message
   * @param deadlineNanos {@link System#nanoTime()} after which the wait fails
   * @param budget the whole wait, for the failure message
   * @param condition polled until it holds
   * @throws LiteFsClusterException if the process exits or the deadline passes (the process is left
   *     as it is: the caller decides whether to kill it)
   * @throws InterruptedException if the calling thread is interrupted
   */
  public void await(String what, long deadlineNanos, Duration budget, Condition condition)
      throws InterruptedException {
    while (true) {
      Process p = process;
      if (p == null || !p.isAlive()) {
        throw failure(
            "exited"
                + (p == null ? "" : " with code " + p.exitValue())
                + " while waiting for "
                + what,
            null);
      }
      if (condition.holds()) {
        return;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw failure("did not reach " + what + " within " + budget, null);
      }
      Thread.sleep(Math.min(POLL_INTERVAL.toMillis(), Math.max(1, left / 1_000_000)));
    }
  }

  /**
   * Waits until {@code .primary} can be read, steadily for {@link #CONNECTED_STEADY}. The file is
   * read, not stat'ed: the kernel caches the FUSE directory entry, so a stat can still find it
   * after the replica lost the primary. And LiteFS shows the file while a connection attempt is
   * under way, also one that fails a moment later, so one successful read is not enough.
   *
   * @param primary what the node connects to, for the failure message ("the primary node-0")
   */
  public void awaitPrimaryFile(String primary, long deadlineNanos, Duration budget)
      throws InterruptedException {
    long[] readableSince = {-1};
    await(
        "a connection to " + primary + " (" + mountDir.resolve(".primary") + " to be readable)",
        deadlineNanos,
        budget,
        () -> {
          if (readPrimaryFile().isEmpty()) {
            readableSince[0] = -1;
            return false;
          }
          long now = System.nanoTime();
          if (readableSince[0] < 0) {
            readableSince[0] = now;
          }
          return now - readableSince[0] >= CONNECTED_STEADY.toNanos();
        });
  }

  /**
   * Runs {@code wait} with a deadline {@code budget} from now; if it fails or is interrupted, the
   * process is killed and its mount removed (a kill failure is added as suppressed), and the
   * failure is thrown (an interrupt as a {@link LiteFsClusterException}, the flag set again).
   */
  public void awaitOrKill(Duration budget, Wait wait) {
    try {
      wait.run(System.nanoTime() + budget.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LiteFsClusterException failure = failure("was interrupted while starting; it was killed", e);
      killQuietly(failure);
      throw failure;
    } catch (RuntimeException e) {
      killQuietly(e);
      throw e;
    }
  }

  private void killQuietly(RuntimeException failure) {
    try {
      kill();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Waits until {@code GET <base>/info} says the node holds the lease. */
  public void awaitInfoPrimary(URI base, long deadlineNanos, Duration budget)
      throws InterruptedException {
    await(
        "GET " + base + "/info to report isPrimary=true",
        deadlineNanos,
        budget,
        () -> InfoProbe.info(base).map(InfoProbe::saysPrimary).orElse(false));
  }

  /**
   * Waits until the node holds the lease or names a primary in {@code /info} and, as a replica, can
   * read its {@code .primary} file steadily (see {@link #awaitPrimaryFile}).
   */
  public void awaitPrimaryOrConnected(URI base, long deadlineNanos, Duration budget)
      throws InterruptedException {
    await(
        "GET " + base + "/info to report isPrimary=true or a primary hostname",
        deadlineNanos,
        budget,
        () ->
            InfoProbe.parsedInfo(base)
                .map(i -> i.isPrimary() || !i.primaryHostname().isEmpty())
                .orElse(false));
    if (!InfoProbe.info(base).map(InfoProbe::saysPrimary).orElse(false)) {
      awaitPrimaryFile("a primary", deadlineNanos, budget);
    }
  }

  /**
   * The content of the mount's {@code .primary} file, stripped: the hostname of the primary this
   * replica is connected to; empty when the file is absent (on the primary, and on a replica
   * without a primary) or blank.
   */
  public Optional<String> readPrimaryFile() {
    try {
      String text = Files.readString(mountDir.resolve(".primary")).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException e) {
      return Optional.empty(); // absent (ENOENT) while the replica has no primary
    }
  }

  /**
   * Stops gracefully: SIGTERM, up to {@code grace} for the exit, then SIGKILL; then makes sure the
   * mount is gone. No-op for the process if it is not running (the mount is still checked).
   */
  public void stop(Duration grace) {
    Process p = process;
    if (p != null && p.isAlive()) {
      LOG.log(Level.DEBUG, "{0}: stopping pid {1}", name, String.valueOf(p.pid()));
      p.destroy();
      if (!Processes.waitForExit(p, grace)) {
        LOG.log(
            Level.WARNING,
            "{0}: pid {1} did not exit within {2} of SIGTERM; sending SIGKILL",
            name,
            String.valueOf(p.pid()),
            grace);
        p.destroyForcibly();
        if (!Processes.waitForExit(p, KILL_WAIT)) {
          throw failure("did not exit within " + KILL_WAIT + " of SIGKILL", null);
        }
      }
    }
    Mounts.unmount(name, mountDir);
  }

  /** SIGKILL (a crash), then removes the stale FUSE mount. No-op for a process that has exited. */
  public void kill() {
    Process p = process;
    if (p != null && p.isAlive()) {
      LOG.log(Level.DEBUG, "{0}: killing pid {1}", name, String.valueOf(p.pid()));
      p.destroyForcibly();
      if (!Processes.waitForExit(p, KILL_WAIT)) {
        throw failure("did not exit within " + KILL_WAIT + " of SIGKILL", null);
      }
    }
    Mounts.unmount(name, mountDir);
  }

  /** The last {@code lines} lines of the log file. */
  public String logTail(int lines) {
    return LogFiles.tail(logFile, lines);
  }

  /**
   * An exception naming this node and what happened, ending with the last lines of its log.
   *
   * @param what what went wrong ("exited with code 1 while waiting for ...")
   */
  public LiteFsClusterException failure(String what, Throwable cause) {
    String message =
        "LiteFS node "
            + name
            + " "
            + what
            + ". Last "
            + FAILURE_LOG_LINES
            + " lines of "
            + logFile
            + ":\n"
            + LogFiles.tail(logFile, FAILURE_LOG_LINES);
    return cause == null
        ? new LiteFsClusterException(message)
        : new LiteFsClusterException(message, cause);
  }
}
